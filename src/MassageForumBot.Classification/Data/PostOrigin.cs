namespace MassageForumBot.Classification.Data;

/// <summary>Where a labelled post came from: a web page (real), the project's writers (synthetic) or elsewhere (feedback, tests).</summary>
public static class PostOrigin
{
    public const string SyntheticPrefix = "synthetic:";

    public static bool IsWebSource(string source) =>
        source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The web domain of a page URL, lower case, without "www.", "m." or "old." (one site, however it is served).</summary>
    public static string Site(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return url.Trim().ToLowerInvariant();
        var host = uri.Host.ToLowerInvariant();
        foreach (var prefix in new[] { "www.", "m.", "old.", "new.", "amp." })
            if (host.StartsWith(prefix, StringComparison.Ordinal) && host.Count(c => c == '.') >= 2)
                return host[prefix.Length..];
        return host;
    }
}

/// <summary>The kinds of text a real post can be.</summary>
public static class Registers
{
    public static readonly IReadOnlyList<string> All = ["question", "comment", "blog", "client"];

    public static bool IsKnown(string register) => All.Contains(register, StringComparer.Ordinal);
}
