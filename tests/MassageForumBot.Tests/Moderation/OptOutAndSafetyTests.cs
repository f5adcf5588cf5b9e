using MassageForumBot.Configuration;
using MassageForumBot.Storage;

namespace MassageForumBot.Tests.Moderation;

public sealed class OptOutAndSafetyTests(ClassifierFixture model) : IClassFixture<ClassifierFixture>, IAsyncLifetime
{
    private ModerationRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await ModerationRig.StartAsync(model.Classifier, BotMode.Live);
        await _rig.ConnectAsync();
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task An_opted_out_members_posts_are_never_answered_or_stored_until_they_opt_in()
    {
        var optOut = await _rig.CommandAsync("", command: "optout", moderator: false);
        Assert.Contains("will not answer your posts", _rig.AnswerText(optOut), StringComparison.Ordinal);
        Assert.True(await _rig.Store.IsOptedOutAsync(ModerationRig.MemberId));

        var post = await _rig.PostAsync(Posts.Glutes);

        Assert.Empty(_rig.MessagePosts(ModerationRig.Channel));
        Assert.Null(await _rig.Store.GetClaimAsync(post));
        Assert.Empty(await _rig.Store.ThreadsAsync(ModerationRig.GuildId, "glutes-routine", 10));
        // Only the fact that it was skipped, so `why` can say so: no topic, no scores, no text.
        var skipped = await _rig.Store.GetDecisionAsync(post);
        Assert.Equal((PostOutcome.OptedOut, "", 0.0, "{}"), (skipped!.Outcome, skipped.Topic, skipped.Confidence, skipped.ScoresJson));

        var optIn = await _rig.CommandAsync("", command: "optin", moderator: false);
        Assert.Contains("may answer your new posts", _rig.AnswerText(optIn), StringComparison.Ordinal);
        var later = await _rig.PostAsync(Posts.Draping);
        var reply = Assert.Single(_rig.MessagePosts(ModerationRig.Channel));
        Assert.Contains($"\"message_id\":\"{later}\"", reply.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opting_out_forgets_what_was_kept_about_earlier_posts_but_never_replies_twice()
    {
        var post = await _rig.PostAsync(Posts.Glutes);
        var reply = (await _rig.Store.GetClaimAsync(post))!.ReplyMessageId!.Value;
        _rig.ServeMessageOnce(post, ModerationRig.Channel, Posts.Glutes);
        // A moderator's feedback keeps the post text (members' votes keep none).
        await _rig.ClickAsync($"mfb:helpful:{post}", reply, ModerationRig.Channel, moderator: true);
        Assert.Equal(Posts.Glutes, Assert.Single(await _rig.Store.FeedbackAsync(ModerationRig.GuildId, DateTimeOffset.UnixEpoch)).Text);

        var optOut = await _rig.CommandAsync("", command: "optout", moderator: false);

        Assert.Contains("forgot what it kept about 1 earlier post", _rig.AnswerText(optOut), StringComparison.Ordinal);
        Assert.Null(await _rig.Store.GetDecisionAsync(post));
        Assert.Empty(await _rig.Store.ThreadsAsync(ModerationRig.GuildId, "glutes-routine", 10));
        Assert.Null(Assert.Single(await _rig.Store.FeedbackAsync(ModerationRig.GuildId, DateTimeOffset.UnixEpoch)).Text);
        Assert.Equal(ReplyState.Sent, (await _rig.Store.GetClaimAsync(post))!.State);

        await _rig.CommandAsync("", command: "optin", moderator: false);
        await _rig.PostAsync(Posts.Glutes, id: post); // redelivered: still answered only once
        Assert.Single(_rig.MessagePosts(ModerationRig.Channel));
    }

    [Fact]
    public async Task A_red_flag_post_is_not_answered_and_moderators_get_a_notice_in_the_log_channel()
    {
        var post = await _rig.PostAsync(Posts.RedFlag);

        Assert.Empty(_rig.MessagePosts(ModerationRig.Channel));
        var notice = Assert.Single(_rig.MessagePosts(ModerationRig.ModLog)).Body!.Value;
        var content = notice.GetProperty("content").GetString()!;
        Assert.Contains("Red flag", content, StringComparison.Ordinal);
        Assert.Contains($"https://discord.com/channels/{ModerationRig.GuildId}/{ModerationRig.Channel}/{post}", content, StringComparison.Ordinal);
        Assert.Equal(0, notice.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.False(notice.TryGetProperty("components", out _));
        Assert.Equal(PostOutcome.RedFlag, (await _rig.Store.GetDecisionAsync(post))!.Outcome);
        Assert.Null(await _rig.Store.GetClaimAsync(post));
    }

    [Fact]
    public async Task The_moderators_log_of_one_guild_never_receives_another_guilds_posts()
    {
        await _rig.DispatchAsync("GUILD_CREATE", $$"""
            {"id":"{{ModerationRig.OtherGuildId}}","name":"Elsewhere","channels":[{"id":"999000000000000001","type":0,"guild_id":"{{ModerationRig.OtherGuildId}}","name":"general"}],"threads":[]
            """ + "}");
        await _rig.DispatchAsync("MESSAGE_CREATE", $$"""
            {"id":"{{_rig.NewId()}}","channel_id":"999000000000000001","guild_id":"{{ModerationRig.OtherGuildId}}","content":{{System.Text.Json.JsonSerializer.Serialize(Posts.RedFlag)}},
             "timestamp":"2026-11-30T12:00:00+00:00","type":0,"author":{"id":"{{ModerationRig.MemberId}}","username":"m"}
            """ + "}");

        Assert.Empty(_rig.MessagePosts(ModerationRig.ModLog));
    }
}

public sealed class ShadowModeTests(ClassifierFixture model) : IClassFixture<ClassifierFixture>, IAsyncLifetime
{
    private ModerationRig _rig = null!;

    public async Task InitializeAsync()
    {
        // The shipped appsettings.json says shadow: a guild nobody configured starts there.
        _rig = await ModerationRig.StartAsync(model.Classifier, BotMode.Shadow);
        await _rig.ConnectAsync();
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public void The_shipped_configuration_starts_every_guild_in_shadow_mode()
    {
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(MassageForumBot.Cli.ProjectPaths.Resolve("appsettings.json")));
        Assert.Equal("shadow", json.RootElement.GetProperty("Bot").GetProperty("Mode").GetString());
    }

    [Fact]
    public async Task In_shadow_mode_the_draft_goes_only_to_the_log_channel_with_the_same_buttons()
    {
        var post = await _rig.PostAsync(Posts.Glutes);

        Assert.Empty(_rig.MessagePosts(ModerationRig.Channel));
        var draft = Assert.Single(_rig.MessagePosts(ModerationRig.ModLog)).Body!.Value;
        var buttons = draft.GetProperty("components")[0].GetProperty("components").EnumerateArray().Select(b => b.GetProperty("custom_id").GetString());
        Assert.Equal([$"mfb:helpful:{post}", $"mfb:unhelpful:{post}", $"mfb:wrongtopic:{post}", $"mfb:remove:{post}"], buttons);
        Assert.Equal(PostOutcome.ShadowDraft, (await _rig.Store.GetDecisionAsync(post))!.Outcome);
    }

    [Fact]
    public async Task Approve_under_a_shadow_draft_posts_the_reply_where_the_post_is_and_only_for_moderators()
    {
        var post = await _rig.PostAsync(Posts.Glutes);
        var draft = Assert.Single(_rig.MessagePosts(ModerationRig.ModLog)).Body!.Value;
        var approve = draft.GetProperty("components").EnumerateArray().Last().GetProperty("components")[0].GetProperty("custom_id").GetString();
        Assert.Equal($"mfb:approve:{post}", approve);
        var draftId = (await _rig.Store.GetClaimAsync(post))!.ReplyMessageId!.Value;

        var member = await _rig.ClickAsync(approve!, draftId, ModerationRig.ModLog, moderator: false);
        Assert.Empty(_rig.MessagePosts(ModerationRig.Channel));
        await _rig.ClickAsync(approve!, draftId, ModerationRig.ModLog, moderator: true);

        Assert.Contains("moderators", _rig.AnswerText(member), StringComparison.OrdinalIgnoreCase);
        var reply = Assert.Single(_rig.MessagePosts(ModerationRig.Channel)).Body!.Value;
        Assert.Equal(ModerationRig.Id(post), reply.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.Equal(PostOutcome.Replied, (await _rig.Store.GetDecisionAsync(post))!.Outcome);
        Assert.NotEqual(draftId, (await _rig.Store.GetClaimAsync(post))!.ReplyMessageId);
    }

    [Fact]
    public async Task A_guild_a_moderator_switched_to_live_replies_publicly_while_configuration_stays_shadow()
    {
        await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"live"}]""");

        await _rig.PostAsync(Posts.Glutes);

        Assert.Single(_rig.MessagePosts(ModerationRig.Channel));
        Assert.Empty(_rig.MessagePosts(ModerationRig.ModLog));
    }
}
