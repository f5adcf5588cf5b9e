using System.Text.Json;
using MassageForumBot.Classification.Data;
using MassageForumBot.Cli;
using MassageForumBot.Storage;
using MassageForumBot.Storage.Sqlite;

namespace MassageForumBot.Tests.Cli;

public sealed class FeedbackExportCommandTests : IAsyncLifetime
{
    private const ulong Guild = 500;
    private const ulong Member1 = 1, Member2 = 2, ModA = 9, ModB = 10;
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly LoopTempFolder _temp = new();
    private SqliteBotStore _store = null!;

    private string Db => _temp.File("bot.db");

    private string Out => _temp.File("feedback.jsonl");

    public async Task InitializeAsync()
    {
        _store = new SqliteBotStore($"Data Source={Db}");
        await _store.InitializeAsync();
        // 101: a moderator found it helpful: confirms the predicted topic.
        await Give(101, ModA, FeedbackKinds.Helpful, true, predicted: "glutes-routine");
        // 102: a moderator said 'Not helpful' without a topic: other.
        await Give(102, ModA, FeedbackKinds.NotHelpful, true);
        // 103: a moderator chose another topic; a member's 'Helpful' does not outweigh it.
        await Give(103, ModA, FeedbackKinds.WrongTopic, true, corrected: "glutes-lowback");
        await Give(103, Member1, FeedbackKinds.Helpful, false, minutes: 1);
        // 104: members only said 'Not helpful': members' votes are never labels.
        await Give(104, Member1, FeedbackKinds.NotHelpful, false);
        await Give(104, Member2, FeedbackKinds.NotHelpful, false);
        // 105: helpful, but the author opted out (no text).
        await Give(105, ModA, FeedbackKinds.Helpful, true, text: null);
        // 106: a moderator removed the reply without choosing a topic.
        await Give(106, ModA, FeedbackKinds.Removed, true);
        // 107: one moderator chose a topic, a later one said 'Not helpful': the chosen topic wins.
        await Give(107, ModB, FeedbackKinds.WrongTopic, true, corrected: "glutes-routine", minutes: 2);
        await Give(107, ModA, FeedbackKinds.NotHelpful, true, minutes: 3);
        // 108: members disagree (one helpful, one not): not exported.
        // 109: members all found it helpful (alt accounts, perhaps): still not a label.
        await Give(108, Member1, FeedbackKinds.Helpful, false, minutes: 4);
        await Give(108, Member2, FeedbackKinds.NotHelpful, false, minutes: 4);
        await Give(109, Member1, FeedbackKinds.Helpful, false, minutes: 5);
        await Give(109, Member2, FeedbackKinds.Helpful, false, minutes: 5);
    }

    private Task Give(ulong post, ulong user, string kind, bool moderator, string? corrected = null, string predicted = "glutes-draping",
        int minutes = 0, string? text = "") =>
        _store.RecordFeedbackAsync(new Feedback(post, user, Guild, kind, predicted, corrected,
            text == "" ? $"post {post}: do you \"drape\" the glutes? ✓" : text, moderator, T0.AddMinutes(minutes)));

    private Task<(int Exit, string Output)> Export(params string[] more) =>
        LearningLoopCli.RunAsync(["feedback", "export", "--out", Out, "--db", $"Data Source={Db}", .. more]);

    [Fact]
    public async Task Export_writes_one_training_row_per_labelled_post_by_the_label_rules()
    {
        var (exit, output) = await Export();

        Assert.Equal(0, exit);
        var rows = DatasetReader.Read(Out);
        Assert.Equal(["fb-101", "fb-102", "fb-103", "fb-107"], rows.Select(r => r.Id));
        Assert.Equal(["glutes-routine", "other", "glutes-lowback", "glutes-routine"], rows.Select(r => r.Label));
        Assert.All(rows, r => Assert.Equal("feedback:discord", r.Source));
        Assert.All(rows, r => Assert.Equal(r.Id, r.Group));
        Assert.Equal("post 101: do you \"drape\" the glutes? ✓", rows[0].Text);
        Assert.Contains("read 7 moderators' feedback rows on 6 posts (members' votes are never training labels)", output);
        Assert.Contains("labelled 4: 2 by a moderator's topic, 1 'other' from a moderator's 'Not helpful', 1 confirmed by a moderator's 'Helpful'", output);
        Assert.Contains("skipped 2: 1 without text (deleted, opted out or purged), 1 without a label", output);
        Assert.Contains("added 4, already there 0, removed 0 whose posts were forgotten since, 4 rows in the file", output);
    }

    [Fact]
    public async Task Each_line_is_a_json_object_with_exactly_the_training_columns_in_order()
    {
        await Export();

        var first = File.ReadLines(Out).First();
        using var doc = JsonDocument.Parse(first);
        Assert.Equal(["id", "text", "label", "source", "group"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Contains("✓", first); // kept readable, not \u-escaped
    }

    [Fact]
    public async Task Exporting_again_adds_no_duplicates_and_keeps_earlier_lines_as_they_were()
    {
        await Export();
        var before = File.ReadAllBytes(Out);

        var (exit, output) = await Export();

        Assert.Equal(0, exit);
        Assert.Equal(before, File.ReadAllBytes(Out));
        Assert.Contains("added 0, already there 4, removed 0 whose posts were forgotten since, 4 rows in the file", output);

        // New feedback: a new post, and a moderator relabelling one already exported.
        await Give(110, ModA, FeedbackKinds.Helpful, true, predicted: "glutes-lowback", minutes: 10);
        await Give(101, ModA, FeedbackKinds.WrongTopic, true, corrected: "glutes-draping", minutes: 11);
        (exit, output) = await Export();

        Assert.Equal(0, exit);
        var after = File.ReadAllBytes(Out);
        Assert.Equal(before, after[..before.Length]);
        var rows = DatasetReader.Read(Out);
        Assert.Equal(["fb-101", "fb-102", "fb-103", "fb-107", "fb-110"], rows.Select(r => r.Id));
        Assert.Equal("glutes-routine", rows[0].Label);
        Assert.Equal("glutes-lowback", rows[^1].Label);
        Assert.Contains("added 1, already there 4 (1 now labelled differently", output);
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp"));
    }

    [Fact]
    public async Task A_rerun_removes_the_rows_of_posts_forgotten_since_and_keeps_every_other_line()
    {
        await Export();
        File.AppendAllText(Out, "{\"id\":\"hand-1\",\"text\":\"written by hand\",\"label\":\"other\",\"source\":\"manual\",\"group\":\"hand-1\"}\n");

        await _store.ForgetMessagesAsync(Guild, 20, [102], T0.AddDays(1));            // the member deleted it
        await _store.RecordDecisionAsync(new PostDecision(103, Guild, 20, 55, "glutes-draping", 0.9, "{}", PostOutcome.Replied, "r", T0));
        await _store.ForgetChannelAsync(Guild, 20, T0.AddDays(1));                        // 103's channel went
        var (exit, output) = await Export();

        Assert.Equal(0, exit);
        Assert.Equal(["fb-101", "fb-107", "hand-1"], DatasetReader.Read(Out).Select(r => r.Id));
        Assert.Contains("removed 2 whose posts were forgotten since", output, StringComparison.Ordinal);
        Assert.DoesNotContain("post 102", File.ReadAllText(Out), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp"));
    }

    [Fact]
    public async Task An_opted_out_authors_post_is_not_exported_even_when_a_text_is_still_stored()
    {
        await _store.RecordDecisionAsync(new PostDecision(101, Guild, 20, 55, "glutes-routine", 0.9, "{}", PostOutcome.Replied, "r", T0));
        await Export();
        Assert.Contains("fb-101", DatasetReader.Read(Out).Select(r => r.Id));

        await _store.SetOptedOutAsync(55, true, T0.AddDays(1)); // the text is still there (the forget has not run)
        var (exit, _) = await Export();

        Assert.Equal(0, exit);
        Assert.DoesNotContain("fb-101", DatasetReader.Read(Out).Select(r => r.Id));
        Assert.Contains("fb-102", DatasetReader.Read(Out).Select(r => r.Id));
    }

    [Fact]
    public async Task Since_leaves_out_older_feedback()
    {
        var (exit, _) = await Export("--since", T0.AddMinutes(2).ToString("O"));

        Assert.Equal(0, exit);
        // 107's topic (at +2 min) remains; 101-106 are older, and 108-109 have members' votes only.
        Assert.Equal(["fb-107"], DatasetReader.Read(Out).Select(r => r.Id));
    }

    [Fact]
    public async Task A_missing_database_is_an_error_and_nothing_is_written()
    {
        var (exit, _) = await LearningLoopCli.RunAsync("feedback", "export", "--out", Out, "--db", $"Data Source={_temp.File("nope.db")}");

        Assert.Equal(1, exit);
        Assert.False(File.Exists(Out));
        Assert.False(File.Exists(_temp.File("nope.db")));
    }

    [Fact]
    public void Members_votes_never_label_a_post_whatever_their_number_but_a_moderators_do()
    {
        Feedback F(ulong user, string kind, bool mod) => new(7, user, Guild, kind, "glutes-draping", null, "text", mod, T0);

        Assert.Equal((FeedbackVerdict.SkippedNoLabel, null), FeedbackExport.Decide([F(1, FeedbackKinds.NotHelpful, false), F(2, FeedbackKinds.NotHelpful, false), F(3, FeedbackKinds.NotHelpful, false)]));
        Assert.Equal((FeedbackVerdict.SkippedNoLabel, null), FeedbackExport.Decide([F(1, FeedbackKinds.Helpful, false), F(2, FeedbackKinds.Helpful, false), F(3, FeedbackKinds.Helpful, false)]));
        Assert.Equal((FeedbackVerdict.ModeratorNotHelpful, "other"), FeedbackExport.Decide([F(1, FeedbackKinds.Helpful, false), F(9, FeedbackKinds.NotHelpful, true)]));
        Assert.Equal((FeedbackVerdict.ModeratorHelpful, "glutes-draping"), FeedbackExport.Decide([F(1, FeedbackKinds.NotHelpful, false), F(2, FeedbackKinds.NotHelpful, false), F(9, FeedbackKinds.Helpful, true)]));
        // Even handed the members' rows directly (not through the store's moderator query), the export ignores them.
        Assert.Empty(FeedbackExport.ToRows([F(1, FeedbackKinds.Helpful, false), F(2, FeedbackKinds.Helpful, false)]).Rows);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
