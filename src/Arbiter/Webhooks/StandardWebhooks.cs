using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Arbiter.Webhooks;

/// <summary>
/// The Standard Webhooks headers (standardwebhooks.com), beside Arbiter's own signature, so that a
/// receiver verifies a delivery with that standard's library in any language: <c>webhook-id</c> (the
/// event's id, the same on every redelivery), <c>webhook-timestamp</c> (Unix seconds) and
/// <c>webhook-signature</c>, <c>v1,{base64 of HMAC-SHA256(key, "{id}.{timestamp}.{body}")}</c> once for
/// each secret that signs now. The key is the secret's part after <c>whsec_</c>, base64-decoded.
/// </summary>
internal static class StandardWebhooks
{
    public const string Prefix = "whsec_";

    public static void Sign(HttpRequestHeaders headers, string eventId, long timestamp, byte[] body, IEnumerable<string> secrets)
    {
        var time = timestamp.ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes($"{eventId}.{time}.").Concat(body).ToArray();
        headers.Add("webhook-id", eventId);
        headers.Add("webhook-timestamp", time);
        headers.Add("webhook-signature", string.Join(' ', secrets.Select(s => "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(s), signed)))));
    }

    /// <summary>A new secret: 32 random bytes, as the standard writes them.</summary>
    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The key of a secret. Secrets made before the standard headers are URL-safe base64 without
    /// padding; they decode to their key the same way, though a strict library needs them rotated.
    /// A secret that is no base64 at all (set by hand) is its own UTF-8 bytes, so that it still signs.
    /// </summary>
    public static byte[] Key(string secret)
    {
        var text = (secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret).Replace('-', '+').Replace('_', '/');
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var key = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, key, out var length) ? key[..length] : Encoding.UTF8.GetBytes(secret);
    }
}
