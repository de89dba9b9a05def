using System.Net;
using System.Net.Sockets;

namespace Arbiter.Webhooks;

/// <summary>
/// Which addresses a webhook may never reach: everything that is not the public internet, so that
/// registering an endpoint cannot make Arbiter call into its own network (SSRF). Addresses that
/// carry an IPv4 address inside IPv6 (mapped, NAT64, 6to4) are judged by the IPv4 address.
/// </summary>
internal static class NetworkAddresses
{
    /// <summary>Why a webhook may not connect to <paramref name="address"/>; null when it may.</summary>
    /// <param name="allowPrivate">The sandbox switch: loopback and private networks (IPv4 private and shared, IPv6 unique-local) pass; link-local, where cloud metadata answers, never does.</param>
    public static string? WhyRefused(IPAddress address, bool allowPrivate)
    {
        var judged = EmbeddedIPv4(address) ?? address;
        if (IPAddress.IsLoopback(judged))
        {
            return allowPrivate ? null : Loopback;
        }

        var b = judged.GetAddressBytes();
        var why = judged.AddressFamily == AddressFamily.InterNetwork ? IPv4(b) : IPv6(judged, b);
        return allowPrivate && why is Private or Shared or UniqueLocal ? null : why;
    }

    private const string Loopback = "a loopback address";
    private const string Private = "a private address";
    private const string Shared = "a shared (carrier-grade NAT) address";
    private const string UniqueLocal = "a unique-local address";

    private static string? IPv4(byte[] b) => b switch
    {
        [0, ..] => "an unspecified address",
        [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => Private,
        [100, >= 64 and <= 127, ..] => Shared,
        [169, 254, ..] => "a link-local address (cloud metadata lives there)",
        [192, 0, 0, _] or [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] or [198, 18 or 19, ..] => "a reserved address",
        [>= 224 and <= 239, ..] => "a multicast address",
        [>= 240, ..] => "a reserved or broadcast address",
        _ => null,
    };

    private static string? IPv6(IPAddress address, byte[] b)
    {
        if (address.Equals(IPAddress.IPv6None))
        {
            return "an unspecified address";
        }

        return b switch
        {
            [0xfe, >= 0x80 and <= 0xbf, ..] => "a link-local address",
            [0xfe, >= 0xc0, ..] => "a site-local address",
            [0xfc or 0xfd, ..] => UniqueLocal,
            [0xff, ..] => "a multicast address",
            [0x20, 0x01, 0x0d, 0xb8, ..] or [0x01, 0x00, 0, 0, 0, 0, 0, 0, ..] => "a reserved address",
            _ => null,
        };
    }

    /// <summary>The IPv4 address an IPv6 one stands for: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16).</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        var zeroPrefix = b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
        var nat64 = b is [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..];
        if ((zeroPrefix && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1)) || nat64)
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        return b is [0x20, 0x02, ..] ? new IPAddress(b.AsSpan(2, 4)) : null;
    }
}
