using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;

namespace MassageForumBot.Replies;

/// <summary>
/// Renders evidence notes as small, readable HTML pages (Markdig): title, topics, last-reviewed date, the note text
/// and its sources with DOIs, PMIDs and URLs as links. Raw HTML in notes is not passed through.
/// </summary>
public sealed partial class NoteHtmlRenderer
{
    private const string Style =
        "body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1d1d1f}" +
        "h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.15rem;margin-top:1.8rem}.meta{color:#555;font-size:.9rem}" +
        "ol.sources li{margin-bottom:.5rem;font-size:.92rem}a{color:#0b5cad}footer{margin-top:2.5rem;font-size:.85rem;color:#555}";

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    /// <summary>A full HTML page for one note.</summary>
    /// <param name="note">The note.</param>
    /// <param name="indexHref">Where the "all notes" link points (relative or absolute); null for no link.</param>
    public string RenderNote(EvidenceNote note, string? indexHref = "../notes")
    {
        ArgumentNullException.ThrowIfNull(note);
        var html = new StringBuilder();
        Open(html, note.Title);
        html.Append("<article>\n<h1>").Append(Encode(note.Title)).Append("</h1>\n");
        html.Append("<p class=\"meta\">");
        html.Append("Last reviewed: ").Append(note.LastReviewed is { } d
            ? $"<time datetime=\"{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\">{d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}</time>"
            : "not recorded");
        if (note.Topics.Count > 0)
        {
            html.Append(" · Topics: ").Append(Encode(string.Join(", ", note.Topics)));
        }

        html.Append("</p>\n");
        if (note.Summary.Length > 0)
        {
            html.Append("<p><strong>In short:</strong> ").Append(Encode(note.Summary)).Append("</p>\n");
        }

        html.Append(Markdown.ToHtml(note.Body, _pipeline));
        html.Append("<h2 id=\"sources\">Sources</h2>\n<ol class=\"sources\">\n");
        foreach (var source in note.Sources)
        {
            html.Append("<li>").Append(LinkCitation(source)).Append("</li>\n");
        }

        html.Append("</ol>\n</article>\n<footer>");
        html.Append("Written in our own words from the sources listed; check them for the details. Not medical or legal advice.");
        if (indexHref is not null)
        {
            html.Append(" <a href=\"").Append(Encode(indexHref)).Append("\">All evidence notes</a>");
        }

        html.Append("</footer>\n");
        Close(html);
        return html.ToString();
    }

    /// <summary>An HTML page listing notes with their summaries and topics.</summary>
    public string RenderIndex(IEnumerable<EvidenceNote> notes, Func<EvidenceNote, string> href)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(href);
        var html = new StringBuilder();
        Open(html, "Evidence notes");
        html.Append("<h1>Evidence notes</h1>\n<ul>\n");
        foreach (var note in notes)
        {
            html.Append("<li><a href=\"").Append(Encode(href(note))).Append("\">").Append(Encode(note.Title)).Append("</a>");
            if (note.Summary.Length > 0)
            {
                html.Append("<br>").Append(Encode(note.Summary));
            }

            html.Append(" <span class=\"meta\">(").Append(Encode(string.Join(", ", note.Topics))).Append(")</span></li>\n");
        }

        html.Append("</ul>\n");
        Close(html);
        return html.ToString();
    }

    /// <summary>A small page for an unknown note id.</summary>
    public string RenderNotFound(string indexHref = "/notes")
    {
        var html = new StringBuilder();
        Open(html, "Note not found");
        html.Append("<h1>Note not found</h1>\n<p>There is no evidence note with that id. <a href=\"")
            .Append(Encode(indexHref)).Append("\">See all evidence notes</a>.</p>\n");
        Close(html);
        return html.ToString();
    }

    /// <summary>An encoded citation with its DOI, PMID and URLs turned into links.</summary>
    internal static string LinkCitation(string citation)
    {
        var encoded = Encode(citation);
        return Identifier().Replace(encoded, m =>
        {
            if (m.Groups["doi"].Success)
            {
                var doi = CitationFormat.TrimTrailing(m.Groups["doi"].Value);
                var tail = m.Groups["doi"].Value[doi.Length..];
                return CitationFormat.IsWellFormedDoi(WebUtility.HtmlDecode(doi))
                    ? $"<a href=\"https://doi.org/{doi}\">doi:{doi}</a>{tail}"
                    : m.Value;
            }

            if (m.Groups["pmid"].Success)
            {
                return $"<a href=\"https://pubmed.ncbi.nlm.nih.gov/{m.Groups["pmid"].Value}/\">PMID {m.Groups["pmid"].Value}</a>";
            }

            var url = CitationFormat.TrimTrailing(m.Value);
            var rest = m.Value[url.Length..];
            return CitationFormat.IsWellFormedUrl(WebUtility.HtmlDecode(url)) ? $"<a href=\"{url}\">{url}</a>{rest}" : m.Value;
        });
    }

    private static void Open(StringBuilder html, string title)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
    }

    private static void Close(StringBuilder html) => html.Append("</body>\n</html>\n");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"(?i)\bdoi:[ \t]*(?<doi>\S+)|\bPMID:?[ \t]*(?<pmid>\d{1,9})\b|\bhttps?://[^\s<>""]+")]
    private static partial Regex Identifier();
}
