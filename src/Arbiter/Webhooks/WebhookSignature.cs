using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Arbiter.Webhooks;

/// <summary>
/// How a receiver knows a delivery came from Arbiter and was not replayed: the header
/// <c>Arbiter-Signature: t={unix seconds},v1={hex}</c>, where the hex is HMAC-SHA256, keyed with the
/// endpoint's secret, of <c>{t}.{body}</c>. While a rotated secret overlaps the new one, both sign
/// (one <c>v1</c> each): a receiver accepts a delivery when any <c>v1</c> matches a secret it knows
/// and <c>t</c> is recent.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "Arbiter-Signature";

    public static string Sign(IEnumerable<string> secrets, long timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        var signatures = secrets.Select(secret => "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)));
        return string.Join(',', [$"t={timestamp.ToString(CultureInfo.InvariantCulture)}", .. signatures]);
    }
}
