using Arbiter.Hosting;
using Arbiter.Webhooks;

namespace Arbiter.Tests;

/// <summary>The command line's switches as API.md names them.</summary>
public sealed class ServeOptionsTests
{
    [Fact]
    public void Webhooks_stay_on_the_public_internet_over_https_unless_the_operator_says_otherwise()
    {
        Assert.Equal(new WebhookNetwork(), ServeOptions.Parse([]).Options!.Webhooks);
        Assert.False(new WebhookNetwork().Http);
    }

    [Fact]
    public void The_sandbox_switch_opens_private_networks_and_plain_http()
    {
        var network = ServeOptions.Parse(["--allow-private-webhooks"]).Options!.Webhooks;

        Assert.True(network.AllowPrivate);
        Assert.True(network.Http);
    }

    [Fact]
    public void Sealing_keys_come_from_every_certificate_and_the_key_file_given()
    {
        var options = ServeOptions.Parse(["--secrets-certificate", "a.pem", "--secrets-certificate", "b.pfx", "--secrets-key-file", "old.key"]).Options!;

        Assert.Equal(["a.pem", "b.pfx"], options.SecretsCertificates);
        Assert.Equal("old.key", options.SecretsKeyFile);
    }
}
