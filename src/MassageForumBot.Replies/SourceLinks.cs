using System.Text.RegularExpressions;

namespace MassageForumBot.Replies;

/// <summary>A source as members see it: a short label and a link they can open.</summary>
/// <param name="Label">For example <c>Cooper et al. 2016</c> or <c>Texas: 16 Tex. Admin. Code 117.91</c>.</param>
/// <param name="Link">https://doi.org/... for a DOI, else the citation's https URL.</param>
public sealed record SourceLink(string Label, Uri Link);

/// <summary>Turns a note's citation into a <see cref="SourceLink"/>: its DOI as https://doi.org/..., or its https URL.</summary>
public static partial class SourceLinks
{
    private const int LabelLength = 60;

    /// <summary>The link and short label for a citation, or null when it has neither a DOI nor an https URL members can open.</summary>
    public static SourceLink? For(string? citation)
    {
        var link = LinkFor(citation);
        return link is null ? null : new SourceLink(Label(citation!), link);
    }

    /// <summary>https://doi.org/{doi} when the citation has a well-formed DOI, else its first https URL on a public host.</summary>
    public static Uri? LinkFor(string? citation)
    {
        if (string.IsNullOrWhiteSpace(citation))
        {
            return null;
        }

        if (DoiMention().Match(citation) is { Success: true } doi)
        {
            var value = CitationFormat.TrimTrailing(doi.Groups[1].Value);
            if (CitationFormat.IsWellFormedDoi(value)
                && Uri.TryCreate("https://doi.org/" + value, UriKind.Absolute, out var resolver))
            {
                return resolver;
            }
        }

        foreach (Match m in HttpsUrl().Matches(citation))
        {
            var url = CitationFormat.TrimTrailing(m.Value);
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && MemberLinks.IsOpenable(uri))
            {
                return uri;
            }
        }

        return null;
    }

    /// <summary>
    /// A short label: "Surname et al. 2016" for "Surname AB, Other CD (2016) ..."; "Surname 2011" for a single author;
    /// otherwise the citation up to its first bracket, DOI or URL, shortened.
    /// </summary>
    public static string Label(string citation)
    {
        var text = citation.Trim();
        if (AuthorsAndYear().Match(text) is { Success: true } m)
        {
            var authors = m.Groups["authors"].Value;
            var parts = authors.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var first = m.Groups["surname"].Value;
            var who = parts.Length switch
            {
                1 => first,
                2 when !parts[1].StartsWith("et al", StringComparison.Ordinal) => $"{first} and {Surname(parts[1])}",
                _ => first + " et al.",
            };
            return $"{who} {m.Groups["year"].Value}";
        }

        var cut = text.Length;
        foreach (var marker in new[] { " (", " doi:", " http" })
        {
            var at = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at > 0 && at < cut)
            {
                cut = at;
            }
        }

        return SafeText.Truncate(text[..cut].Trim().TrimEnd('.', ','), LabelLength);
    }

    /// <summary>"Foster MA" gives "Foster"; "Baradaran Mahdavi S" gives "Baradaran Mahdavi".</summary>
    private static string Surname(string author)
    {
        var words = author.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 && Initials().IsMatch(words[^1]) ? string.Join(' ', words[..^1]) : author;
    }

    [GeneratedRegex(@"^[A-Z]{1,4}\.?$")]
    private static partial Regex Initials();

    [GeneratedRegex(@"(?i)\bdoi:[ \t]*(\S+)")]
    private static partial Regex DoiMention();

    [GeneratedRegex(@"(?i)\bhttps://\S+")]
    private static partial Regex HttpsUrl();

    // "Cooper NA, Scavo KM, et al. (2016)", "de Sousa CS, ... (2019)": a surname (an optional lower-case particle,
    // one or two capitalised words), initials, more authors, then the year in brackets.
    [GeneratedRegex(@"^(?<authors>(?<surname>(?:[a-z]{1,3} )?[A-Z][A-Za-z'-]+(?: [A-Z][a-z]+)?) [A-Z]{1,4}(?=[,.]| \()[^()]{0,200}?)\s*\((?<year>\d{4})\)")]
    private static partial Regex AuthorsAndYear();
}
