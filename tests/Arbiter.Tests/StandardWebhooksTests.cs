using System.Text;
using Arbiter.Webhooks;

namespace Arbiter.Tests;

/// <summary>The Standard Webhooks signature, against the standard's own example, and the keys of secrets made before it.</summary>
public class StandardWebhooksTests
{
    [Fact]
    public void The_signature_is_the_standards_example()
    {
        using var request = new HttpRequestMessage();
        StandardWebhooks.Sign(request.Headers, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("{\"test\": 2432232314}"), ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]);

        Assert.Equal("msg_p5jXN8AQM9LWM0D4loKWxJek", Assert.Single(request.Headers.GetValues("webhook-id")));
        Assert.Equal("1614265330", Assert.Single(request.Headers.GetValues("webhook-timestamp")));
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", Assert.Single(request.Headers.GetValues("webhook-signature")));
    }

    [Fact]
    public void A_new_secret_is_32_bytes_in_standard_base64_and_an_older_url_safe_one_keeps_its_key()
    {
        var secret = StandardWebhooks.NewSecret();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);

        var key = Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray();
        var urlSafe = "whsec_" + Convert.ToBase64String(key).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(key, StandardWebhooks.Key(urlSafe));
        Assert.Equal(Encoding.UTF8.GetBytes("whsec_wrong"), StandardWebhooks.Key("whsec_wrong"));
    }
}
