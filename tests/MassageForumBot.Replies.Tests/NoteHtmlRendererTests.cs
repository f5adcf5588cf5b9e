namespace MassageForumBot.Replies.Tests;

public class NoteHtmlRendererTests
{
    private static EvidenceNote Note(string body = "## Heading\n\nSome *text* and <script>alert(1)</script>.", string title = "Glutes & <back> pain") =>
        new("test-note", title, "In short, it depends.", ["glutes-lowback"], new DateOnly(2026, 11, 30),
            ["Cooper NA (2016) Eur Spine J 25(4):1258-65. doi:10.1007/s00586-015-4027-6 (CS)", "de Sousa CS (2019) PMID 30839305", "See https://example.org/rule."],
            body, "/x/notes/test-note.md");

    [Fact]
    public void Note_page_has_encoded_title_review_date_body_and_linked_sources()
    {
        var html = new NoteHtmlRenderer().RenderNote(Note());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Glutes &amp; &lt;back&gt; pain</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Glutes &amp; &lt;back&gt; pain</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Last reviewed: <time datetime=\"2026-11-30\">30 November 2026</time>", html, StringComparison.Ordinal);
        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.Contains("<em>text</em>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://doi.org/10.1007/s00586-015-4027-6\">doi:10.1007/s00586-015-4027-6</a> (CS)", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://pubmed.ncbi.nlm.nih.gov/30839305/\">PMID 30839305</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/rule\">https://example.org/rule</a>.", html, StringComparison.Ordinal);
        Assert.Contains("In short, it depends.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_html_in_a_note_is_not_passed_through()
    {
        var html = new NoteHtmlRenderer().RenderNote(Note());

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_lists_every_note_with_its_link()
    {
        var notes = TestPaths.Shipped.Notes;

        var html = new NoteHtmlRenderer().RenderIndex(notes, n => "/notes/" + n.Id);

        Assert.All(notes, n => Assert.Contains($"<a href=\"/notes/{n.Id}\">", html, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_shipped_note_renders_with_all_its_sources()
    {
        var renderer = new NoteHtmlRenderer();
        foreach (var note in TestPaths.Shipped.Notes)
        {
            var html = renderer.RenderNote(note);

            Assert.Equal(note.Sources.Count, CountOf(html, "<li>", after: "<ol class=\"sources\">"));
            Assert.DoesNotContain("**", html, StringComparison.Ordinal);
        }
    }

    private static int CountOf(string text, string value, string after)
    {
        var start = text.IndexOf(after, StringComparison.Ordinal);
        var end = text.IndexOf("</ol>", start, StringComparison.Ordinal);
        var count = 0;
        for (var i = text.IndexOf(value, start, StringComparison.Ordinal); i >= 0 && i < end; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
