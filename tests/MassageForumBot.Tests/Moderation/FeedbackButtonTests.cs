using MassageForumBot.Configuration;
using MassageForumBot.Storage;

namespace MassageForumBot.Tests.Moderation;

public sealed class FeedbackButtonTests(ClassifierFixture model) : IClassFixture<ClassifierFixture>, IAsyncLifetime
{
    private ModerationRig _rig = null!;
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.UnixEpoch;

    public async Task InitializeAsync()
    {
        _rig = await ModerationRig.StartAsync(model.Classifier, BotMode.Live);
        await _rig.ConnectAsync();
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private async Task<(ulong Post, ulong Reply)> AnsweredPostAsync(string text = Posts.Glutes)
    {
        var post = await _rig.PostAsync(text);
        var claim = await _rig.Store.GetClaimAsync(post);
        Assert.Equal(ReplyState.Sent, claim!.State);
        return (post, claim.ReplyMessageId!.Value);
    }

    [Fact]
    public async Task Helpful_is_acknowledged_ephemerally_and_stored_once_per_member_without_the_post_text()
    {
        var (post, reply) = await AnsweredPostAsync();
        for (var i = 0; i < 3; i++) _rig.ServeMessageOnce(post, ModerationRig.Channel, Posts.Glutes);

        var click = await _rig.ClickAsync($"mfb:helpful:{post}", reply, ModerationRig.Channel, moderator: false);
        await _rig.ClickAsync($"mfb:helpful:{post}", reply, ModerationRig.Channel, moderator: false);
        await _rig.ClickAsync($"mfb:unhelpful:{post}", reply, ModerationRig.Channel, moderator: false, userId: ModerationRig.OtherMemberId);

        var callback = _rig.Callback(click);
        Assert.Equal(4, callback.GetProperty("type").GetInt32());
        Assert.Equal(64, callback.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Contains("helpful", _rig.AnswerText(click), StringComparison.Ordinal);
        var feedback = await _rig.Store.FeedbackAsync(ModerationRig.GuildId, LongAgo);
        Assert.Equal(2, feedback.Count);
        var mine = Assert.Single(feedback, f => f.UserId == ModerationRig.MemberId);
        Assert.Equal((FeedbackKinds.Helpful, "glutes-routine", false), (mine.Kind, mine.PredictedTopic, mine.ByModerator));
        var theirs = Assert.Single(feedback, f => f.UserId == ModerationRig.OtherMemberId);
        Assert.Equal(FeedbackKinds.NotHelpful, theirs.Kind);
        // Members' votes are never training labels: no post text is fetched or kept for them.
        Assert.All(feedback, f => Assert.Null(f.Text));
        Assert.Equal(0, _rig.Server.Requests.Count(r => r.Method == "GET" && r.Path == $"/channels/{ModerationRig.Channel}/messages/{post}"));
        // A moderator's click fetches it (at click time: the bot keeps no post text with its decisions).
        await _rig.ClickAsync($"mfb:helpful:{post}", reply, ModerationRig.Channel, moderator: true);
        Assert.Equal(Posts.Glutes, Assert.Single(await _rig.Store.FeedbackAsync(ModerationRig.GuildId, LongAgo), f => f.ByModerator).Text);
    }

    [Fact]
    public async Task Feedback_on_an_opted_out_authors_post_keeps_no_text()
    {
        var (post, reply) = await AnsweredPostAsync();
        await _rig.Store.SetOptedOutAsync(ModerationRig.MemberId, true, _rig.Time.GetUtcNow());
        _rig.ServeMessageOnce(post, ModerationRig.Channel, Posts.Glutes);

        await _rig.ClickAsync($"mfb:unhelpful:{post}", reply, ModerationRig.Channel, moderator: true);

        var feedback = Assert.Single(await _rig.Store.FeedbackAsync(ModerationRig.GuildId, LongAgo));
        Assert.Null(feedback.Text);
        Assert.True(feedback.ByModerator);
        Assert.DoesNotContain(_rig.Server.Requests, r => r.Method == "GET" && r.Path.Contains("/messages/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_topic_shows_moderators_a_topic_select_and_stores_the_corrected_label()
    {
        var (post, reply) = await AnsweredPostAsync();

        var click = await _rig.ClickAsync($"mfb:wrongtopic:{post}", reply, ModerationRig.Channel, moderator: true);

        var data = _rig.Callback(click).GetProperty("data");
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        var select = data.GetProperty("components")[0].GetProperty("components")[0];
        Assert.Equal(3, select.GetProperty("type").GetInt32());
        Assert.Equal($"mfb:label:{post}", select.GetProperty("custom_id").GetString());
        Assert.Equal(model.Classifier.Current.Labels, select.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()));
        Assert.Empty(await _rig.Store.FeedbackAsync(ModerationRig.GuildId, LongAgo));

        _rig.ServeMessageOnce(post, ModerationRig.Channel, Posts.Glutes);
        var pick = await _rig.ClickAsync($"mfb:label:{post}", reply, ModerationRig.Channel, moderator: true, value: "glutes-draping");

        var update = _rig.Callback(pick);
        Assert.Equal(7, update.GetProperty("type").GetInt32());
        Assert.Equal(0, update.GetProperty("data").GetProperty("components").GetArrayLength());
        Assert.Contains("glutes-draping", update.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        var label = Assert.Single(await _rig.Store.FeedbackAsync(ModerationRig.GuildId, LongAgo));
        Assert.Equal((FeedbackKinds.WrongTopic, "glutes-draping", "glutes-routine", true, Posts.Glutes),
            (label.Kind, label.CorrectedLabel, label.PredictedTopic, label.ByModerator, label.Text));
    }

    [Theory]
    [InlineData("wrongtopic")]
    [InlineData("remove")]
    [InlineData("label")]
    public async Task Moderator_buttons_refuse_members(string action)
    {
        var (post, reply) = await AnsweredPostAsync();

        var click = await _rig.ClickAsync($"mfb:{action}:{post}", reply, ModerationRig.Channel, moderator: false, value: action == "label" ? "other" : null);

        Assert.Contains("Only moderators", _rig.AnswerText(click), StringComparison.Ordinal);
        Assert.DoesNotContain(_rig.Server.Requests, r => r.Method == "DELETE");
        Assert.Equal(ReplyState.Sent, (await _rig.Store.GetClaimAsync(post))!.State);
        Assert.Empty(await _rig.Store.FeedbackAsync(ModerationRig.GuildId, LongAgo));
    }

    [Fact]
    public async Task An_administrator_counts_as_a_moderator()
    {
        var (post, reply) = await AnsweredPostAsync();
        var interaction = new Interaction(_rig.NewId(), "tok-admin");
        await _rig.DispatchAsync("INTERACTION_CREATE", $$"""
            {"id":"{{interaction.Id}}","application_id":"{{_rig.Server.ApplicationId}}","type":3,"token":"tok-admin","guild_id":"{{ModerationRig.GuildId}}",
             "channel_id":"{{ModerationRig.Channel}}","member":{"user":{"id":"5","username":"admin"},"permissions":"8"},
             "data":{"custom_id":"mfb:wrongtopic:{{post}}","component_type":2},
             "message":{"id":"{{reply}}","channel_id":"{{ModerationRig.Channel}}","content":"","type":19}
            """ + "}");

        Assert.Equal(3, _rig.Callback(interaction).GetProperty("data").GetProperty("components")[0].GetProperty("components")[0].GetProperty("type").GetInt32());
    }

    [Fact]
    public async Task Remove_deletes_the_reply_and_the_post_is_never_answered_again()
    {
        var (post, reply) = await AnsweredPostAsync();

        var click = await _rig.ClickAsync($"mfb:remove:{post}", reply, ModerationRig.Channel, moderator: true);

        Assert.Contains("Removed", _rig.AnswerText(click), StringComparison.Ordinal);
        Assert.Single(_rig.Server.Requests, r => r.Method == "DELETE" && r.Path == $"/channels/{ModerationRig.Channel}/messages/{reply}");
        Assert.Equal(ReplyState.Removed, (await _rig.Store.GetClaimAsync(post))!.State);
        var removal = Assert.Single(await _rig.Store.FeedbackAsync(ModerationRig.GuildId, LongAgo));
        Assert.Equal((FeedbackKinds.Removed, true), (removal.Kind, removal.ByModerator));

        // Discord then sends MESSAGE_DELETE for the reply; the post is delivered again (a replay, a restart).
        await _rig.DispatchAsync("MESSAGE_DELETE", $$"""{"id":"{{reply}}","channel_id":"{{ModerationRig.Channel}}","guild_id":"{{ModerationRig.GuildId}}"}""");
        await _rig.RestartAsync();
        await _rig.ConnectAsync();
        await _rig.PostAsync(Posts.Glutes, id: post);

        Assert.Single(_rig.MessagePosts(ModerationRig.Channel));
        Assert.Equal(ReplyState.Removed, (await _rig.Store.GetClaimAsync(post))!.State);
    }

    [Fact]
    public async Task Removing_after_labelling_keeps_the_moderators_label()
    {
        var (post, reply) = await AnsweredPostAsync();
        await _rig.ClickAsync($"mfb:label:{post}", reply, ModerationRig.Channel, moderator: true, value: "other");

        await _rig.ClickAsync($"mfb:remove:{post}", reply, ModerationRig.Channel, moderator: true);

        var feedback = Assert.Single(await _rig.Store.FeedbackAsync(ModerationRig.GuildId, LongAgo));
        Assert.Equal((FeedbackKinds.WrongTopic, "other"), (feedback.Kind, feedback.CorrectedLabel));
    }

    [Fact]
    public async Task A_reply_a_moderator_deletes_by_hand_is_never_posted_again()
    {
        var (post, reply) = await AnsweredPostAsync();

        await _rig.DispatchAsync("MESSAGE_DELETE", $$"""{"id":"{{reply}}","channel_id":"{{ModerationRig.Channel}}","guild_id":"{{ModerationRig.GuildId}}"}""");
        await _rig.PostAsync(Posts.Glutes, id: post);

        Assert.Equal(ReplyState.Removed, (await _rig.Store.GetClaimAsync(post))!.State);
        Assert.Single(_rig.MessagePosts(ModerationRig.Channel));
    }

    [Fact]
    public async Task Feedback_on_a_deleted_post_says_so_and_stores_nothing()
    {
        var (post, reply) = await AnsweredPostAsync();
        await _rig.DispatchAsync("MESSAGE_DELETE", $$"""{"id":"{{post}}","channel_id":"{{ModerationRig.Channel}}","guild_id":"{{ModerationRig.GuildId}}"}""");

        var click = await _rig.ClickAsync($"mfb:helpful:{post}", reply, ModerationRig.Channel, moderator: false);

        Assert.Contains("no longer stored", _rig.AnswerText(click), StringComparison.Ordinal);
        Assert.Empty(await _rig.Store.FeedbackAsync(ModerationRig.GuildId, LongAgo));
    }
}
