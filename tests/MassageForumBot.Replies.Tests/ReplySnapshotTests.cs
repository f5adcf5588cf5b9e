using System.Text;

namespace MassageForumBot.Replies.Tests;

/// <summary>
/// The rendered reply per topic and tone, compared with Snapshots/{topic}.{tone}.txt. A changed reply writes
/// {name}.received.txt next to it and fails: review the difference, then run with UPDATE_SNAPSHOTS=1 to accept it.
/// </summary>
public class ReplySnapshotTests
{
    private static readonly EarlierThread[] Threads =
    [
        ReplyComposerTests.Thread(1234567890123, "2026-03-14T09:30:00Z", "Does everyone include glutes in a full body? @everyone"),
        ReplyComposerTests.Thread(1234567890456, "2025-11-02T20:15:00Z", "Client said nobody has *ever* massaged her glutes <@123456789>"),
    ];

    [Theory]
    [MemberData(nameof(ReplyComposerTests.TopicsAndTones), MemberType = typeof(ReplyComposerTests))]
    public void Rendered_reply_matches_snapshot(string topic, ReplyTone tone)
    {
        var reply = ReplyComposerTests.Composer().Compose(new ReplyRequest(topic, 0.87, tone, Threads));
        var rendered = Render(reply);
        var name = $"{topic}.{tone.ToString().ToLowerInvariant()}";
        var path = Path.Combine(TestPaths.SnapshotsDirectory, name + ".txt");
        var received = Path.Combine(TestPaths.SnapshotsDirectory, name + ".received.txt");

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(TestPaths.SnapshotsDirectory);
            File.WriteAllText(path, rendered);
            File.Delete(received);
        }

        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (expected != rendered)
        {
            File.WriteAllText(received, rendered);
        }

        Assert.True(expected is not null, $"No snapshot {path}; review {received} and run with UPDATE_SNAPSHOTS=1 to accept it.");
        Assert.Equal(expected, rendered);
    }

    /// <summary>Everything the user sees, with zero-width spaces made visible.</summary>
    internal static string Render(ComposedReply reply)
    {
        var text = new StringBuilder();
        text.Append("=== plain text (").Append(reply.PlainText.Length).Append(" chars) ===\n");
        text.Append(reply.PlainText).Append('\n');
        text.Append("=== card (").Append(reply.Card.TotalLength).Append(" chars) ===\n");
        text.Append("title: ").Append(reply.Card.Title).Append('\n');
        text.Append("description:\n").Append(reply.Card.Description).Append('\n');
        foreach (var field in reply.Card.Fields)
        {
            text.Append("--- field: ").Append(field.Name).Append(" ---\n").Append(field.Value).Append('\n');
        }

        text.Append("footer: ").Append(reply.Card.Footer).Append('\n');
        foreach (var button in reply.Evidence)
        {
            text.Append("button: [").Append(button.Label).Append("] -> ").Append(button.NoteId).Append('\n');
        }

        return text.ToString().Replace("\u200B", "[ZWSP]", StringComparison.Ordinal);
    }
}
