using MassageForumBot.Configuration;
using MassageForumBot.Decisions;
using MassageForumBot.Storage;
using MassageForumBot.Worker;

namespace MassageForumBot.Tests.Moderation;

public sealed class ModeratorCommandTests(ClassifierFixture model) : IClassFixture<ClassifierFixture>, IAsyncLifetime
{
    private ModerationRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await ModerationRig.StartAsync(model.Classifier, BotMode.Shadow);
        await _rig.ConnectAsync();
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Status_shows_mode_channels_threshold_model_metrics_and_the_last_7_days()
    {
        await _rig.PostAsync(Posts.Glutes);
        var old = await _rig.PostAsync(Posts.Draping);
        _rig.Time.Advance(TimeSpan.FromDays(8));
        await _rig.PostAsync(Posts.Draping);
        await _rig.PostAsync(Posts.OffTopic);
        _ = old;

        var status = await _rig.CommandAsync("status");

        var callback = _rig.Callback(status);
        Assert.Equal(4, callback.GetProperty("type").GetInt32());
        Assert.Equal(64, callback.GetProperty("data").GetProperty("flags").GetInt32());
        var text = _rig.AnswerText(status);
        var manifest = model.Classifier.Current.Manifest;
        Assert.Contains("Mode: **shadow** (configuration default)", text, StringComparison.Ordinal);
        Assert.Contains($"<#{ModerationRig.ModLog}>", text, StringComparison.Ordinal);
        Assert.Contains($"<#{ModerationRig.Channel}>, <#{ModerationRig.Forum}> (configuration default)", text, StringComparison.Ordinal);
        Assert.Contains($"Reply threshold: **{model.Classifier.Current.Policy.Threshold:0.###}** (the model's calibrated threshold)", text, StringComparison.Ordinal);
        Assert.Contains(manifest.Version, text, StringComparison.Ordinal);
        Assert.Contains($"reply precision {manifest.HeldOut.ReplyPrecision:0.000}", text, StringComparison.Ordinal);
        Assert.Contains($"macro-F1 {manifest.HeldOut.MacroF1:0.000}", text, StringComparison.Ordinal);
        // Only the last 7 days count: one draft (the two older posts are outside the window) and one below threshold.
        Assert.Contains("Last 7 days: 0 replies, 1 shadow drafts, 1 below threshold", text, StringComparison.Ordinal);
        Assert.Contains("Members' votes (7 days, a signal only, never a training label): 0 helpful", text, StringComparison.Ordinal);
        Assert.Contains("Moderators' feedback (7 days): 0 helpful", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mode_watch_unwatch_and_threshold_are_stored_and_survive_a_restart()
    {
        Assert.Contains("**live**", _rig.AnswerText(await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"live"}]""")), StringComparison.Ordinal);
        Assert.Contains($"Now watching <#{ModerationRig.UnwatchedChannel}>",
            _rig.AnswerText(await _rig.CommandAsync("watch", $$"""[{"name":"channel","type":7,"value":"{{ModerationRig.UnwatchedChannel}}"}]""")), StringComparison.Ordinal);
        Assert.Contains($"Stopped watching <#{ModerationRig.Forum}>",
            _rig.AnswerText(await _rig.CommandAsync("unwatch", $$"""[{"name":"channel","type":7,"value":"{{ModerationRig.Forum}}"}]""")), StringComparison.Ordinal);
        Assert.Contains("**0.8**", _rig.AnswerText(await _rig.CommandAsync("threshold", """[{"name":"value","type":10,"value":0.8}]""")), StringComparison.Ordinal);

        await _rig.RestartAsync();

        var stored = await _rig.Store.GetGuildSettingsAsync(ModerationRig.GuildId);
        Assert.NotNull(stored);
        Assert.Equal("live", stored.Mode);
        Assert.Equal([ModerationRig.Channel, ModerationRig.UnwatchedChannel], stored.WatchedChannels!.Order());
        Assert.Equal(0.8, stored.Threshold);
        var policy = await _rig.Service<GuildPolicy>().ResolveAsync(ModerationRig.GuildId);
        Assert.Equal((BotMode.Live, SettingSource.Moderator, 0.8), (policy.Mode, policy.ModeSource, policy.Threshold));

        // Live now: a post in the newly watched channel gets a public reply there, not a draft in the log.
        await _rig.ConnectAsync();
        var post = await _rig.PostAsync(Posts.Glutes, channelId: ModerationRig.UnwatchedChannel);
        var reply = Assert.Single(_rig.MessagePosts(ModerationRig.UnwatchedChannel));
        Assert.Equal(ModerationRig.Id(post), reply.Body!.Value.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.Empty(_rig.MessagePosts(ModerationRig.ModLog));
        var status = _rig.AnswerText(await _rig.CommandAsync("status"));
        Assert.Contains("Mode: **live** (set by a moderator)", status, StringComparison.Ordinal);
        Assert.Contains("Reply threshold: **0.8** (set by a moderator)", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_guild_threshold_decides_whether_the_bot_replies()
    {
        await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"live"}]""");
        await _rig.CommandAsync("threshold", """[{"name":"value","type":10,"value":1}]""");

        var post = await _rig.PostAsync(Posts.Glutes);

        Assert.Empty(_rig.MessagePosts(ModerationRig.Channel));
        var decision = await _rig.Store.GetDecisionAsync(post);
        Assert.Equal(PostOutcome.BelowThreshold, decision!.Outcome);
        Assert.Contains("below threshold 1.00", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unwatching_the_last_channel_is_refused_because_an_empty_list_watches_everything()
    {
        await _rig.CommandAsync("unwatch", $$"""[{"name":"channel","type":7,"value":"{{ModerationRig.Forum}}"}]""");
        var refused = _rig.AnswerText(await _rig.CommandAsync("unwatch", $$"""[{"name":"channel","type":7,"value":"{{ModerationRig.Channel}}"}]"""));

        Assert.Contains("only watched channel", refused, StringComparison.Ordinal);
        var policy = await _rig.Service<GuildPolicy>().ResolveAsync(ModerationRig.GuildId);
        Assert.Equal([ModerationRig.Channel], policy.WatchedChannels);
    }

    [Fact]
    public async Task Members_without_manage_messages_cannot_use_moderator_commands()
    {
        var attempt = await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"live"}]""", moderator: false);
        var review = await _rig.CommandAsync("review", moderator: false);

        Assert.Contains("Only members with **Manage Server**", _rig.AnswerText(attempt), StringComparison.Ordinal);
        Assert.Contains("Only moderators", _rig.AnswerText(review), StringComparison.Ordinal);
        Assert.Null(await _rig.Store.GetGuildSettingsAsync(ModerationRig.GuildId));
    }

    [Fact]
    public async Task Why_explains_a_reply_with_topic_confidence_and_all_scores_after_deferring()
    {
        var post = await _rig.PostAsync(Posts.Glutes);
        var link = $"https://discord.com/channels/{ModerationRig.GuildId}/{ModerationRig.Channel}/{post}";

        var why = await _rig.CommandAsync("why", $$"""[{"name":"message","type":3,"value":"{{link}}"}]""");

        var callback = _rig.Callback(why);
        Assert.Equal(5, callback.GetProperty("type").GetInt32());
        Assert.Equal(64, callback.GetProperty("data").GetProperty("flags").GetInt32());
        var text = _rig.AnswerText(why);
        Assert.Contains("drafted in shadow mode", text, StringComparison.Ordinal);
        Assert.Contains("Topic: **glutes-routine**", text, StringComparison.Ordinal);
        foreach (var label in model.Classifier.Current.Labels) Assert.Contains(label + " 0.", text, StringComparison.Ordinal);
        Assert.Contains("one per post", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Posts.OffTopic, "not one of the recurring topics")]
    [InlineData(Posts.RedFlag, "clinical red flag")]
    public async Task Why_explains_a_post_that_was_not_answered(string content, string expected)
    {
        var post = await _rig.PostAsync(content);

        var text = _rig.AnswerText(await _rig.CommandAsync("why", $$"""[{"name":"message","type":3,"value":"{{post}}"}]"""));

        Assert.Contains("**not answered**", text, StringComparison.Ordinal);
        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Why_explains_opted_out_authors_removed_replies_thread_messages_and_unwatched_channels()
    {
        await _rig.CommandAsync("", command: "optout", moderator: false, userId: ModerationRig.OtherMemberId);
        var optedOut = await _rig.PostAsync(Posts.Glutes, authorId: ModerationRig.OtherMemberId);
        Assert.Contains("opted out", await WhyAsync(optedOut.ToString()), StringComparison.Ordinal);

        var answered = await _rig.PostAsync(Posts.Draping);
        await _rig.Store.MarkReplyRemovedAsync(answered);
        Assert.Contains("removed by a moderator", await WhyAsync(answered.ToString()), StringComparison.Ordinal);

        var thread = _rig.NewId();
        await _rig.DispatchAsync("THREAD_CREATE", $$"""{"id":"{{thread}}","guild_id":"{{ModerationRig.GuildId}}","type":11,"parent_id":"{{ModerationRig.Forum}}","name":"glutes"}""");
        var inThread = _rig.NewId();
        Assert.Contains("not the thread starter", await WhyAsync($"https://discord.com/channels/{ModerationRig.GuildId}/{thread}/{inThread}"), StringComparison.Ordinal);

        var unwatched = await _rig.PostAsync(Posts.Glutes, channelId: ModerationRig.UnwatchedChannel);
        Assert.Contains("is not watched", await WhyAsync($"https://discord.com/channels/{ModerationRig.GuildId}/{ModerationRig.UnwatchedChannel}/{unwatched}"), StringComparison.Ordinal);

        Assert.Contains("No record: not a thread starter in a watched channel", await WhyAsync("123456789012345678"), StringComparison.Ordinal);
        Assert.Contains("another server", await WhyAsync($"https://discord.com/channels/{ModerationRig.OtherGuildId}/1/2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_lists_the_latest_drafts_with_their_feedback()
    {
        var post = await _rig.PostAsync(Posts.Glutes);
        var draft = (await _rig.Store.GetClaimAsync(post))!.ReplyMessageId!.Value;
        await _rig.ClickAsync($"mfb:helpful:{post}", draft, ModerationRig.ModLog, moderator: false);

        var review = await _rig.CommandAsync("review");

        Assert.Equal(5, _rig.Callback(review).GetProperty("type").GetInt32());
        var text = _rig.AnswerText(review);
        Assert.Contains($"Draft to https://discord.com/channels/{ModerationRig.GuildId}/{ModerationRig.Channel}/{post}: glutes-routine", text, StringComparison.Ordinal);
        Assert.Contains("members 👍 1 👎 0", text, StringComparison.Ordinal);
        var status = _rig.AnswerText(await _rig.CommandAsync("status"));
        Assert.Contains("Members' votes (7 days, a signal only, never a training label): 1 helpful, 0 not helpful", status, StringComparison.Ordinal);
        Assert.Contains("Moderators' feedback (7 days): 0 helpful", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_waited_in_the_dispatch_queue_past_the_budget_is_deferred_then_answered()
    {
        _rig.ReceivedTimestamp = _rig.Time.GetTimestamp();
        _rig.Time.Advance(TimeSpan.FromSeconds(2.5)); // a backlog of posts kept the handlers busy

        var status = await _rig.CommandAsync("status");

        Assert.Equal(5, _rig.Callback(status).GetProperty("type").GetInt32());
        Assert.Contains("Mode: **shadow**", _rig.AnswerText(status), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_is_not_a_slash_command_and_does_not_reload_the_model()
    {
        var before = model.Classifier.Current;

        var reload = await _rig.CommandAsync("reload");

        Assert.Contains("Unknown subcommand `reload`", _rig.AnswerText(reload), StringComparison.Ordinal);
        Assert.Same(before, model.Classifier.Current); // a reload would have loaded a new instance
    }

    private async Task<string> WhyAsync(string message) =>
        _rig.AnswerText(await _rig.CommandAsync("why", $$"""[{"name":"message","type":3,"value":"{{message}}"}]"""));
}
