using System.Net;
using System.Net.Sockets;

namespace MassageForumBot.Replies;

/// <summary>
/// Decides whether a link can be posted where members read it. Members open links on their own devices, so a link
/// to this machine or to a private network (loopback, RFC 1918, link-local, unique-local, localhost, .local and
/// similar names) is useless to them and leaks how the bot is hosted.
/// </summary>
public static class MemberLinks
{
    private static readonly string[] PrivateNameSuffixes = [".localhost", ".local", ".internal", ".lan", ".home.arpa", ".localdomain"];

    /// <summary>True when the link is an absolute http(s) URL whose host members can reach: not loopback or private.</summary>
    public static bool IsOpenable(Uri? link) =>
        link is { IsAbsoluteUri: true }
        && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp)
        && !IsPrivateHost(link.Host);

    /// <summary>
    /// Null when <paramref name="url"/> can be a base for member-facing links (absolute https, public host);
    /// otherwise why not, in words that fit after the setting's name.
    /// </summary>
    public static string? PublicHttpsProblem(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri)
        {
            return "must be an absolute https URL";
        }

        if (IsPrivateHost(url.Host))
        {
            return $"names '{url.Host}', a loopback or private host that members cannot open";
        }

        return url.Scheme != Uri.UriSchemeHttps ? $"must be an https URL, not {url.Scheme}" : null;
    }

    /// <summary>
    /// True for loopback and private hosts: 127.0.0.0/8, ::1, 0.0.0.0, 10/8, 172.16/12, 192.168/16, 169.254/16,
    /// 100.64/10, fc00::/7, fe80::/10, IPv4-mapped forms of those, localhost and local-only names (.local, .internal...),
    /// and single-label names (no dot), which only resolve inside a network.
    /// </summary>
    public static bool IsPrivateHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return true;
        }

        var name = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (name.StartsWith('[') && name.EndsWith(']'))
        {
            name = name[1..^1];
        }

        if (IPAddress.TryParse(name, out var address))
        {
            return IsPrivateAddress(address);
        }

        if (name == "localhost" || !name.Contains('.', StringComparison.Ordinal))
        {
            return true;
        }

        return PrivateNameSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal));
    }

    private static bool IsPrivateAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 10
                || b[0] == 0
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
        }

        var bytes = address.GetAddressBytes();
        return address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal
            || (bytes[0] & 0xFE) == 0xFC; // fc00::/7 unique local
    }
}
