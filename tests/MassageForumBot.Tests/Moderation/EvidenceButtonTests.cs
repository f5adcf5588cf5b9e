using System.Text.RegularExpressions;
using MassageForumBot.Cli;
using MassageForumBot.Configuration;
using MassageForumBot.DiscordBot.Interactions;
using MassageForumBot.Replies;

namespace MassageForumBot.Tests.Moderation;

/// <summary>A tap on "Evidence: …" under a reply: answered at once, only to the member, with key points and openable sources.</summary>
public sealed partial class EvidenceButtonTests(ClassifierFixture model) : IClassFixture<ClassifierFixture>, IAsyncLifetime
{
    private static readonly TopicLibrary Shipped = TopicLibrary.Load(ProjectPaths.Resolve(ProjectPaths.DefaultTopics));
    private ModerationRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await ModerationRig.StartAsync(model.Classifier, BotMode.Live);
        await _rig.ConnectAsync();
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    public static TheoryData<string> NoteIds() => new(Shipped.Notes.Select(n => n.Id));

    [Theory]
    [MemberData(nameof(NoteIds))]
    public async Task Every_note_is_answered_at_once_and_ephemerally_with_its_key_points_and_https_sources(string noteId)
    {
        var note = Shipped.FindNote(noteId)!;
        var customId = EvidenceButtons.CustomId(noteId)!;
        var receivedAt = _rig.Time.GetTimestamp();
        _rig.ReceivedTimestamp = receivedAt;

        var click = await _rig.ClickAsync(customId, messageId: 4242, ModerationRig.Channel, moderator: false);

        // Type 4 (not a deferral) means the answer went out inside the budget; the fake clock never moved.
        var callback = _rig.Callback(click);
        Assert.Equal(4, callback.GetProperty("type").GetInt32());
        Assert.Equal(64, callback.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.True(_rig.Time.GetElapsedTime(receivedAt) < TimeSpan.FromSeconds(3));
        var text = _rig.AnswerText(click);
        Assert.InRange(text.Length, 1, Discord.Models.DiscordLimits.ContentLength);
        Assert.Contains(note.Title, text, StringComparison.Ordinal);
        Assert.Contains(note.KeyPoints[0], text, StringComparison.Ordinal);
        var links = Links().Matches(text).Select(m => new Uri(m.Groups[1].Value)).ToArray();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.Equal(Uri.UriSchemeHttps, l.Scheme));
        Assert.All(links, l => Assert.False(MemberLinks.IsPrivateHost(l.Host), l.AbsoluteUri));
        Assert.Contains(SourceLinks.LinkFor(note.PrimarySource)!.AbsoluteUri, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tap_that_waited_past_the_budget_in_the_queue_is_deferred_then_answered()
    {
        _rig.ReceivedTimestamp = _rig.Time.GetTimestamp();
        _rig.Time.Advance(TimeSpan.FromSeconds(2.5));

        var click = await _rig.ClickAsync(EvidenceButtons.CustomId("what-release-means")!, messageId: 4243, ModerationRig.Channel, moderator: false);

        Assert.Equal(5, _rig.Callback(click).GetProperty("type").GetInt32());
        Assert.Contains("https://doi.org/10.7556/jaoa.2008.108.8.379", _rig.AnswerText(click), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_note_gets_a_short_answer_not_an_error()
    {
        var click = await _rig.ClickAsync("mfb:note:no-such-note", messageId: 4244, ModerationRig.Channel, moderator: false);

        Assert.Equal("That evidence note is no longer available.", _rig.AnswerText(click));
    }

    [GeneratedRegex(@"<(https?://[^>\s]+)>")]
    private static partial Regex Links();
}
