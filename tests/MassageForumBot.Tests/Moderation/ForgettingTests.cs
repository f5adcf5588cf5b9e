using System.Text.Json;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Configuration;
using MassageForumBot.Decisions;
using MassageForumBot.Storage;
using static MassageForumBot.Tests.Moderation.ModerationRig;

namespace MassageForumBot.Tests.Moderation;

/// <summary>
/// Deletes, opt-out and a removed bot forget a member's posts, also when the delete races the post's classification,
/// and two guilds in one process each see only their own data. Driven through the real dispatch handler.
/// </summary>
public sealed class ForgettingTests(ClassifierFixture model) : IClassFixture<ClassifierFixture>, IAsyncLifetime
{
    private const ulong OtherChannel = 111_000_000_000_000_400;

    private HeldClassifier _held = null!;
    private ModerationRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await StartAsync(model.Classifier, BotMode.Live, wrapClassifier: inner => _held = new HeldClassifier(inner));
        await _rig.ConnectAsync();
        // The second guild watches its own text channel, live.
        await _rig.Store.SaveGuildSettingsAsync(new GuildSettings(OtherGuildId, "live", [OtherChannel], null, _rig.Time.GetUtcNow()));
        await _rig.DispatchAsync("GUILD_CREATE", $$"""
            {"id":"{{Id(OtherGuildId)}}","name":"Bodywork Collective","unavailable":false,
             "channels":[{"id":"{{Id(OtherChannel)}}","type":0,"guild_id":"{{Id(OtherGuildId)}}","name":"questions"}],"threads":[]}
            """);
    }

    public async Task DisposeAsync()
    {
        _held.Release.Set();
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task A_bulk_delete_handled_while_its_post_is_being_classified_wins_nothing_is_stored_or_sent()
    {
        var post = _rig.NewId();
        _held.HoldText = Posts.Glutes;

        var creating = Task.Run(() => _rig.PostAsync(Posts.Glutes, id: post));
        Assert.True(_held.Entered.Wait(TimeSpan.FromSeconds(30)), "the post never reached the classifier");
        await _rig.DispatchAsync("MESSAGE_DELETE_BULK", $$"""
            {"ids":["{{Id(post)}}","{{Id(_rig.NewId())}}"],"channel_id":"{{Id(Channel)}}","guild_id":"{{Id(GuildId)}}"}
            """);
        _held.Release.Set();
        await creating;

        Assert.Empty(_rig.MessagePosts(Channel));
        Assert.Null(await _rig.Store.GetDecisionAsync(post));
        Assert.Null(await _rig.Store.GetClaimAsync(post));
        Assert.Empty(await _rig.Store.ThreadsAsync(GuildId, "glutes-routine", 10));

        // The same post delivered again (a replay) is not answered either: the tombstone outlives the delete.
        await _rig.PostAsync(Posts.Glutes, id: post);
        Assert.Empty(_rig.MessagePosts(Channel));
    }

    [Fact]
    public async Task Deleting_the_forum_while_one_of_its_posts_is_being_classified_leaves_nothing_of_the_post()
    {
        // A forum post's events run in its thread's lane, the forum's CHANNEL_DELETE in the forum's: they do race.
        var thread = await ForumThreadAsync();
        _held.HoldText = Posts.Glutes;

        var creating = Task.Run(() => _rig.PostAsync(Posts.Glutes, channelId: thread, id: thread));
        Assert.True(_held.Entered.Wait(TimeSpan.FromSeconds(30)), "the post never reached the classifier");
        await _rig.DispatchAsync("CHANNEL_DELETE", $$"""{"id":"{{Id(Forum)}}","type":15,"guild_id":"{{Id(GuildId)}}","name":"ask"}""");
        _held.Release.Set();
        await creating;

        Assert.Empty(_rig.MessagePosts(thread));
        Assert.Null(await _rig.Store.GetDecisionAsync(thread));
        Assert.Empty(await _rig.Store.ThreadsAsync(GuildId, "glutes-routine", 10));
    }

    [Fact]
    public async Task A_deleted_forum_thread_is_never_linked_as_an_earlier_thread()
    {
        var first = await ForumThreadAsync();
        await _rig.PostAsync(Posts.Glutes, channelId: first, id: first);
        var second = await ForumThreadAsync();
        await _rig.PostAsync(Posts.Glutes, channelId: second, id: second);
        // Control: while the first thread exists, the second reply links it.
        Assert.Contains(Link(GuildId, first, first), Assert.Single(_rig.MessagePosts(second)).RawBody, StringComparison.Ordinal);

        await _rig.DispatchAsync("THREAD_DELETE", $$"""{"id":"{{Id(first)}}","guild_id":"{{Id(GuildId)}}","parent_id":"{{Id(Forum)}}","type":11}""");
        var third = await ForumThreadAsync();
        await _rig.PostAsync(Posts.Glutes, channelId: third, id: third);

        var reply = Assert.Single(_rig.MessagePosts(third)).RawBody;
        Assert.DoesNotContain(Id(first), reply, StringComparison.Ordinal);
        Assert.Contains(Link(GuildId, second, second), reply, StringComparison.Ordinal);
        Assert.Null(await _rig.Store.GetDecisionAsync(first));
        Assert.DoesNotContain(await _rig.Store.ThreadsAsync(GuildId, "glutes-routine", 10), t => t.MessageId == first);
    }

    [Fact]
    public async Task A_deleted_post_is_not_explained_by_why_nor_listed_by_review()
    {
        var kept = await _rig.PostAsync(Posts.Draping);
        var deleted = await _rig.PostAsync(Posts.Glutes);

        await _rig.DispatchAsync("MESSAGE_DELETE", $$"""{"id":"{{Id(deleted)}}","channel_id":"{{Id(Channel)}}","guild_id":"{{Id(GuildId)}}"}""");

        var why = _rig.AnswerText(await _rig.CommandAsync("why", $$"""[{"name":"message","type":3,"value":"{{Id(deleted)}}"}]"""));
        Assert.Contains("No decision is kept", why, StringComparison.Ordinal);
        Assert.DoesNotContain("confidence", why, StringComparison.Ordinal);
        var review = _rig.AnswerText(await _rig.CommandAsync("review"));
        Assert.Contains(Id(kept), review, StringComparison.Ordinal);
        Assert.DoesNotContain(Id(deleted), review, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opting_out_in_one_guild_forgets_the_members_posts_in_the_other_and_stops_storage_there()
    {
        var inA = await _rig.PostAsync(Posts.Glutes);
        var inB = await PostInOtherGuildAsync(Posts.Glutes);
        Assert.NotNull(await _rig.Store.GetDecisionAsync(inB));
        Assert.Single(await _rig.Store.ThreadsAsync(OtherGuildId, "glutes-routine", 10));

        var answer = _rig.AnswerText(await _rig.CommandAsync("", command: "optout", moderator: false));

        Assert.Contains("2 earlier post(s)", answer, StringComparison.Ordinal);
        Assert.Null(await _rig.Store.GetDecisionAsync(inA));
        Assert.Null(await _rig.Store.GetDecisionAsync(inB));
        Assert.Empty(await _rig.Store.ThreadsAsync(OtherGuildId, "glutes-routine", 10));
        Assert.Equal(ReplyState.Sent, (await _rig.Store.GetClaimAsync(inB))!.State); // never answered twice

        var later = await PostInOtherGuildAsync(Posts.Draping);
        Assert.Single(_rig.MessagePosts(OtherChannel));
        Assert.Equal(0UL, (await _rig.Store.GetDecisionAsync(later))!.AuthorId);
        Assert.Equal(0, (await _rig.Store.MemberDataAsync(MemberId, 10)).Posts);
    }

    [Fact]
    public async Task Two_guilds_in_one_process_each_see_only_their_own_posts()
    {
        var inA = await _rig.PostAsync(Posts.Glutes);
        var inB = await PostInOtherGuildAsync(Posts.Glutes);
        var secondInA = await _rig.PostAsync(Posts.Glutes, authorId: OtherMemberId);

        // Earlier threads come from the same guild only.
        var replyInB = Assert.Single(_rig.MessagePosts(OtherChannel)).RawBody;
        Assert.DoesNotContain(Id(inA), replyInB, StringComparison.Ordinal);
        var secondReplyInA = _rig.MessagePosts(Channel).Single(r => r.RawBody.Contains($"\"message_id\":\"{Id(secondInA)}\"", StringComparison.Ordinal)).RawBody;
        Assert.Contains(Link(GuildId, Channel, inA), secondReplyInA, StringComparison.Ordinal);
        Assert.DoesNotContain(Id(inB), secondReplyInA, StringComparison.Ordinal);

        var review = _rig.AnswerText(await _rig.CommandAsync("review"));
        Assert.Contains(Id(inA), review, StringComparison.Ordinal);
        Assert.DoesNotContain(Id(inB), review, StringComparison.Ordinal);
        var status = _rig.AnswerText(await _rig.CommandAsync("status"));
        Assert.Contains("Last 7 days: 2 replies", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_the_bot_from_a_guild_forgets_that_guild_only_and_an_outage_forgets_nothing()
    {
        var inA = await _rig.PostAsync(Posts.Glutes);
        var inB = await PostInOtherGuildAsync(Posts.Glutes);

        await _rig.DispatchAsync("GUILD_DELETE", $$"""{"id":"{{Id(GuildId)}}","unavailable":true}""");
        Assert.NotNull(await _rig.Store.GetDecisionAsync(inA));

        await _rig.DispatchAsync("GUILD_DELETE", $$"""{"id":"{{Id(OtherGuildId)}}"}""");

        Assert.Null(await _rig.Store.GetDecisionAsync(inB));
        Assert.Empty(await _rig.Store.ThreadsAsync(OtherGuildId, "glutes-routine", 10));
        Assert.NotNull(await _rig.Store.GetDecisionAsync(inA));
        Assert.Single(await _rig.Store.ThreadsAsync(GuildId, "glutes-routine", 10));
        Assert.Equal("live", (await _rig.Store.GetGuildSettingsAsync(OtherGuildId))!.Mode); // settings may stay
    }

    [Fact]
    public async Task Mydata_lists_the_members_posts_in_every_guild_with_jump_links_ephemerally_and_never_a_local_link()
    {
        var inA = await _rig.PostAsync(Posts.Glutes);
        var inB = await PostInOtherGuildAsync(Posts.OffTopic);
        await _rig.PostAsync(Posts.Draping, authorId: OtherMemberId);
        // A post made in the local console channel (guild 0): no link anyone could open.
        await _rig.Store.RecordDecisionAsync(new PostDecision(77, 0, 0, MemberId, "glutes-routine", 0.9, "{}", PostOutcome.Replied, "r", _rig.Time.GetUtcNow()));

        var interaction = await _rig.CommandAsync("", command: "mydata", moderator: false);

        var text = _rig.AnswerText(interaction);
        Assert.Contains("Not opted out", text, StringComparison.Ordinal);
        Assert.Contains("3 post(s)", text, StringComparison.Ordinal);
        Assert.Contains(Link(GuildId, Channel, inA), text, StringComparison.Ordinal);
        Assert.Contains(Link(OtherGuildId, OtherChannel, inB), text, StringComparison.Ordinal);
        Assert.Contains("a console post", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("https://").Length - 1); // the other member's post is not theirs to see
        var data = _rig.Callback(interaction).GetProperty("data");
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.Equal(0, data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());

        await _rig.CommandAsync("", command: "optout", moderator: false);
        var after = _rig.AnswerText(await _rig.CommandAsync("", command: "mydata", moderator: false));
        Assert.Contains("Opted out since", after, StringComparison.Ordinal);
        Assert.Contains("no posts of yours are stored", after, StringComparison.Ordinal);
    }

    private static string Link(ulong guild, ulong channel, ulong message) => $"https://discord.com/channels/{guild}/{channel}/{message}";

    /// <summary>A new thread in the watched forum (THREAD_CREATE); its starter message has the same id.</summary>
    private async Task<ulong> ForumThreadAsync()
    {
        var thread = _rig.NewId();
        await _rig.DispatchAsync("THREAD_CREATE", $$"""{"id":"{{Id(thread)}}","guild_id":"{{Id(GuildId)}}","type":11,"parent_id":"{{Id(Forum)}}","name":"glutes"}""");
        return thread;
    }

    private async Task<ulong> PostInOtherGuildAsync(string content, ulong authorId = MemberId)
    {
        var id = _rig.NewId();
        var json = MessageJson(id, OtherChannel, content, authorId).Replace(Id(GuildId), Id(OtherGuildId), StringComparison.Ordinal);
        await _rig.DispatchAsync("MESSAGE_CREATE", json);
        return id;
    }

    /// <summary>The shipped classifier, except that a post with <see cref="HoldText"/> waits mid-classification until released.</summary>
    private sealed class HeldClassifier(IPostClassifier inner) : IPostClassifier
    {
        public string? HoldText { get; set; }

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public double ModelThreshold => inner.ModelThreshold;

        public Prediction Classify(string text)
        {
            if (text == HoldText)
            {
                Entered.Set();
                Release.Wait(TimeSpan.FromSeconds(30));
            }
            return inner.Classify(text);
        }
    }
}
