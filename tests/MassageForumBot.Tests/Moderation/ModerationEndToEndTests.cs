using MassageForumBot.Storage;
using MassageForumBot.Tests.EndToEnd;

namespace MassageForumBot.Tests.Moderation;

/// <summary>Commands and buttons through the whole worker: a real gateway connection to the fake server, the host as built by BotHost.</summary>
public sealed class ModerationEndToEndTests : RunningBot
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private object Interaction(ulong id, int type, object data, string permissions, ulong userId, object? message = null) => new
    {
        id = BotHarness.Id(id),
        application_id = BotHarness.Id(Bot.Server.ApplicationId),
        type,
        token = $"tok{id}",
        guild_id = BotHarness.Id(BotHarness.GuildId),
        channel_id = BotHarness.Id(BotHarness.WatchedChannel),
        member = new { user = new { id = BotHarness.Id(userId), username = "someone" }, permissions },
        data,
        message,
    };

    private Task<Discord.Testing.RecordedRequest> CallbackAsync(ulong interactionId) =>
        Bot.Server.WaitForRequestAsync(r => r.Method == "POST" && r.Path == $"/interactions/{interactionId}/tok{interactionId}/callback", Patience);

    [Fact]
    public async Task Commands_are_registered_on_connect_and_a_removed_reply_is_never_posted_again()
    {
        var gateway = await Bot.ConnectAsync();
        var put = await Bot.Server.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.EndsWith($"/guilds/{BotHarness.GuildId}/commands", StringComparison.Ordinal), Patience);
        Assert.Contains("\"default_member_permissions\":\"8192\"", put.RawBody, StringComparison.Ordinal);

        var postId = Bot.NewId();
        var post = BotHarness.Message(postId, BotHarness.WatchedChannel, Posts.Glutes);
        await gateway.SendDispatchAsync("MESSAGE_CREATE", post);
        await Bot.WaitForPostAsync(BotHarness.WatchedChannel);
        var replyId = await SentReplyAsync(gateway, postId);

        var click = Bot.NewId();
        await gateway.SendDispatchAsync("INTERACTION_CREATE", Interaction(click, 3, new { custom_id = $"mfb:remove:{postId}", component_type = 2 }, "8192", 50_000_000_000_000_001,
            new { id = BotHarness.Id(replyId), channel_id = BotHarness.Id(BotHarness.WatchedChannel), content = "", type = 19, author = new { id = BotHarness.Id(Bot.Server.BotUserId), username = "bot", bot = true } }));
        var callback = await CallbackAsync(click);
        Assert.Equal(64, callback.Body!.Value.GetProperty("data").GetProperty("flags").GetInt32());
        await Bot.Server.WaitForRequestAsync(r => r.Method == "DELETE" && r.Path == $"/channels/{BotHarness.WatchedChannel}/messages/{replyId}", Patience);

        await gateway.SendDispatchAsync("MESSAGE_DELETE", new { id = BotHarness.Id(replyId), channel_id = BotHarness.Id(BotHarness.WatchedChannel), guild_id = BotHarness.Id(BotHarness.GuildId) });
        await gateway.SendDispatchAsync("MESSAGE_CREATE", post); // redelivered
        var sentinel = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(sentinel, BotHarness.WatchedChannel, Posts.Draping));
        await Bot.Server.WaitForRequestAsync(r => r.Method == "POST" && r.RawBody.Contains($"\"message_id\":\"{sentinel}\"", StringComparison.Ordinal), Patience);

        Assert.Equal(1, Bot.MessagePosts().Count(r => r.RawBody.Contains($"\"message_id\":\"{postId}\"", StringComparison.Ordinal)));
        Assert.Equal(ReplyState.Removed, (await Bot.Service<IBotStore>().GetClaimAsync(postId))!.State);
    }

    /// <summary>
    /// The reply's POST is recorded a moment before the bot stores the sent id. Events of one channel are handled in
    /// order, so once a later post in the same channel is answered, the first one is fully recorded.
    /// </summary>
    private async Task<ulong> SentReplyAsync(Discord.Testing.FakeGatewayConnection gateway, ulong postId)
    {
        var later = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(later, BotHarness.WatchedChannel, Posts.Draping));
        await Bot.Server.WaitForRequestAsync(r => r.Method == "POST" && r.RawBody.Contains($"\"message_id\":\"{later}\"", StringComparison.Ordinal), Patience);
        var claim = await Bot.Service<IBotStore>().GetClaimAsync(postId);
        Assert.Equal(ReplyState.Sent, claim?.State);
        return claim!.ReplyMessageId!.Value;
    }

    [Fact]
    public async Task A_member_who_opts_out_over_the_gateway_is_not_answered()
    {
        var gateway = await Bot.ConnectAsync();
        const ulong member = 50_000_000_000_000_002;
        var optOut = Bot.NewId();
        await gateway.SendDispatchAsync("INTERACTION_CREATE", Interaction(optOut, 2, new { id = "1", name = "optout", type = 1 }, "104324673", member));
        var callback = await CallbackAsync(optOut);
        Assert.Equal(4, callback.Body!.Value.GetProperty("type").GetInt32());

        var ignored = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(ignored, BotHarness.WatchedChannel, Posts.Glutes, authorId: member));
        var sentinel = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(sentinel, BotHarness.WatchedChannel, Posts.Draping));
        await Bot.Server.WaitForRequestAsync(r => r.Method == "POST" && r.RawBody.Contains($"\"message_id\":\"{sentinel}\"", StringComparison.Ordinal), Patience);

        Assert.Single(Bot.MessagePosts());
        Assert.Equal(PostOutcome.OptedOut, (await Bot.Service<IBotStore>().GetDecisionAsync(ignored))!.Outcome);
    }
}
