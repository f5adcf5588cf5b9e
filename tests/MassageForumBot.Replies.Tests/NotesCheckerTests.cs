namespace MassageForumBot.Replies.Tests;

public class NotesCheckerTests
{
    [Fact]
    public void Shipped_notes_have_no_problems()
    {
        var problems = NotesChecker.Check(TestPaths.TopicsDirectory);

        Assert.True(problems.Count == 0, "Problems:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void Shipped_reply_topics_each_have_at_least_two_notes()
    {
        foreach (var topic in TestPaths.ReplyTopics)
        {
            Assert.True(TestPaths.Shipped.NotesFor(topic).Count >= 2, topic);
        }
    }

    [Fact]
    public void A_good_fixture_has_no_problems()
    {
        using var temp = GoodFixture();

        Assert.Empty(NotesChecker.Check(temp.Root));
    }

    [Fact]
    public void A_note_without_sources_is_reported()
    {
        using var temp = GoodFixture();
        temp.Note("no-sources", "glutes-x", sources: []);

        var problem = Assert.Single(NotesChecker.Check(temp.Root));

        Assert.Equal("notes/no-sources.md", problem.File);
        Assert.Contains("no sources", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_without_a_review_date_is_reported()
    {
        using var temp = GoodFixture();
        temp.Note("no-date", "glutes-x", lastReviewed: null);

        var problem = Assert.Single(NotesChecker.Check(temp.Root));

        Assert.Equal("notes/no-date.md", problem.File);
        Assert.Contains("review date", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Author (2020) J 1:2. doi:10.1007\"", "malformed DOI '10.1007'")]
    [InlineData("\"Author (2020) J 1:2. doi:1O.1007/s00586-015-4027-6\"", "malformed DOI")]
    [InlineData("\"Author (2020) J 1:2. doi:\"", "malformed DOI")]
    [InlineData("\"Author (2020) J 1:2. https://doi.org/10.12/x\"", "malformed DOI in URL")]
    [InlineData("\"Author (2020) J 1:2. https://exa mple\"", "malformed URL")]
    [InlineData("\"Author (2020) J 1:2. https://localhostx/path\"", "malformed URL")]
    [InlineData("\"Author (2020) J 1:2. http:/example.org\"", "malformed URL")]
    [InlineData("\"Author (2020) J 1:2. PMID 30839X05\"", "malformed PMID")]
    [InlineData("\"Author (2020) J (recalled)\"", "recalled")]
    public void Malformed_identifiers_in_sources_are_reported(string source, string message)
    {
        using var temp = GoodFixture();
        temp.Note("bad-id", "glutes-x", sources: [source]);

        var problems = NotesChecker.Check(temp.Root);

        Assert.All(problems, p => Assert.Equal("notes/bad-id.md", p.File));
        Assert.Contains(problems, p => p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"Author (2020) J 1:2 (no identifier at all)\"")]
    [InlineData("\"Author (2020) J 1:2. PMID 30839305\"")]
    [InlineData("\"Author (2020) J 1:2. http://example.org/plain-http\"")]
    [InlineData("\"Author (2020) J 1:2. https://127.0.0.1:5080/notes/x\"")]
    [InlineData("\"Author (2020) J 1:2. https://192.168.1.20/paper\"")]
    public void A_source_without_a_doi_or_an_https_url_members_can_open_is_reported(string source)
    {
        using var temp = GoodFixture();
        temp.Note("no-link", "glutes-x", sources: [source]);

        var problem = Assert.Single(NotesChecker.Check(temp.Root));

        Assert.Equal("notes/no-link.md", problem.File);
        Assert.Contains("neither a DOI nor an https URL", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_without_key_points_is_reported()
    {
        using var temp = GoodFixture();
        temp.Note("no-points", "glutes-x", keyPoints: []);

        var problem = Assert.Single(NotesChecker.Check(temp.Root));

        Assert.Equal("notes/no-points.md", problem.File);
        Assert.Contains("no key points", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_id_too_long_for_a_button_is_reported()
    {
        using var temp = GoodFixture();
        var id = string.Join('-', Enumerable.Repeat("glutes", 11));
        temp.Note(id, "glutes-x");

        var problem = Assert.Single(NotesChecker.Check(temp.Root));

        Assert.Contains($"is {id.Length} characters", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("summary", "Weak glutes are stories rather than findings.")]
    [InlineData("body", "Anyone claiming one way works better is offering opinion.")]
    [InlineData("key point", "There is a story behind it.")]
    public void Phrases_the_tone_rules_forbid_are_reported(string where, string text)
    {
        using var temp = GoodFixture();
        var path = where == "key point"
            ? temp.Note("tone", "glutes-x", keyPoints: ["\"" + text + "\""])
            : temp.Note("tone", "glutes-x");
        if (where == "summary")
        {
            File.WriteAllText(path, File.ReadAllText(path).Replace("summary: One line about tone.", "summary: " + text, StringComparison.Ordinal));
        }
        else if (where == "body")
        {
            File.AppendAllText(path, "\n" + text + "\n");
        }

        var problem = Assert.Single(NotesChecker.Check(temp.Root));

        Assert.Equal("notes/tone.md", problem.File);
        Assert.Contains("tone rules", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_using_a_forbidden_phrase_is_reported()
    {
        using var temp = GoodFixture();
        var path = Path.Combine(temp.Root, "glutes-x", "summary.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("Full text for glutes-x.", "Anyone saying otherwise is wrong.", StringComparison.Ordinal));

        var problem = Assert.Single(NotesChecker.Check(temp.Root));

        Assert.Equal("glutes-x/summary.md", problem.File);
        Assert.Contains("'Full' text uses 'anyone saying'", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cooper (2016) Eur Spine J 25(4):1258-65. doi:10.1007/s00586-015-4027-6.")]
    [InlineData("Furlan (2015) doi:10.1002/14651858.CD001929.pub3 (systematic review)")]
    [InlineData("See https://doi.org/10.1038/nn.2312, and https://example.org/a_(b)")]
    [InlineData("de Sousa (2019) PMID 30839305. https://pubmed.ncbi.nlm.nih.gov/30839305/ (SR)")]
    public void Well_formed_identifiers_are_accepted(string source)
    {
        using var temp = GoodFixture();
        temp.Note("fine", "glutes-x", sources: ["\"" + source + "\""]);

        Assert.Empty(NotesChecker.Check(temp.Root));
    }

    [Fact]
    public void A_malformed_doi_in_the_note_text_is_reported()
    {
        using var temp = GoodFixture();
        var path = temp.Note("body-doi", "glutes-x");
        File.AppendAllText(path, "\nSee doi:10.99/short for more.\n");

        var problem = Assert.Single(NotesChecker.Check(temp.Root));

        Assert.Contains("malformed DOI '10.99/short'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("note text", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_topic_with_one_note_is_reported_against_its_summary()
    {
        using var temp = GoodFixture();
        temp.Summary("glutes-lonely");
        temp.Note("lonely-note", "glutes-lonely");

        var problem = Assert.Single(NotesChecker.Check(temp.Root));

        Assert.Equal("glutes-lonely/summary.md", problem.File);
        Assert.Contains("has 1 note;", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_glutes_topic_needs_no_notes()
    {
        using var temp = GoodFixture();
        temp.Summary("other-topic");

        Assert.Empty(NotesChecker.Check(temp.Root));
    }

    [Fact]
    public void A_note_naming_a_topic_without_summary_is_reported()
    {
        using var temp = GoodFixture();
        temp.Note("stray", "glutes-x, glutes-nowhere");

        var problem = Assert.Single(NotesChecker.Check(temp.Root));

        Assert.Equal("notes/stray.md", problem.File);
        Assert.Contains("'glutes-nowhere'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_ids_and_id_file_mismatches_are_reported()
    {
        using var temp = GoodFixture();
        temp.Note("note-a", "glutes-x", fileName: "zz-copy-of-a");

        var problems = NotesChecker.Check(temp.Root);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.File == "notes/zz-copy-of-a.md" && p.Message.Contains("does not match the file name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "notes/zz-copy-of-a.md" && p.Message.Contains("also used by notes/note-a.md", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_front_matter_is_reported_and_checking_continues()
    {
        using var temp = GoodFixture();
        temp.Write("notes/broken.md", "---\nid broken\n---\n");
        temp.Note("no-date", "glutes-x", lastReviewed: null);

        var problems = NotesChecker.Check(temp.Root);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.File == "notes/broken.md" && p.Message.StartsWith("line 2:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "notes/no-date.md");
    }

    [Fact]
    public void Summary_problems_are_reported()
    {
        using var temp = GoodFixture();
        temp.Summary("glutes-y", takeaway: null);
        temp.Write("glutes-z/summary.md", "---\ntopic: glutes-wrong\ntitle: T\ntakeaway: Ask.\n---\n## Brief\nSome **bold** text.\n");
        temp.Note("y1", "glutes-y, glutes-z");
        temp.Note("y2", "glutes-y");
        Directory.CreateDirectory(Path.Combine(temp.Root, "glutes-empty"));

        var problems = NotesChecker.Check(temp.Root);

        Assert.Contains(problems, p => p.File == "glutes-y/summary.md" && p.Message.Contains("takeaway", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "glutes-z/summary.md" && p.Message.Contains("does not match its directory", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "glutes-z/summary.md" && p.Message.Contains("'**'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "glutes-empty" && p.Message.Contains("no summary.md", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "notes/y1.md" && p.Message.Contains("'glutes-z'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_summary_note_order_naming_a_missing_or_unrelated_note_is_reported()
    {
        using var temp = GoodFixture();
        temp.Summary("glutes-other");
        temp.Note("other-1", "glutes-other");
        temp.Note("other-2", "glutes-other");
        var path = Path.Combine(temp.Root, "glutes-x", "summary.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("takeaway:", "notes: [note-b, ghost, other-1]\ntakeaway:", StringComparison.Ordinal));

        var problems = NotesChecker.Check(temp.Root);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.File == "glutes-x/summary.md" && p.Message.Contains("'ghost', but there is no such note", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "glutes-x/summary.md" && p.Message.Contains("'other-1', but that note does not name topic 'glutes-x'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_directory_is_one_problem()
    {
        var problems = NotesChecker.Check(Path.Combine(Path.GetTempPath(), "mfb-missing-" + Guid.NewGuid().ToString("N")));

        Assert.Contains("not found", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    private static TempTopics GoodFixture()
    {
        var temp = new TempTopics();
        temp.Summary("glutes-x");
        temp.Note("note-a", "glutes-x");
        temp.Note("note-b", "glutes-x", sources: ["\"Author B (2019) Journal. https://example.org/page\"", "Regulation 12-3 https://example.org/rules/12-3"]);
        return temp;
    }
}
