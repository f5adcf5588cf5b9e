using System.Text.RegularExpressions;

namespace MassageForumBot.Replies;

/// <summary>Finds DOIs, URLs and PMIDs in citation text and says which ones are malformed.</summary>
internal static partial class CitationFormat
{
    public static IEnumerable<string> Problems(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        foreach (Match m in DoiMention().Matches(text))
        {
            var doi = TrimTrailing(m.Groups[1].Value);
            if (!IsWellFormedDoi(doi))
            {
                yield return $"malformed DOI '{(doi.Length == 0 ? m.Value.Trim() : doi)}' (expected doi:10.NNNN/suffix)";
            }
        }

        foreach (Match m in UrlMention().Matches(text))
        {
            var url = TrimTrailing(m.Value);
            if (!IsWellFormedUrl(url))
            {
                yield return $"malformed URL '{url}'";
            }
            else if (DoiResolver().Match(url) is { Success: true } resolver && !IsWellFormedDoi(resolver.Groups[1].Value))
            {
                yield return $"malformed DOI in URL '{url}'";
            }
        }

        foreach (Match m in PmidMention().Matches(text))
        {
            var pmid = TrimTrailing(m.Groups[1].Value);
            if (!PmidValue().IsMatch(pmid))
            {
                yield return $"malformed PMID '{pmid}' (expected digits only)";
            }
        }
    }

    public static bool IsWellFormedDoi(string doi) => DoiValue().IsMatch(doi);

    public static bool IsWellFormedUrl(string url) =>
        (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0
        && (uri.Host.Contains('.', StringComparison.Ordinal) || uri.IsLoopback)
        && Uri.CheckHostName(uri.Host) != UriHostNameType.Unknown
        && !url.Contains(' ', StringComparison.Ordinal);

    /// <summary>Drops sentence punctuation and unbalanced closing brackets after an identifier.</summary>
    public static string TrimTrailing(string value)
    {
        var v = value;
        while (v.Length > 0)
        {
            var last = v[^1];
            if (last is '.' or ',' or ';' or ':' or '"' or '\'' or '>' or ']' or '*'
                || (last == ')' && v.Count(c => c == ')') > v.Count(c => c == '(')))
            {
                v = v[..^1];
                continue;
            }

            break;
        }

        return v;
    }

    // "doi:" followed by whatever token comes next (possibly nothing usable).
    [GeneratedRegex(@"(?i)\bdoi:[ \t]*(\S*)")]
    private static partial Regex DoiMention();

    // Crossref's recommended pattern for modern DOIs.
    [GeneratedRegex(@"^10\.\d{4,9}/[-._;()/:A-Za-z0-9<>]+$")]
    private static partial Regex DoiValue();

    [GeneratedRegex(@"(?i)\bhttps?:\S*")]
    private static partial Regex UrlMention();

    [GeneratedRegex(@"(?i)^https?://(?:dx\.)?doi\.org/(.+)$")]
    private static partial Regex DoiResolver();

    [GeneratedRegex(@"\bPMID:?[ \t]*(\S*)")]
    private static partial Regex PmidMention();

    [GeneratedRegex(@"^\d{1,9}$")]
    private static partial Regex PmidValue();
}
