using System.Net;
using System.Text.RegularExpressions;

namespace MassageForumBot.Web;

/// <summary>
/// Keeps links to this machine out of text that members read: loopback, private, link-local and unspecified
/// addresses, "localhost", *.local names, this machine's host name and the console's own host.
/// </summary>
public static partial class LocalLinks
{
    public static bool PointsHere(Uri url, Uri? listenUrl = null)
    {
        if (!url.IsAbsoluteUri) return true;
        var host = url.Host.Trim('[', ']');
        if (host.Length == 0 || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
            || !host.Contains('.') && !IPAddress.TryParse(host, out _)
            || string.Equals(host, Dns.GetHostName(), StringComparison.OrdinalIgnoreCase)
            || listenUrl is not null && string.Equals(host, listenUrl.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(host, out var ip) && IsPrivate(ip);
    }

    /// <summary>Removes every link that points here (a note's title stays, its address goes).</summary>
    public static string Strip(string text, Uri? listenUrl = null) =>
        Url().Replace(text, m => Uri.TryCreate(m.Value, UriKind.Absolute, out var url) && !PointsHere(url, listenUrl) ? m.Value : "")
            .Replace(" \n", "\n", StringComparison.Ordinal)
            .Replace(": \n", "\n", StringComparison.Ordinal);

    private static bool IsPrivate(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal)
            return true;
        var b = ip.GetAddressBytes();
        return b.Length == 4 && (b[0] == 10 || b[0] == 127 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }

    [GeneratedRegex(@"https?://[^\s<>""()]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
