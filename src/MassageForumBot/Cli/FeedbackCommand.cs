using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MassageForumBot.Classification;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Configuration;
using MassageForumBot.Storage;
using MassageForumBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MassageForumBot.Cli;

/// <summary>`feedback export`: turns stored feedback on the bot's replies into labelled rows for `train --include-feedback`.</summary>
public static class FeedbackCommand
{
    public const string DefaultFile = "models/feedback.jsonl";

    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = $"The JSON Lines file to write or extend (default: {DefaultFile}). Rows already in it (same id) are not added again.", DefaultValueFactory = _ => DefaultFile };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only feedback given at or after this date (for example 2026-11-01)." };
        var db = new Option<string?>("--db") { Description = "SQLite connection string (default: Storage:ConnectionString from the configuration, which may name a PostgreSQL database with Storage:Provider=postgres)." };
        var export = new Command("export", """
            Write labelled rows (id fb-<post id>, source feedback:discord) from stored feedback, in the training-data format.
            Labels come from moderators only: a moderator's chosen topic wins; a moderator's 'Not helpful' without a topic makes
            the post 'other'; a moderator's 'Helpful' confirms the predicted topic. Members' Helpful / Not helpful votes are never
            read here (alt accounts could steer training); `review` and `status` show them as a signal.
            Not exported: a moderator's 'Remove' without a topic, and posts whose text the store no longer keeps (deleted, author
            opted out, bot removed from the server, or purged after Storage:RetentionDays). A re-run also removes such posts'
            rows from the file (written aside, then renamed), so the file never keeps what the bot has forgotten.
            """)
        {
            output, since, db,
        };
        export.SetAction((parse, cancel) => CliErrors.Guard(async () =>
        {
            var store = await CliStore.OpenAsync(parse.GetValue(db), cancel);
            IReadOnlyList<Feedback> feedback;
            FeedbackPrivacy privacy;
            try
            {
                feedback = await store.ModeratorFeedbackAsync(parse.GetValue(since) ?? DateTimeOffset.MinValue, cancel);
                privacy = await FeedbackPrivacy.LoadAsync(store, cancel);
            }
            catch (Exception e) when (e is SqliteException or Npgsql.NpgsqlException)
            {
                throw new CliException($"cannot read feedback ({e.Message})");
            }
            var outPath = ResolveOutput(parse.GetValue(output)!);
            // A forgotten post's rows read as having no text: counted as skipped, never exported.
            var result = FeedbackExport.ToRows(feedback.Select(f => privacy.MayExport(f.PostId) ? f : f with { Text = null }).ToList());
            var merge = FeedbackExport.MergeInto(outPath, result.Rows, privacy.MayKeep);
            FeedbackExport.Report(parse.InvocationConfiguration.Output, feedback.Count, result, merge, outPath);
            return 0;
        }));

        var command = new Command("feedback", "Moderator and member feedback on the bot's replies.") { export };
        return command;
    }

    /// <summary>A relative output path goes into the nearest existing folder of that name (so models/feedback.jsonl lands in the
    /// repository's models/ folder from any sub-folder); otherwise it is used as given.</summary>
    public static string ResolveOutput(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path)) return path;
        var folder = Path.GetDirectoryName(path);
        return string.IsNullOrEmpty(folder) ? path : Path.Combine(ProjectPaths.Resolve(folder), Path.GetFileName(path));
    }

    /// <summary>The given connection string or the configured one; a SQLite file that does not exist is an error, not a new empty database.</summary>
    public static string ConnectionString(string? given)
    {
        var builder = new SqliteConnectionStringBuilder(given ?? CliConfiguration.Section<StorageOptions>(StorageOptions.Section).ConnectionString);
        var source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || source is "" or ":memory:") return builder.ToString();
        var resolved = ProjectPaths.Resolve(source);
        if (!File.Exists(resolved))
            throw new CliException($"no database at {Path.GetFullPath(resolved)}: the bot stores feedback there once it runs (Storage:ConnectionString, or --db).");
        builder.DataSource = resolved;
        return builder.ToString();
    }
}

/// <summary>What one post's feedback amounted to.</summary>
public enum FeedbackVerdict
{
    ModeratorLabel,
    ModeratorNotHelpful,
    ModeratorHelpful,
    SkippedNoText,
    SkippedNoLabel,
}

public sealed record FeedbackExportResult(IReadOnlyList<LabelledPost> Rows, IReadOnlyDictionary<FeedbackVerdict, int> Verdicts, int Posts);

public sealed record FeedbackMergeResult(int Added, int AlreadyThere, int AlreadyThereWithOtherLabel, int RowsInFile, int Pruned = 0);

/// <summary>The label rules of <c>feedback export</c> and the merge into an existing file.</summary>
public static class FeedbackExport
{
    public const string Source = "feedback:discord";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string RowId(ulong postId) => $"fb-{postId}";

    /// <summary>One row per post that earned a moderator's label, in post order; members' rows are ignored even when given.</summary>
    public static FeedbackExportResult ToRows(IReadOnlyList<Feedback> feedback)
    {
        var verdicts = Enum.GetValues<FeedbackVerdict>().ToDictionary(v => v, _ => 0);
        var rows = new List<LabelledPost>();
        var posts = feedback.Where(f => f.ByModerator).GroupBy(f => f.PostId).OrderBy(g => g.Key).ToList();
        foreach (var post in posts)
        {
            var (verdict, label) = Decide(post.ToList());
            verdicts[verdict]++;
            if (label is null) continue;
            var text = post.Select(f => f.Text).First(t => !string.IsNullOrWhiteSpace(t))!;
            var id = RowId(post.Key);
            rows.Add(new LabelledPost(id, text, label, Source, id));
        }
        return new FeedbackExportResult(rows, verdicts, posts.Count);
    }

    /// <summary>The label a post's feedback earns. Only moderators' rows count: a member's vote never becomes a label.</summary>
    public static (FeedbackVerdict Verdict, string? Label) Decide(IReadOnlyList<Feedback> post)
    {
        var moderators = post.Where(f => f.ByModerator).OrderBy(f => f.At).ToList();
        if (moderators.Count == 0) return (FeedbackVerdict.SkippedNoLabel, null);
        if (moderators.All(f => string.IsNullOrWhiteSpace(f.Text))) return (FeedbackVerdict.SkippedNoText, null);

        var corrected = moderators.LastOrDefault(f => !string.IsNullOrWhiteSpace(f.CorrectedLabel));
        if (corrected is not null) return (FeedbackVerdict.ModeratorLabel, corrected.CorrectedLabel!.Trim());

        var verdict = moderators.LastOrDefault(f => f.Kind is FeedbackKinds.Helpful or FeedbackKinds.NotHelpful);
        if (verdict is not null)
            return verdict.Kind == FeedbackKinds.NotHelpful
                ? (FeedbackVerdict.ModeratorNotHelpful, ReplyPolicy.NoReplyLabel)
                : (FeedbackVerdict.ModeratorHelpful, verdict.PredictedTopic);
        // A moderator removed the reply (or said 'wrong topic' without picking one): the post is not 'other' for sure, and its topic is unknown.
        return (FeedbackVerdict.SkippedNoLabel, null);
    }

    public static string ToJsonLine(LabelledPost row) =>
        JsonSerializer.Serialize(new { id = row.Id, text = row.Text, label = row.Label, source = row.Source, group = row.Group }, Json);

    /// <summary>
    /// Appends the rows whose id is not in the file yet and drops the file's rows that <paramref name="mayKeep"/> refuses
    /// (posts forgotten since the last export); every other line is kept as it is. Written aside, then renamed.
    /// </summary>
    public static FeedbackMergeResult MergeInto(string path, IReadOnlyList<LabelledPost> rows, Func<string, bool>? mayKeep = null)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        var kept = new List<string>(lines.Length);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var pruned = 0;
        foreach (var line in lines)
        {
            if (RowOf(line) is { } row)
            {
                if (mayKeep is not null && !mayKeep(row.Id))
                {
                    pruned++;
                    continue;
                }
                labels[row.Id] = row.Label;
            }
            kept.Add(line);
        }
        var added = rows.Where(r => !labels.ContainsKey(r.Id)).ToList();
        var relabelled = rows.Count(r => labels.TryGetValue(r.Id, out var old) && old != r.Label);
        if (added.Count > 0 || pruned > 0 || !File.Exists(path))
        {
            var text = new StringBuilder();
            foreach (var line in kept) text.Append(line).Append('\n');
            foreach (var row in added) text.Append(ToJsonLine(row)).Append('\n');
            AtomicFile.WriteAllText(path, text.ToString());
        }
        return new FeedbackMergeResult(added.Count, rows.Count - added.Count, relabelled, labels.Count + added.Count, pruned);
    }

    /// <summary>The id and label of one JSON Lines row; null for a blank or unreadable line (kept as it is).</summary>
    private static (string Id, string Label)? RowOf(string line)
    {
        if (string.IsNullOrWhiteSpace(line)) return null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? (id.GetString()!, root.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String ? label.GetString()! : "")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void Report(TextWriter output, int feedbackRows, FeedbackExportResult result, FeedbackMergeResult merge, string path)
    {
        var v = result.Verdicts;
        output.WriteLine($"read {feedbackRows} moderators' feedback rows on {result.Posts} posts (members' votes are never training labels)");
        output.WriteLine($"labelled {result.Rows.Count}: {v[FeedbackVerdict.ModeratorLabel]} by a moderator's topic, {v[FeedbackVerdict.ModeratorNotHelpful]} 'other' from a moderator's 'Not helpful', {v[FeedbackVerdict.ModeratorHelpful]} confirmed by a moderator's 'Helpful'");
        if (result.Rows.Count > 0)
            output.WriteLine($"  by label: {string.Join(", ", result.Rows.GroupBy(r => r.Label).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}");
        output.WriteLine($"skipped {v[FeedbackVerdict.SkippedNoText] + v[FeedbackVerdict.SkippedNoLabel]}: {v[FeedbackVerdict.SkippedNoText]} without text (deleted, opted out or purged), {v[FeedbackVerdict.SkippedNoLabel]} without a label (removed, or no verdict)");
        output.WriteLine($"{path}: added {merge.Added}, already there {merge.AlreadyThere}{(merge.AlreadyThereWithOtherLabel > 0 ? $" ({merge.AlreadyThereWithOtherLabel} now labelled differently; kept as they are, delete their lines to re-export)" : "")}, " +
                         $"removed {merge.Pruned} whose posts were forgotten since, {merge.RowsInFile} rows in the file");
    }
}
