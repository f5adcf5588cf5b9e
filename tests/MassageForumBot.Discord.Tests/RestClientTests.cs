using System.Net;
using System.Text.Json;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using MassageForumBot.Discord.Testing;

namespace MassageForumBot.Discord.Tests;

public sealed class RestClientTests
{
    [Fact]
    public async Task Every_request_carries_bot_authorization_and_the_discord_user_agent_over_real_http()
    {
        await using var h = await RestHarness.StartLoopbackAsync();

        await h.Client.CreateMessageAsync(10, new CreateMessageRequest { Content = "hello" });
        await h.Client.GetGatewayBotAsync();

        Assert.Equal(2, h.Server.Requests.Count);
        foreach (var request in h.Server.Requests)
        {
            Assert.Equal("Bot " + Secrets.Token, request.Header("Authorization"));
            Assert.Equal("DiscordBot (https://github.com/massageforumbot/massageforumbot, 0.1.0)", request.Header("User-Agent"));
        }

        Assert.StartsWith("application/json", h.Server.Requests[0].Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowed_mentions_default_to_parse_nothing_on_create_edit_and_interaction_responses()
    {
        await using var h = await RestHarness.StartAsync();

        await h.Client.CreateMessageAsync(10, new CreateMessageRequest { Content = "@everyone look" });
        await h.Client.EditMessageAsync(10, 11, new EditMessageRequest { Content = "edited @here" });
        await h.Client.CreateInteractionResponseAsync(12, "tok", new InteractionResponse
        {
            Type = InteractionResponseType.ChannelMessageWithSource,
            Data = new InteractionResponseData { Content = "<@123>", Flags = InteractionResponseData.EphemeralFlag },
        });
        await h.Client.EditOriginalInteractionResponseAsync(13, "tok2", new EditMessageRequest { Content = "done" });

        Assert.Equal(4, h.Server.Requests.Count);
        foreach (var request in h.Server.Requests)
        {
            var body = request.Body!.Value;
            var holder = body.TryGetProperty("data", out var data) ? data : body;
            var parse = holder.GetProperty("allowed_mentions").GetProperty("parse");
            Assert.Equal(JsonValueKind.Array, parse.ValueKind);
            Assert.Equal(0, parse.GetArrayLength());
        }

        Assert.Equal(64, h.Server.Requests[2].Body!.Value.GetProperty("data").GetProperty("flags").GetInt32());
    }

    [Fact]
    public async Task Creates_carry_a_generated_nonce_with_enforce_nonce()
    {
        await using var h = await RestHarness.StartAsync();

        await h.Client.CreateMessageAsync(10, new CreateMessageRequest { Content = "a" });
        await h.Client.CreateMessageAsync(10, new CreateMessageRequest { Content = "b" });

        var nonces = h.Server.Requests.Select(r => r.Body!.Value.GetProperty("nonce").GetString()!).ToList();
        Assert.All(nonces, n => Assert.InRange(n.Length, 1, 25));
        Assert.NotEqual(nonces[0], nonces[1]);
        Assert.All(h.Server.Requests, r => Assert.True(r.Body!.Value.GetProperty("enforce_nonce").GetBoolean()));
        Assert.Equal(2, h.Server.CreatedMessages.Count);
    }

    [Fact]
    public async Task A_create_retried_after_a_lost_500_posts_one_message()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.EnqueueResponse("POST", "/channels/10/messages", 500, new { message = "500: Internal Server Error", code = 0 }, processRequest: true);

        var send = h.Client.CreateMessageAsync(10, new CreateMessageRequest { Content = "once" });
        await h.Time.AdvanceWhenWaitingAsync(DiscordRateLimitHandler.RetryDelay(1));
        var message = await send.WaitAsync(Wait.Guard);

        var requests = h.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(500, requests[0].ResponseStatus);
        Assert.Equal(200, requests[1].ResponseStatus);
        Assert.Equal(requests[0].Body!.Value.GetProperty("nonce").GetString(), requests[1].Body!.Value.GetProperty("nonce").GetString());
        var created = Assert.Single(h.Server.CreatedMessages);
        Assert.Equal(created.Id, message.Id);
        Assert.Equal("once", message.Content);
    }

    [Fact]
    public async Task Server_errors_are_retried_a_bounded_number_of_times()
    {
        await using var h = await RestHarness.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            h.Server.EnqueueResponse("GET", "/channels/10", 502, "<html>bad gateway</html>");
        }

        var get = h.Client.GetChannelAsync(10);
        await h.Time.AdvanceWhenWaitingAsync(DiscordRateLimitHandler.RetryDelay(1));
        await h.Time.AdvanceWhenWaitingAsync(DiscordRateLimitHandler.RetryDelay(2));
        var error = await Assert.ThrowsAsync<DiscordRestException>(() => get.WaitAsync(Wait.Guard));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal(3, h.Server.Requests.Count);
    }

    [Fact]
    public async Task A_429_waits_retry_after_on_the_fake_clock_then_succeeds()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.EnqueueRateLimit("POST", "/channels/10/messages", retryAfterSeconds: 1.5);
        var start = h.Time.GetUtcNow();

        var send = h.Client.CreateMessageAsync(10, new CreateMessageRequest { Content = "after the wait" });
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1.5));
        Assert.False(send.IsCompleted); // the clock has not moved: still waiting
        Assert.Single(h.Server.Requests);

        h.Time.Advance(TimeSpan.FromSeconds(1.5));
        var message = await send.WaitAsync(Wait.Guard);

        Assert.True(h.Time.GetUtcNow() - start >= TimeSpan.FromSeconds(1.5));
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Equal("after the wait", message.Content);
    }

    [Fact]
    public async Task A_global_429_pauses_every_route()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.EnqueueRateLimit("POST", "/channels/10/messages", retryAfterSeconds: 2, global: true);

        var first = h.Client.CreateMessageAsync(10, new CreateMessageRequest { Content = "first" });
        await Wait.UntilAsync(() => h.Limiter.GlobalResetAt is not null, "the global pause is known");
        var other = h.Client.GetChannelAsync(20); // another route, another channel
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2)); // both wait out the global pause

        Assert.Single(h.Server.Requests); // the other route did not go out
        Assert.False(other.IsCompleted);

        h.Time.Advance(TimeSpan.FromSeconds(2));
        await first.WaitAsync(Wait.Guard);
        await Assert.ThrowsAsync<DiscordRestException>(() => other.WaitAsync(Wait.Guard)); // 404 unknown channel, but sent
        Assert.Equal(3, h.Server.Requests.Count);
    }

    [Fact]
    public async Task Buckets_are_keyed_by_major_parameter_so_two_channels_do_not_block_each_other()
    {
        await using var h = await RestHarness.StartAsync();
        var exhausted = new Dictionary<string, string>
        {
            ["X-RateLimit-Bucket"] = "abcd1234",
            ["X-RateLimit-Limit"] = "5",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset-After"] = "10",
        };
        h.Server.EnqueueResponse("POST", "/channels/10/messages", 200, headers: exhausted);
        await h.Client.CreateMessageAsync(10, new CreateMessageRequest { Content = "uses the last slot" });

        var blocked = h.Client.CreateMessageAsync(10, new CreateMessageRequest { Content = "must wait" });
        var otherChannel = await h.Client.CreateMessageAsync(20, new CreateMessageRequest { Content = "free" }).WaitAsync(Wait.Guard);

        Assert.Equal(20ul, otherChannel.ChannelId);
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        Assert.False(blocked.IsCompleted);
        Assert.Equal(2, h.Server.Requests.Count);

        h.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(10ul, (await blocked).ChannelId);
    }

    [Theory]
    [InlineData(401, 0)]
    [InlineData(403, 50013)]
    public async Task Unauthorized_and_forbidden_are_never_retried(int status, int code)
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.EnqueueResponse("POST", "/channels/10/messages", status, new { message = "nope", code });

        var error = await Assert.ThrowsAsync<DiscordRestException>(() =>
            h.Client.CreateMessageAsync(10, new CreateMessageRequest { Content = "x" }));
        h.Time.Advance(TimeSpan.FromMinutes(1)); // nothing is waiting to retry

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Single(h.Server.Requests);
        if (code == 50013)
        {
            Assert.Equal(50013, error.Code);
            Assert.True(error.IsMissingPermissions);
            Assert.Contains("Missing Permissions", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("token", error.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(Secrets.Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_401_no_further_requests_are_sent()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.EnqueueResponse("GET", "/channels/10", 401, new { message = "401: Unauthorized", code = 0 });

        await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.GetChannelAsync(10));
        var second = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(20, new CreateMessageRequest { Content = "x" }));

        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Contains("token", second.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Requests);
        Assert.True(h.Limiter.IsUnauthorized);
        Assert.Equal(1, h.Limiter.InvalidRequestCount);
    }

    [Fact]
    public async Task Interaction_errors_explain_themselves_without_leaking_the_interaction_token()
    {
        await using var h = await RestHarness.StartAsync();
        const string interactionToken = "aW50ZXJhY3Rpb24tc2VjcmV0";
        h.Server.EnqueueResponse("POST", "/interactions/77/", 404, new { message = "Unknown interaction", code = 10062 });

        var late = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateInteractionResponseAsync(
            77, interactionToken, new InteractionResponse { Type = InteractionResponseType.DeferredChannelMessageWithSource }));
        await h.Client.CreateInteractionResponseAsync(78, interactionToken, new InteractionResponse { Type = InteractionResponseType.DeferredChannelMessageWithSource });
        var twice = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateInteractionResponseAsync(
            78, interactionToken, new InteractionResponse { Type = InteractionResponseType.DeferredChannelMessageWithSource }));

        Assert.True(late.IsUnknownInteraction);
        Assert.Contains("3-second", late.Message, StringComparison.Ordinal);
        Assert.True(twice.IsInteractionAlreadyAcknowledged);
        Assert.Contains("already been acknowledged", twice.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(interactionToken, late.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(interactionToken, twice.Message, StringComparison.Ordinal);
        Assert.Equal("POST /interactions/{id}/{token}/callback", late.Route);
    }

    [Fact]
    public async Task Bulk_overwrite_sends_commands_with_string_permissions_and_reads_the_answer()
    {
        await using var h = await RestHarness.StartAsync();
        var commands = new[]
        {
            new ApplicationCommand
            {
                Name = "classify",
                Description = "Classify a message",
                DefaultMemberPermissions = "8192",
                Contexts = [0],
                Options =
                [
                    new ApplicationCommandOption { Type = ApplicationCommandOptionType.String, Name = "message", Description = "Message id", Required = true },
                    new ApplicationCommandOption
                    {
                        Type = ApplicationCommandOptionType.Channel, Name = "where", Description = "Channel",
                        ChannelTypes = [ChannelType.GuildForum, ChannelType.GuildText],
                    },
                    new ApplicationCommandOption
                    {
                        Type = ApplicationCommandOptionType.Integer, Name = "limit", Description = "How many", MinValue = 1, MaxValue = 10,
                        Choices = [ApplicationCommandOptionChoice.Of("one", 1), ApplicationCommandOptionChoice.Of("three", 3)],
                    },
                ],
            },
        };

        var answer = await h.Client.BulkOverwriteGuildCommandsAsync(500, 600, commands);

        var request = Assert.Single(h.Server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/applications/500/guilds/600/commands", request.Path);
        var sent = request.Body!.Value[0];
        Assert.Equal(JsonValueKind.String, sent.GetProperty("default_member_permissions").ValueKind);
        Assert.Equal("8192", sent.GetProperty("default_member_permissions").GetString());
        Assert.Equal(1, sent.GetProperty("type").GetInt32());
        Assert.Equal(15, sent.GetProperty("options")[1].GetProperty("channel_types")[0].GetInt32());
        Assert.Equal(3, sent.GetProperty("options")[2].GetProperty("choices")[1].GetProperty("value").GetInt32());
        Assert.False(sent.TryGetProperty("id", out _));
        var registered = Assert.Single(answer);
        Assert.NotNull(registered.Id);
        Assert.Equal(600ul, registered.GuildId);
        Assert.Equal("classify", registered.Name);
    }

    [Fact]
    public async Task Components_serialize_with_their_type_numbers()
    {
        await using var h = await RestHarness.StartAsync();

        await h.Client.CreateMessageAsync(10, new CreateMessageRequest
        {
            Content = "Was this helpful?",
            Components =
            [
                new ActionRow(
                    new Button { Style = ButtonStyle.Success, Label = "Yes", CustomId = "fb:yes:1" },
                    new Button { Style = ButtonStyle.Link, Label = "Notes", Url = "https://example.org/notes" }),
                new ActionRow(new StringSelect { CustomId = "topic", Options = [new SelectOption { Label = "Draping", Value = "draping" }] }),
            ],
        });

        var components = h.Server.Requests[0].Body!.Value.GetProperty("components");
        Assert.Equal(1, components[0].GetProperty("type").GetInt32());
        var yes = components[0].GetProperty("components")[0];
        Assert.Equal(2, yes.GetProperty("type").GetInt32());
        Assert.Equal(3, yes.GetProperty("style").GetInt32());
        Assert.Equal("fb:yes:1", yes.GetProperty("custom_id").GetString());
        Assert.Equal(5, components[0].GetProperty("components")[1].GetProperty("style").GetInt32());
        Assert.Equal(3, components[1].GetProperty("components")[0].GetProperty("type").GetInt32());
    }

    [Fact]
    public async Task Get_message_returns_known_messages_and_10008_for_others()
    {
        await using var h = await RestHarness.StartAsync();
        var created = await h.Client.CreateMessageAsync(10, new CreateMessageRequest { Content = "mine" });
        h.Server.AddMessage(new DiscordMessage { Id = 77, ChannelId = 10, Content = "a member's post", Author = new DiscordUser { Id = 5, Username = "m" } });

        var own = await h.Client.GetMessageAsync(10, created.Id);
        var post = await h.Client.GetMessageAsync(10, 77);
        await h.Client.DeleteMessageAsync(10, 77);
        var gone = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.GetMessageAsync(10, 77));

        Assert.Equal("mine", own.Content);
        Assert.Equal("a member's post", post.Content);
        Assert.Equal(5ul, post.Author!.Id);
        Assert.Equal(DiscordErrorCodes.UnknownMessage, gone.Code);
        Assert.Equal("GET /channels/{channel_id}/messages/{id}", gone.Route);
    }

    [Fact]
    public async Task Delete_and_get_channel_use_the_right_routes()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Channels[30] = new DiscordChannel { Id = 30, GuildId = 1, Type = ChannelType.PublicThread, ParentId = 31, Name = "post" };

        await h.Client.DeleteMessageAsync(30, 40);
        var channel = await h.Client.GetChannelAsync(30);
        var missing = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.GetChannelAsync(99));

        Assert.Equal("DELETE", h.Server.Requests[0].Method);
        Assert.Equal("/channels/30/messages/40", h.Server.Requests[0].Path);
        Assert.Equal(ChannelType.PublicThread, channel.Type);
        Assert.Equal(31ul, channel.ParentId);
        Assert.Equal(10003, missing.Code);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
