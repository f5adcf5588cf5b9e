using MassageForumBot.Configuration;
using MassageForumBot.DiscordBot.Interactions;
using MassageForumBot.Storage;

namespace MassageForumBot.Tests.Moderation;

/// <summary>
/// Two guilds in one process, both in shadow mode, with Bot:ModLogChannel set to guild B's log channel: guild A's
/// drafts and notices never reach B, each guild can set its own log channel, and `why`, Remove and Wrong topic never
/// read or change another guild's posts.
/// </summary>
public sealed class GuildWallsTests(ClassifierFixture model) : IClassFixture<ClassifierFixture>, IAsyncLifetime
{
    private ModerationRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await ModerationRig.StartAsync(model.Classifier, BotMode.Shadow, modLog: ModerationRig.OtherModLog);
        await _rig.ConnectAsync();
        await _rig.OtherGuildCreateAsync();
        // Guild B's owner watches its channel (Bot:Channels names guild A's).
        var watch = await _rig.CommandAsync("watch", $$"""[{"name":"channel","type":7,"value":"{{ModerationRig.OtherChannel}}"}]""",
            userId: ModerationRig.OwnerId, guildId: ModerationRig.OtherGuildId, channelId: ModerationRig.OtherChannel);
        Assert.Contains("Now watching", _rig.AnswerText(watch), StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private Task<ulong> PostInBAsync(string content) =>
        _rig.PostAsync(content, channelId: ModerationRig.OtherChannel, guildId: ModerationRig.OtherGuildId);

    private int MessagePostsAnywhere() => _rig.Server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal));

    [Fact]
    public async Task Guild_As_drafts_and_red_flags_never_reach_guild_Bs_log_channel_but_stay_for_review()
    {
        var draft = await _rig.PostAsync(Posts.Glutes);
        var redFlag = await _rig.PostAsync(Posts.RedFlag);

        Assert.Equal(0, MessagePostsAnywhere());
        Assert.Equal(PostOutcome.ShadowDraft, (await _rig.Store.GetDecisionAsync(draft))!.Outcome);
        Assert.Null((await _rig.Store.GetClaimAsync(draft))!.ReplyMessageId);
        Assert.Equal(PostOutcome.RedFlag, (await _rig.Store.GetDecisionAsync(redFlag))!.Outcome);
        Assert.Contains($"Draft to https://discord.com/channels/{ModerationRig.GuildId}/{ModerationRig.Channel}/{draft}",
            _rig.AnswerText(await _rig.CommandAsync("review")), StringComparison.Ordinal);
        Assert.Contains("drafts go to `review` only", _rig.AnswerText(await _rig.CommandAsync("status")), StringComparison.Ordinal);

        // Guild B, which owns Bot:ModLogChannel, gets its own draft there.
        var inB = await PostInBAsync(Posts.Glutes);
        var posted = Assert.Single(_rig.MessagePosts(ModerationRig.OtherModLog));
        Assert.Contains($"https://discord.com/channels/{ModerationRig.OtherGuildId}/{ModerationRig.OtherChannel}/{inB}",
            posted.Body!.Value.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_log_channel_discord_does_not_know_is_used_for_no_guild()
    {
        await using var rig = await ModerationRig.StartAsync(model.Classifier, BotMode.Shadow, modLog: 111_000_000_000_000_999);
        await rig.ConnectAsync();

        await rig.PostAsync(Posts.Glutes);
        await rig.PostAsync(Posts.RedFlag);

        Assert.DoesNotContain(rig.Server.Requests, r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal));
        Assert.Contains(rig.Server.Requests, r => r.Method == "GET" && r.Path == "/channels/111000000000000999");
    }

    [Fact]
    public async Task Each_guild_sets_its_own_log_channel_which_must_be_one_of_its_text_channels()
    {
        var otherGuilds = await _rig.CommandAsync("logchannel", $$"""[{"name":"channel","type":7,"value":"{{ModerationRig.OtherModLog}}"}]""");
        var forum = await _rig.CommandAsync("logchannel", $$"""[{"name":"channel","type":7,"value":"{{ModerationRig.Forum}}"}]""");
        Assert.Contains("is not a text channel of this server", _rig.AnswerText(otherGuilds), StringComparison.Ordinal);
        Assert.Contains("is not a text channel of this server", _rig.AnswerText(forum), StringComparison.Ordinal);
        Assert.Null(await _rig.Store.GetGuildSettingsAsync(ModerationRig.GuildId));

        var set = await _rig.CommandAsync("logchannel", $$"""[{"name":"channel","type":7,"value":"{{ModerationRig.ModLog}}"}]""");
        Assert.Contains($"Moderators' log is now <#{ModerationRig.ModLog}>", _rig.AnswerText(set), StringComparison.Ordinal);
        await _rig.RestartAsync();
        await _rig.ConnectAsync();
        await _rig.OtherGuildCreateAsync();
        Assert.Equal(ModerationRig.ModLog, (await _rig.Store.GetGuildSettingsAsync(ModerationRig.GuildId))!.LogChannelId);

        var inA = await _rig.PostAsync(Posts.Glutes);
        var inB = await PostInBAsync(Posts.Draping);

        var draftA = Assert.Single(_rig.MessagePosts(ModerationRig.ModLog)).Body!.Value.GetProperty("content").GetString();
        var draftB = Assert.Single(_rig.MessagePosts(ModerationRig.OtherModLog)).Body!.Value.GetProperty("content").GetString();
        Assert.Contains($"/{ModerationRig.GuildId}/{ModerationRig.Channel}/{inA}", draftA, StringComparison.Ordinal);
        Assert.Contains($"/{ModerationRig.OtherGuildId}/{ModerationRig.OtherChannel}/{inB}", draftB, StringComparison.Ordinal);
        Assert.Contains($"Moderators' log: <#{ModerationRig.ModLog}> (set by a moderator)", _rig.AnswerText(await _rig.CommandAsync("status")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Why_about_another_guilds_post_answers_no_record()
    {
        var inB = await PostInBAsync(Posts.Glutes);
        Assert.NotNull(await _rig.Store.GetClaimAsync(inB));

        var byId = _rig.AnswerText(await _rig.CommandAsync("why", $$"""[{"name":"message","type":3,"value":"{{inB}}"}]"""));
        var byForgedLink = _rig.AnswerText(await _rig.CommandAsync("why",
            $$"""[{"name":"message","type":3,"value":"https://discord.com/channels/{{ModerationRig.GuildId}}/{{ModerationRig.OtherChannel}}/{{inB}}"}]"""));

        Assert.Equal(WhyCommand.NoRecord, byId);
        Assert.Equal(WhyCommand.NoRecord, byForgedLink);

        // Its decision forgotten (the author deleted it), the claim alone still says nothing to guild A.
        await _rig.Store.ForgetMessagesAsync(ModerationRig.OtherGuildId, ModerationRig.OtherChannel, [inB], _rig.Time.GetUtcNow());
        Assert.Equal(WhyCommand.NoRecord, _rig.AnswerText(await _rig.CommandAsync("why", $$"""[{"name":"message","type":3,"value":"{{inB}}"}]""")));
        Assert.Contains("glutes-routine", _rig.AnswerText(await _rig.CommandAsync("why", $$"""[{"name":"message","type":3,"value":"{{await _rig.PostAsync(Posts.Glutes)}}"}]""")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remove")]
    [InlineData("wrongtopic")]
    [InlineData("label")]
    [InlineData("approve")]
    [InlineData("helpful")]
    public async Task Buttons_in_guild_A_naming_guild_Bs_post_change_nothing(string action)
    {
        var inB = await PostInBAsync(Posts.Glutes);
        var claim = await _rig.Store.GetClaimAsync(inB);
        var requests = _rig.Server.Requests.Count;

        var click = await _rig.ClickAsync($"mfb:{action}:{inB}", _rig.NewId(), ModerationRig.Channel, moderator: true,
            value: action == "label" ? "glutes-draping" : null);

        Assert.Contains("no longer stored", _rig.AnswerText(click), StringComparison.Ordinal);
        Assert.Equal(claim, await _rig.Store.GetClaimAsync(inB));
        Assert.Equal(PostOutcome.ShadowDraft, (await _rig.Store.GetDecisionAsync(inB))!.Outcome);
        Assert.Empty(await _rig.Store.FeedbackAsync(null, DateTimeOffset.MinValue));
        Assert.DoesNotContain(_rig.Server.Requests.Skip(requests), r => r.Method is "DELETE" || (r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Remove_of_another_guilds_post_whose_decision_is_gone_changes_nothing_but_works_in_its_own_guild()
    {
        var inB = await PostInBAsync(Posts.Glutes);
        await _rig.Store.ForgetMessagesAsync(ModerationRig.OtherGuildId, ModerationRig.OtherChannel, [inB], _rig.Time.GetUtcNow()); // only the claim is left
        var claim = (await _rig.Store.GetClaimAsync(inB))!;

        var fromA = await _rig.ClickAsync($"mfb:remove:{inB}", _rig.NewId(), ModerationRig.Channel, moderator: true);
        Assert.Contains("no longer stored", _rig.AnswerText(fromA), StringComparison.Ordinal);
        Assert.Equal(ReplyState.Sent, (await _rig.Store.GetClaimAsync(inB))!.State);

        var fromB = await _rig.ClickAsync($"mfb:remove:{inB}", claim.ReplyMessageId!.Value, ModerationRig.OtherModLog, moderator: true, guildId: ModerationRig.OtherGuildId);
        Assert.Contains("Removed", _rig.AnswerText(fromB), StringComparison.Ordinal);
        Assert.Equal(ReplyState.Removed, (await _rig.Store.GetClaimAsync(inB))!.State);
    }
}
