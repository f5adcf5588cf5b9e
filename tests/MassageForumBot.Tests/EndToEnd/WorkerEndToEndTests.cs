using System.Text.Json;
using MassageForumBot.Storage;

namespace MassageForumBot.Tests.EndToEnd;

/// <summary>The worker as a whole: real gateway and REST over loopback, the real model, a real SQLite file.</summary>
public sealed class WorkerEndToEndTests : RunningBot
{
    private const string GlutesQuestion = "A new client told me nobody had ever massaged her glutes before. Doesn't everyone include the glutes in a full body??";
    private const string DrapingQuestion = "do you guys keep undies on or off for glute work? new client asked and i froze lol";

    [Fact]
    public async Task A_recurring_question_in_a_watched_channel_gets_one_reply_that_pings_nobody()
    {
        var gateway = await Bot.ConnectAsync();
        var postId = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(postId, BotHarness.WatchedChannel, GlutesQuestion));

        var post = await Bot.WaitForPostAsync(BotHarness.WatchedChannel);
        var body = post.Body!.Value;
        Assert.Equal(0, body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.Equal(BotHarness.Id(postId), body.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.True(body.GetProperty("enforce_nonce").GetBoolean());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("nonce").GetString()));
        var embed = body.GetProperty("embeds")[0];
        Assert.Contains("glutes-routine", embed.GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("https://notes.example.org/notes/", embed.GetRawText(), StringComparison.Ordinal);
        var buttons = body.GetProperty("components")[0].GetProperty("components").EnumerateArray().Select(b => b.GetProperty("custom_id").GetString()).ToList();
        Assert.Contains($"mfb:helpful:{postId}", buttons);
        Assert.StartsWith($"Bot {BotHarness.Token}", post.Header("Authorization"), StringComparison.Ordinal);
        Assert.Matches(@"^DiscordBot \(.+, .+\)$", post.Header("User-Agent"));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_answered_once()
    {
        var gateway = await Bot.ConnectAsync();
        var postId = Bot.NewId();
        var message = BotHarness.Message(postId, BotHarness.WatchedChannel, DrapingQuestion);
        await gateway.SendDispatchAsync("MESSAGE_CREATE", message);
        await gateway.SendDispatchAsync("MESSAGE_CREATE", message);
        // A later post acts as a barrier: with one handler, once its reply is out both copies above were handled.
        var sentinel = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(sentinel, BotHarness.WatchedChannel, GlutesQuestion));
        await Bot.Server.WaitForRequestAsync(r => r.Method == "POST" && r.RawBody.Contains($"\"message_id\":\"{sentinel}\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        var repliesToPost = Bot.MessagePosts().Count(r => r.RawBody.Contains($"\"message_id\":\"{postId}\"", StringComparison.Ordinal));
        Assert.Equal(1, repliesToPost);
    }

    [Fact]
    public async Task Bots_webhooks_replies_and_unwatched_channels_are_never_answered()
    {
        var gateway = await Bot.ConnectAsync();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(Bot.NewId(), BotHarness.WatchedChannel, GlutesQuestion, bot: true));
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(Bot.NewId(), BotHarness.WatchedChannel, GlutesQuestion, webhookId: "40000000000000001"));
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(Bot.NewId(), BotHarness.WatchedChannel, GlutesQuestion, authorId: Bot.Server.BotUserId));
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(Bot.NewId(), BotHarness.WatchedChannel, GlutesQuestion, type: 19));
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(Bot.NewId(), BotHarness.UnwatchedChannel, GlutesQuestion));
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(Bot.NewId(), BotHarness.WatchedChannel, "what do you all charge for a 90 minute session these days?"));
        var sentinel = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(sentinel, BotHarness.WatchedChannel, DrapingQuestion));
        await Bot.WaitForPostAsync(BotHarness.WatchedChannel);

        var posts = Bot.MessagePosts();
        var only = Assert.Single(posts);
        Assert.Contains($"\"message_id\":\"{sentinel}\"", only.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forum_post_is_answered_inside_its_thread_whichever_event_comes_first()
    {
        var gateway = await Bot.ConnectAsync();
        // Thread first, then its starter message (same id).
        var first = Bot.NewId();
        await gateway.SendDispatchAsync("THREAD_CREATE", Thread(first));
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(first, first, GlutesQuestion));
        var inThread = await Bot.WaitForPostAsync(first);
        Assert.False(inThread.Body!.Value.TryGetProperty("message_reference", out var reference) && reference.ValueKind == JsonValueKind.Object);

        // Starter message first: the bot asks REST for the unknown thread.
        var second = Bot.NewId();
        Bot.Server.Channels[second] = new Discord.Models.DiscordChannel { Id = second, GuildId = BotHarness.GuildId, Type = Discord.Models.ChannelType.PublicThread, ParentId = BotHarness.WatchedForum, Name = "glutes?" };
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(second, second, DrapingQuestion));
        await gateway.SendDispatchAsync("THREAD_CREATE", Thread(second));
        await Bot.WaitForPostAsync(second);

        // A later message inside the thread is a reply, never answered.
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(Bot.NewId(), second, GlutesQuestion));
        var sentinel = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(sentinel, BotHarness.WatchedChannel, GlutesQuestion));
        await Bot.WaitForPostAsync(BotHarness.WatchedChannel);
        Assert.Equal(3, Bot.MessagePosts().Count);
    }

    [Fact]
    public async Task After_a_restart_the_bot_resumes_its_session_and_does_not_reply_again()
    {
        var gateway = await Bot.ConnectAsync();
        var postId = Bot.NewId();
        var message = BotHarness.Message(postId, BotHarness.WatchedChannel, GlutesQuestion);
        await gateway.SendDispatchAsync("MESSAGE_CREATE", message);
        await Bot.WaitForPostAsync(BotHarness.WatchedChannel);

        await Bot.StopBotAsync();
        await Bot.StartBotAsync();
        var second = await Bot.Server.AcceptConnectionAsync(TimeSpan.FromSeconds(20));
        var resume = await second.AcceptResumeAsync();
        Assert.Equal("fake-session", resume.GetProperty("d").GetProperty("session_id").GetString());
        Assert.Equal(Bot.Server.ResumeGatewayUrl.AbsolutePath, second.Path);

        // Discord replays the missed event after a resume; the store remembers the reply.
        await second.SendDispatchAsync("GUILD_CREATE", new { id = BotHarness.Id(BotHarness.GuildId), channels = new[] { new { id = BotHarness.Id(BotHarness.WatchedChannel), type = 0 } }, threads = Array.Empty<object>() });
        await second.SendDispatchAsync("MESSAGE_CREATE", message);
        var sentinel = Bot.NewId();
        await second.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(sentinel, BotHarness.WatchedChannel, DrapingQuestion));
        await Bot.Server.WaitForRequestAsync(r => r.Method == "POST" && r.RawBody.Contains($"\"message_id\":\"{sentinel}\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        // At most one message exists for the post. If the first process stopped between sending and recording, the
        // replay is sent again with the SAME nonce, which Discord (and the fake) answer with the existing message.
        Assert.Single(Bot.Server.CreatedMessages, m => m.MessageReference?.MessageId == postId);
        var nonces = Bot.MessagePosts().Where(r => r.RawBody.Contains($"\"message_id\":\"{postId}\"", StringComparison.Ordinal))
            .Select(r => r.Body!.Value.GetProperty("nonce").GetString()).Distinct().ToList();
        Assert.Single(nonces);
    }

    [Fact]
    public async Task Empty_content_is_never_classified_and_the_operator_is_told_once_to_enable_the_intent()
    {
        var gateway = await Bot.ConnectAsync();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(Bot.NewId(), BotHarness.WatchedChannel, ""));
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(Bot.NewId(), BotHarness.WatchedChannel, ""));
        var sentinel = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(sentinel, BotHarness.WatchedChannel, GlutesQuestion));
        await Bot.WaitForPostAsync(BotHarness.WatchedChannel);

        Assert.Single(Bot.MessagePosts());
        Assert.Single(Bot.Logs.GetSnapshot(), r => r.Message.Contains("MESSAGE_CONTENT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_post_is_forgotten()
    {
        var gateway = await Bot.ConnectAsync();
        var postId = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(postId, BotHarness.WatchedChannel, GlutesQuestion));
        await ReplyToSentinelAsync(gateway);
        var store = Bot.Service<IBotStore>();
        Assert.NotNull(await store.GetDecisionAsync(postId));
        Assert.Contains(await store.ThreadsAsync(BotHarness.GuildId, "glutes-routine", 10), t => t.MessageId == postId);

        await gateway.SendDispatchAsync("MESSAGE_DELETE", new { id = BotHarness.Id(postId), channel_id = BotHarness.Id(BotHarness.WatchedChannel), guild_id = BotHarness.Id(BotHarness.GuildId) });
        await ReplyToSentinelAsync(gateway);

        Assert.Null(await store.GetDecisionAsync(postId));
        Assert.DoesNotContain(await store.ThreadsAsync(BotHarness.GuildId, "glutes-routine", 10), t => t.MessageId == postId);
    }

    [Fact]
    public async Task A_later_post_on_the_same_question_links_the_earlier_thread()
    {
        var gateway = await Bot.ConnectAsync();
        var earlier = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(earlier, BotHarness.WatchedChannel, GlutesQuestion));
        await Bot.WaitForPostAsync(BotHarness.WatchedChannel);
        var later = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(later, BotHarness.WatchedChannel,
            "client said no one has EVER worked on her glutes in a massage before... is skipping them really that common? I thought full body meant full body"));
        var reply = await Bot.Server.WaitForRequestAsync(r => r.Method == "POST" && r.RawBody.Contains($"\"message_id\":\"{later}\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Assert.Contains($"https://discord.com/channels/{BotHarness.GuildId}/{BotHarness.WatchedChannel}/{earlier}", reply.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_never_appears_in_the_logs()
    {
        var gateway = await Bot.ConnectAsync();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(Bot.NewId(), BotHarness.WatchedChannel, GlutesQuestion));
        await Bot.WaitForPostAsync(BotHarness.WatchedChannel);
        await gateway.CloseAsync(4000, "unknown error");
        var again = await Bot.Server.AcceptConnectionAsync(TimeSpan.FromSeconds(30));
        await again.AcceptResumeAsync();

        var logs = Bot.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, r => r.Message.Contains(BotHarness.Token, StringComparison.Ordinal) || (r.Exception?.ToString().Contains(BotHarness.Token, StringComparison.Ordinal) ?? false));
    }

    /// <summary>Sends a fresh recurring question and waits for its reply: with one handler, everything sent before it has been handled.</summary>
    private async Task ReplyToSentinelAsync(Discord.Testing.FakeGatewayConnection gateway)
    {
        var sentinel = Bot.NewId();
        await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(sentinel, BotHarness.WatchedChannel, DrapingQuestion));
        await Bot.Server.WaitForRequestAsync(r => r.Method == "POST" && r.RawBody.Contains($"\"message_id\":\"{sentinel}\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    private static object Thread(ulong id) => new
    {
        id = BotHarness.Id(id),
        guild_id = BotHarness.Id(BotHarness.GuildId),
        parent_id = BotHarness.Id(BotHarness.WatchedForum),
        type = 11,
        name = "does everyone do glutes?",
        newly_created = true,
    };
}

/// <summary>Interactions have handlers of their own: a flood of posts cannot push them past Discord's 3-second deadline.</summary>
public sealed class InteractionPriorityTests : RunningBot
{
    [Fact]
    public async Task A_command_is_answered_while_hundreds_of_posts_are_still_queued()
    {
        const int flood = 1000;
        // Long posts keep the single post handler busy for tens of milliseconds each: the flood is far slower to
        // handle than to send, even on a loaded machine.
        var longPost = string.Concat(Enumerable.Repeat("Long post sorry. My pricing has not changed since 2019 and rent went up again, so I am redoing my whole menu. ", 12));
        var gateway = await Bot.ConnectAsync();
        for (var i = 0; i < flood; i++)
            await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(Bot.NewId(), BotHarness.WatchedChannel, $"{longPost} #{i}"));
        var interactionId = Bot.NewId();
        await gateway.SendDispatchAsync("INTERACTION_CREATE", new
        {
            id = BotHarness.Id(interactionId),
            application_id = BotHarness.Id(Bot.Server.ApplicationId),
            type = 2,
            token = $"tok{interactionId}",
            guild_id = BotHarness.Id(BotHarness.GuildId),
            channel_id = BotHarness.Id(BotHarness.WatchedChannel),
            member = new { user = new { id = "50000000000000009", username = "member" }, permissions = "0" },
            data = new { id = "1", name = "optin", type = 1 },
        });

        await Bot.Server.WaitForRequestAsync(r => r.Method == "POST" && r.Path == $"/interactions/{interactionId}/tok{interactionId}/callback", TimeSpan.FromSeconds(30));
        var handledPosts = (await Bot.Service<MassageForumBot.Storage.IBotStore>().RecentDecisionsAsync(BotHarness.GuildId, flood)).Count;

        // One post handler needs many seconds for the flood; the answer came long before it was through.
        Assert.True(handledPosts < flood / 2, $"{handledPosts} of {flood} posts were handled before the command was answered");
    }
}

/// <summary>Close codes Discord will not take back stop the bot instead of looping.</summary>
public sealed class FatalCloseTests : RunningBot
{
    [Fact]
    public async Task Disallowed_intents_stop_the_host_with_the_reason_and_no_reconnect()
    {
        var gateway = await Bot.ConnectAsync();
        var stopping = new TaskCompletionSource();
        Bot.Service<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());

        await gateway.CloseAsync(4014, "Disallowed intent(s).");
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var service = Bot.Service<IEnumerable<Microsoft.Extensions.Hosting.IHostedService>>().OfType<MassageForumBot.DiscordBot.DiscordBotService>().Single();
        Assert.NotNull(service.FatalError);
        Assert.Equal(4014, service.FatalError!.CloseCode);
        Assert.Single(Bot.Server.Connections);
    }
}
