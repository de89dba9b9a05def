using System.Net;
using System.Net.Sockets;
using Arbiter.Domain.Common;

namespace Arbiter.Webhooks;

/// <summary>The operator's switches for where webhooks may go; both off in production.</summary>
/// <param name="AllowHttp">Plain-http endpoints anywhere; otherwise https only.</param>
/// <param name="AllowPrivate">Endpoints on this machine's loopback and on private networks, over http too (sandboxes and the project's tests).</param>
internal sealed record WebhookNetwork(bool AllowHttp = false, bool AllowPrivate = false)
{
    /// <summary>Whether plain http is allowed: a sandbox's receiver seldom has a certificate.</summary>
    public bool Http => AllowHttp || AllowPrivate;
}

/// <summary>
/// Keeps webhooks on the public internet: a URL is checked when it is registered, and the address
/// actually connected to is checked again on every delivery, after Arbiter's own DNS lookup, so a
/// name that later resolves inward (DNS rebinding) is refused too. Names reserved for private
/// networks and cloud metadata are refused whatever they resolve to.
/// </summary>
internal sealed class WebhookTargets(WebhookNetwork network, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    public const int MaxUrlLength = 2000;

    private static readonly string[] MetadataNames = ["metadata", "metadata.google.internal", "metadata.goog", "instance-data", "metadata.azure.com"];

    private static readonly string[] PrivateSuffixes = [".internal", ".local", ".localdomain", ".home.arpa", ".intranet", ".lan", ".corp"];

    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? Dns.GetHostAddressesAsync;

    /// <summary>The URL to store, or why it cannot be an endpoint.</summary>
    public async Task<Result<Uri>> CheckAsync(string? url, CancellationToken ct)
    {
        if (url is null || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return DomainError.Invalid(ErrorCode.InvalidUrl, $"url must be an absolute https URL of at most {MaxUrlLength} characters.");
        }

        if (uri.Scheme == "http" && !network.Http)
        {
            return DomainError.Invalid(ErrorCode.InvalidUrl, "url must use https: events carry order data and are signed, so they travel encrypted.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return DomainError.Invalid(ErrorCode.InvalidUrl, "url must not carry a user name or password; receivers check the signature instead.");
        }

        if (HostRefusal(uri.IdnHost) is { } hostRefusal)
        {
            return DomainError.Invalid(ErrorCode.WebhookTargetRefused, $"Webhooks cannot go to {uri.Host}: {hostRefusal}.");
        }

        // A name that does not resolve yet may be set up later; every delivery resolves it again.
        var addresses = await AddressesAsync(uri.IdnHost, ct).ConfigureAwait(false) ?? [];
        if (addresses.Select(a => NetworkAddresses.WhyRefused(a, network.AllowPrivate)).FirstOrDefault(r => r is not null) is { } refusal)
        {
            return DomainError.Invalid(ErrorCode.WebhookTargetRefused, $"Webhooks cannot go to {uri.Host}: it is {refusal}.");
        }

        return uri;
    }

    /// <summary>Connects a delivery only to an address webhooks may reach; the handler's connect callback.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        if (HostRefusal(host) is { } hostRefusal)
        {
            throw new WebhookTargetRefusedException($"Refused to connect to {host}: {hostRefusal}.");
        }

        var addresses = await AddressesAsync(host, ct).ConfigureAwait(false)
            ?? throw new HttpRequestException(HttpRequestError.NameResolutionError, $"{host} does not resolve.");
        var allowed = addresses.Where(a => NetworkAddresses.WhyRefused(a, network.AllowPrivate) is null).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(
                $"Refused to connect to {host}: it resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, {NetworkAddresses.WhyRefused(addresses[0], network.AllowPrivate)}.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private string? HostRefusal(string host)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return network.AllowPrivate ? null : "it is this machine";
        }

        if (MetadataNames.Contains(name))
        {
            return "it is a cloud metadata service";
        }

        return !network.AllowPrivate && PrivateSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)) ? "the name is reserved for private networks" : null;
    }

    /// <summary>The addresses of a host (an address literal is its own); null when the name does not resolve.</summary>
    private async Task<IPAddress[]?> AddressesAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        try
        {
            var found = await _resolve(host, ct).ConfigureAwait(false);
            return found.Length == 0 ? null : found;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}

/// <summary>A delivery refused before connecting, because its endpoint's host is not on the public internet.</summary>
internal sealed class WebhookTargetRefusedException(string message) : HttpRequestException(message);
