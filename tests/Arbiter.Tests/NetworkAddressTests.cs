using System.Net;
using Arbiter.Webhooks;

namespace Arbiter.Tests;

/// <summary>The public internet passes, whatever the spelling; every range that is not it is refused.</summary>
public sealed class NetworkAddressTests
{
    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2002:808:808::")]
    public void A_public_address_may_be_reached(string address) =>
        Assert.Null(NetworkAddresses.WhyRefused(IPAddress.Parse(address), allowPrivate: false));

    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("::ffff:10.0.0.1", "a private address")]
    [InlineData("172.31.255.255", "a private address")]
    [InlineData("169.254.169.254", "a link-local address (cloud metadata lives there)")]
    [InlineData("fd12:3456::1", "a unique-local address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("fec0::1", "a site-local address")]
    [InlineData("ff05::2", "a multicast address")]
    [InlineData("239.1.1.1", "a multicast address")]
    [InlineData("198.18.0.1", "a reserved address")]
    [InlineData("2001:db8::1", "a reserved address")]
    [InlineData("64:ff9b::a00:1", "a private address")]
    [InlineData("::", "an unspecified address")]
    public void An_address_inside_some_network_is_refused_and_says_why(string address, string why) =>
        Assert.Equal(why, NetworkAddresses.WhyRefused(IPAddress.Parse(address), allowPrivate: false));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("192.168.1.20")]
    [InlineData("100.64.0.1")]
    [InlineData("fd12:3456::1")]
    public void The_sandbox_switch_opens_loopback_and_private_networks(string address) =>
        Assert.Null(NetworkAddresses.WhyRefused(IPAddress.Parse(address), allowPrivate: true));

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("224.0.0.1")]
    [InlineData("0.0.0.0")]
    public void The_sandbox_switch_keeps_metadata_and_multicast_closed(string address) =>
        Assert.NotNull(NetworkAddresses.WhyRefused(IPAddress.Parse(address), allowPrivate: true));
}
