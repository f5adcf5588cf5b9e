using MassageForumBot.Discord.Testing;
using MassageForumBot.Discord.Models;
using MassageForumBot.DiscordBot;
using MassageForumBot.DiscordBot.Interactions;
using MassageForumBot.Replies;
using DiscordLimits = MassageForumBot.Discord.Models.DiscordLimits;

namespace MassageForumBot.Tests.Replies;

public sealed class EvidenceButtonLimitsTests
{
    private static EvidenceNote Note(int keyPoints, int sources, int pointLength = 300) =>
        new("huge-note", "A note with far too much to say", new string('s', 400), ["glutes-x"], new DateOnly(2026, 12, 2),
            Enumerable.Range(1, sources).Select(i => $"Author{i} AB, Other CD ({2000 + i % 25}) Journal {i}. doi:10.{1000 + i}/example.{i}").ToArray(),
            "", "/content/notes/huge-note.md")
        {
            KeyPoints = Enumerable.Range(1, keyPoints).Select(i => $"Point {i} " + new string('k', pointLength)).ToArray(),
        };

    [Theory]
    [InlineData(3, 3)]
    [InlineData(12, 3)]
    [InlineData(2, 60)]
    [InlineData(20, 60)]
    public void The_answer_fits_discord_and_never_cuts_a_source_link(int keyPoints, int sources)
    {
        var text = EvidenceButtons.Render(Note(keyPoints, sources));

        Assert.InRange(text.Length, 1, DiscordLimits.ContentLength);
        Assert.Contains("Sources:", text, StringComparison.Ordinal);
        Assert.Contains("<https://doi.org/10.1001/example.1>", text, StringComparison.Ordinal);
        var sourceLines = text[text.IndexOf("Sources:", StringComparison.Ordinal)..].Split('\n').Skip(1).ToArray();
        Assert.All(sourceLines, l => Assert.Matches(@"^• .+: <https://doi\.org/10\.\d+/example\.\d+>$", l));
    }

    [Fact]
    public void The_button_row_keeps_custom_ids_labels_and_counts_within_discord_limits()
    {
        var evidence = Enumerable.Range(1, 7)
            .Select(i => new EvidenceButton($"note-{i}", ReplyComposer.EvidenceButtonPrefix + new string('t', 120)))
            .Prepend(new EvidenceButton(new string('x', 95), "Evidence: id too long for a custom id"))
            .ToArray();
        var reply = new ComposedReply("text", new ReplyCard("T", "D", [new ReplyCardField("F", "V")], "footer")) { Evidence = evidence };

        var message = ReplyMessageBuilder.Build(reply, postId: 1, nonce: "n1", reference: null);

        Assert.Empty(MessageLimitCheck.Validate(message));
        var row = Assert.IsType<ActionRow>(message.Components![1]);
        Assert.Equal(DiscordLimits.ComponentsPerActionRow, row.Components.Count);
        Assert.All(row.Components.Cast<Button>(), b =>
        {
            Assert.InRange(b.CustomId!.Length, 1, DiscordLimits.CustomIdLength);
            Assert.InRange(b.Label!.Length, 1, DiscordLimits.ButtonLabelLength);
            Assert.StartsWith("mfb:note:note-", b.CustomId, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Without_evidence_the_message_has_only_the_feedback_row()
    {
        var reply = new ComposedReply("text", new ReplyCard("T", "D", [new ReplyCardField("F", "V")], "footer"));

        var message = ReplyMessageBuilder.Build(reply, postId: 1, nonce: "n1", reference: null);

        Assert.Single(message.Components!);
    }

    [Theory]
    [InlineData("mfb:note:what-release-means", "what-release-means")]
    [InlineData("mfb:note:", null)]
    [InlineData("mfb:helpful:123", null)]
    [InlineData("other:note:x", null)]
    public void Evidence_custom_ids_parse_to_their_note(string customId, string? noteId)
    {
        Assert.Equal(noteId, EvidenceButtons.NoteId(customId));
    }
}
