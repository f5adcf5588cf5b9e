namespace MassageForumBot.Replies.Tests;

public class TopicLibraryTests
{
    [Fact]
    public void Shipped_content_has_a_summary_per_reply_topic_and_none_for_other()
    {
        var library = TestPaths.Shipped;

        Assert.Equal(TestPaths.ReplyTopics.Order(), library.Summaries.Select(s => s.Topic).Order());
        Assert.Null(library.FindSummary("other"));
        Assert.NotNull(library.FindSummary("GLUTES-LOWBACK"));
        foreach (var summary in library.Summaries)
        {
            Assert.NotEmpty(summary.Title);
            Assert.NotEmpty(summary.Takeaway);
            Assert.Contains("ask the client", summary.Takeaway, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("drape", summary.Takeaway, StringComparison.OrdinalIgnoreCase);
            Assert.True(summary.Full.Length > summary.Brief.Length, $"{summary.Topic}: Full should say more than Brief");
        }
    }

    [Fact]
    public void Shipped_notes_cover_the_required_subjects_with_sources_and_review_date()
    {
        var ids = TestPaths.Shipped.Notes.Select(n => n.Id).ToArray();

        Assert.Contains("glutes-and-low-back-pain", ids);
        Assert.Contains("weak-inhibited-lengthened-glutes", ids);
        Assert.Contains("what-release-means", ids);
        Assert.Contains("massage-for-low-back-pain", ids);
        Assert.Contains("draping-consent-and-comfort", ids);
        Assert.Contains("sitting-and-the-glutes", ids);
        foreach (var note in TestPaths.Shipped.Notes)
        {
            Assert.Equal(new DateOnly(2026, 11, 30), note.LastReviewed);
            Assert.NotEmpty(note.Sources);
            Assert.NotEmpty(note.Summary);
            Assert.Equal(note.Id + ".md", note.FileName);
        }
    }

    [Fact]
    public void Shipped_notes_cite_the_key_sources()
    {
        string Sources(string id) => string.Join('\n', TestPaths.Shipped.FindNote(id)!.Sources);

        Assert.Contains("doi:10.1002/14651858.CD001929.pub3", Sources("massage-for-low-back-pain"), StringComparison.Ordinal);
        Assert.Contains("Qaseem A", Sources("massage-for-low-back-pain"), StringComparison.Ordinal);
        Assert.Contains("NG59", Sources("massage-for-low-back-pain"), StringComparison.Ordinal);
        Assert.Contains("doi:10.1007/s00586-015-4027-6", Sources("glutes-and-low-back-pain"), StringComparison.Ordinal);
        Assert.Contains("doi:10.7556/jaoa.2008.108.8.379", Sources("what-release-means"), StringComparison.Ordinal);
        Assert.Contains("WAC 246-830-550", Sources("draping-consent-and-comfort"), StringComparison.Ordinal);
        Assert.Contains("doi:10.1186/s12966-021-01191-y", Sources("sitting-and-the-glutes"), StringComparison.Ordinal);
        Assert.DoesNotContain(TestPaths.Shipped.Notes.SelectMany(n => n.Sources), s => s.Contains("recalled", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_draping_note_points_to_the_licensing_board_and_gives_no_legal_advice()
    {
        var note = TestPaths.Shipped.FindNote("draping-consent-and-comfort")!;

        Assert.Contains("licensing board", note.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not legal advice", note.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("gluteal cleft", note.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void NotesFor_follows_the_summary_order_for_shipped_topics()
    {
        foreach (var summary in TestPaths.Shipped.Summaries)
        {
            var notes = TestPaths.Shipped.NotesFor(summary.Topic);

            Assert.NotEmpty(summary.NoteOrder);
            Assert.Equal(summary.NoteOrder, notes.Take(summary.NoteOrder.Count).Select(n => n.Id));
            Assert.All(notes, n => Assert.Contains(summary.Topic, n.Topics));
        }

        Assert.Equal("glutes-and-low-back-pain", TestPaths.Shipped.NotesFor("glutes-lowback")[0].Id);
        Assert.Empty(TestPaths.Shipped.NotesFor("other"));
        Assert.Empty(TestPaths.Shipped.NotesFor(""));
    }

    [Fact]
    public void NotesFor_without_a_summary_order_puts_notes_listing_the_topic_first_ahead()
    {
        using var temp = new TempTopics();
        temp.Summary("glutes-x");
        temp.Summary("glutes-y");
        temp.Note("a-secondary", "glutes-y, glutes-x");
        temp.Note("b-primary", "glutes-x");
        temp.Note("c-unrelated", "glutes-y");

        var notes = TopicLibrary.Load(temp.Root).NotesFor("glutes-x");

        Assert.Equal(["b-primary", "a-secondary"], notes.Select(n => n.Id));
    }

    [Fact]
    public void Front_matter_parses_quoted_values_inline_and_block_lists()
    {
        using var temp = new TempTopics();
        temp.Summary("glutes-test");
        temp.Write("notes/a.md", """
            ---
            id: a
            title: "Quoted: with a colon"
            topics: [glutes-test, 'other']
            last_reviewed: 2026-01-02
            sources:
              - "Smith J (2020), Title: subtitle. doi:10.1234/x.y"
              - Plain item, no quotes
            ---
            Body **text**.
            """);

        var note = TopicLibrary.Load(temp.Root).Notes.Single();

        Assert.Equal("Quoted: with a colon", note.Title);
        Assert.Equal(["glutes-test", "other"], note.Topics);
        Assert.Equal(new DateOnly(2026, 1, 2), note.LastReviewed);
        Assert.Equal(["Smith J (2020), Title: subtitle. doi:10.1234/x.y", "Plain item, no quotes"], note.Sources);
        Assert.Equal("Body **text**.", note.Body);
    }

    [Theory]
    [InlineData("id: a\ntitle: t\n", "missing front matter")]
    [InlineData("---\nid: a\ntitle: t\n", "not closed")]
    [InlineData("---\nid: a\nthis line has no colon\n---\n", "line 3")]
    [InlineData("---\nid: a\nid: b\ntitle: t\n---\n", "appears twice")]
    [InlineData("---\nid: a\ntitle: t\nlast_reviewed: 30/11/2026\n---\n", "yyyy-MM-dd")]
    [InlineData("---\nid: a\ntitle: \"unterminated\n---\n", "unterminated")]
    [InlineData("---\ntitle: t\n---\n", "missing required field 'id'")]
    [InlineData("---\nid: a\ntitle: t\ntopics: [a, b\n---\n", "does not end with ']'")]
    [InlineData("---\n  - orphan item\nid: a\n---\n", "list item without a key")]
    public void Malformed_front_matter_throws_naming_the_file_and_the_problem(string content, string problem)
    {
        using var temp = new TempTopics();
        var path = temp.Write("notes/broken.md", content);

        var ex = Assert.Throws<TopicContentException>(() => TopicLibrary.Load(temp.Root));

        Assert.Equal(path, ex.FilePath);
        Assert.Contains("broken.md", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_without_a_brief_section_throws()
    {
        using var temp = new TempTopics();
        temp.Write("glutes-x/summary.md", "---\ntopic: glutes-x\ntitle: T\n---\n\n## Full\n\nOnly full.\n");

        var ex = Assert.Throws<TopicContentException>(() => TopicLibrary.Load(temp.Root));

        Assert.Contains("summary.md", ex.Message, StringComparison.Ordinal);
        Assert.Contains("## Brief", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_directory_throws_TopicContentException()
    {
        var missing = Path.Combine(Path.GetTempPath(), "mfb-missing-" + Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<TopicContentException>(() => TopicLibrary.Load(missing));

        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_note_ids_throw()
    {
        using var temp = new TempTopics();
        temp.Summary("glutes-x");
        temp.Note("same", "glutes-x", fileName: "one");
        temp.Note("same", "glutes-x", fileName: "two");

        var ex = Assert.Throws<TopicContentException>(() => TopicLibrary.Load(temp.Root));

        Assert.Contains("'same'", ex.Message, StringComparison.Ordinal);
    }
}
