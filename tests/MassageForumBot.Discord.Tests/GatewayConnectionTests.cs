using System.Text.Json;
using MassageForumBot.Discord.Gateway;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Testing;

namespace MassageForumBot.Discord.Tests;

/// <summary>The gateway client on a scripted transport and a watched fake clock: handshake, heartbeats, failures.</summary>
public sealed class GatewayConnectionTests
{
    private static readonly TimeSpan OneBackoff = GatewayReconnectPolicy.Backoff(1, GatewayTestHarness.Jitter);

    [Fact]
    public async Task Identify_carries_token_intents_properties_and_shard_on_a_versioned_url()
    {
        await using var h = new GatewayTestHarness(o => (o.ShardId, o.ShardCount) = (1, 2)).Start();
        var connection = await h.Gateway.NextConnectionAsync();

        var identify = (await connection.HandshakeAsync()).GetProperty("d");

        Assert.Equal("wss://gateway.test.example/?v=10&encoding=json", connection.Url!.ToString());
        Assert.Equal(Secrets.Token, identify.GetProperty("token").GetString());
        Assert.Equal((int)h.Options.Intents, identify.GetProperty("intents").GetInt32());
        Assert.Equal("massageforumbot", identify.GetProperty("properties").GetProperty("browser").GetString());
        Assert.Equal([1, 2], identify.GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()));
        var ready = Assert.IsType<ReadyEvent>((await h.NextDispatchAsync("READY")).Event);
        Assert.Equal(GatewayConnectionState.Active, h.Client.State);
        Assert.Equal(ready.User.Id, h.Client.Ready!.SelfUserId);
        Assert.Equal(900000000000000002ul, h.Client.Ready.ApplicationId);
    }

    [Fact]
    public async Task Gateway_url_and_identify_budget_come_from_gateway_bot()
    {
        await using var h = new GatewayTestHarness(o => o.GatewayUrl = null);
        h.Http.Enqueue("GET", "/gateway/bot", System.Net.HttpStatusCode.OK, ScriptedHttpHandler.GatewayBotJson("wss://gateway.discord.gg", remaining: 40));
        h.Start();

        var connection = await h.ConnectAsync();

        Assert.Equal("gateway.discord.gg", connection.Url!.Host);
        Assert.Equal(39, h.Client.IdentifiesRemaining);
        Assert.Single(h.Http.Requests, r => r.Path.EndsWith("/gateway/bot", StringComparison.Ordinal) && r.Authorization == "Bot " + Secrets.Token);
    }

    [Fact]
    public async Task Socket_dropped_right_after_hello_identifies_again_after_a_backoff()
    {
        await using var h = new GatewayTestHarness().Start();
        var first = await h.Gateway.NextConnectionAsync();
        first.Hello();
        await first.ReceiveOpAsync(GatewayOpCodes.Identify);
        first.Drop();

        await h.Clock.AdvanceWhenWaitingAsync(OneBackoff);
        // The first identify took this 5 s window; the second waits for the next one.
        await h.Clock.AdvanceWhenWaitingAsync(InProcessIdentifyGate.Window - OneBackoff);
        var second = await h.Gateway.NextConnectionAsync();

        await second.HandshakeAsync();
        await h.NextDispatchAsync("READY");
        Assert.Equal(GatewayConnectionState.Active, h.Client.State);
    }

    public static TheoryData<Exception> SendFailures => new()
    {
        new System.Net.WebSockets.WebSocketException("Connection reset by peer"),
        new OperationCanceledException("Connection reset by peer: send cancelled"),
        new ObjectDisposedException("socket", "Connection reset by peer"),
    };

    [Theory]
    [MemberData(nameof(SendFailures))]
    public async Task A_send_failure_between_hello_and_identify_is_a_dropped_connection(Exception failure)
    {
        await using var h = new GatewayTestHarness().Start();
        var first = await h.Gateway.NextConnectionAsync();
        first.FailSends(failure);
        first.Hello();

        await h.Clock.AdvanceWhenWaitingAsync(OneBackoff);
        await h.Clock.AdvanceWhenWaitingAsync(InProcessIdentifyGate.Window - OneBackoff);
        var second = await h.Gateway.NextConnectionAsync();
        await second.HandshakeAsync();

        await h.NextDispatchAsync("READY");
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Message.Contains("Connection reset by peer", StringComparison.Ordinal));
    }

    public static TheoryData<string> GarbageFrames => new()
    {
        "this is not json",
        "{\"no_op_here\":true}",
        "{\"op\":\"ten\"}",
        "[1,2,3]",
        "",
    };

    [Theory]
    [MemberData(nameof(GarbageFrames))]
    public async Task A_garbage_frame_drops_the_connection_and_the_session_is_resumed(string garbage)
    {
        await using var h = new GatewayTestHarness().Start();
        var first = await h.ConnectAsync();
        var seq = first.Dispatch("MESSAGE_DELETE", new { id = "5", channel_id = "6" });
        await h.NextDispatchAsync("MESSAGE_DELETE");

        first.SendRaw(garbage);

        await h.Clock.AdvanceWhenWaitingAsync(GatewayReconnectPolicy.Backoff(0, GatewayTestHarness.Jitter));
        var second = await h.Gateway.NextConnectionAsync();
        var resume = (await second.AcceptResumeAsync()).GetProperty("d");
        Assert.Equal("/resume", second.Url!.AbsolutePath);
        Assert.Equal(seq, resume.GetProperty("seq").GetInt64());
        Assert.Equal(GatewayClientCloseCodes.Reconnecting, await first.ClientClosed);
    }

    [Fact]
    public async Task A_binary_frame_drops_the_connection_and_the_session_is_resumed()
    {
        await using var h = new GatewayTestHarness().Start();
        var first = await h.ConnectAsync();

        first.SendBinary([0x78, 0x9c, 0x01, 0x02]);

        await h.Clock.AdvanceWhenWaitingAsync(GatewayReconnectPolicy.Backoff(0, GatewayTestHarness.Jitter));
        var second = await h.Gateway.NextConnectionAsync();
        await second.AcceptResumeAsync();
        await h.NextDispatchAsync("RESUMED");
    }

    [Fact]
    public async Task Odd_shapes_and_unknown_types_are_skipped_without_dropping_the_connection()
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync();

        connection.Dispatch("SOME_FUTURE_EVENT", new { shape = new[] { 1, 2, 3 } });
        connection.Send(new { op = 42, d = new { @new = "opcode" } });
        connection.Dispatch("MESSAGE_CREATE", new { id = new { nested = true }, channel_id = "6" });
        connection.Dispatch("MESSAGE_DELETE", "not an object");
        connection.Send(new { op = 0, t = "MESSAGE_DELETE", d = new { id = "5", channel_id = "6" } }); // no sequence
        var good = connection.Dispatch("MESSAGE_CREATE", new { id = "7", channel_id = "6", content = "still here" });

        Assert.Equal(new UnknownEvent("SOME_FUTURE_EVENT"), (await h.NextDispatchAsync("SOME_FUTURE_EVENT")).Event);
        Assert.Null((await h.NextDispatchAsync("MESSAGE_DELETE")).Sequence);
        var message = await h.NextDispatchAsync("MESSAGE_CREATE");
        Assert.Equal(good, message.Sequence);
        Assert.Equal("still here", Assert.IsType<MessageCreateEvent>(message.Event).Message.Content);
        Assert.Equal(1, h.Gateway.ConnectAttempts);
        Assert.Equal(GatewayConnectionState.Active, h.Client.State);
        Assert.Equal(good, h.Client.HandledWatermark); // skipped events do not hold the watermark back
    }

    [Theory]
    [InlineData("""{"session_id":null,"user":{"id":"1","username":"b"},"application":{"id":"2"},"resume_gateway_url":"wss://gateway.test.example/r"}""")]
    [InlineData("""{"session_id":"s","user":null,"application":{"id":"2"}}""")]
    [InlineData("""{"session_id":"s","user":{"id":"1","username":"b"},"application":null}""")]
    [InlineData("null")]
    public async Task A_ready_with_missing_fields_is_a_dropped_connection(string readyData)
    {
        await using var h = new GatewayTestHarness().Start();
        var first = await h.Gateway.NextConnectionAsync();
        first.Hello();
        await first.ReceiveOpAsync(GatewayOpCodes.Identify);

        first.SendRaw("{\"op\":0,\"s\":1,\"t\":\"READY\",\"d\":" + readyData + "}");

        await h.Clock.AdvanceWhenWaitingAsync(OneBackoff);
        await h.Clock.AdvanceWhenWaitingAsync(InProcessIdentifyGate.Window - OneBackoff);
        var second = await h.Gateway.NextConnectionAsync();
        await second.HandshakeAsync();
        await h.NextDispatchAsync("READY");
        Assert.Equal(GatewayConnectionState.Active, h.Client.State);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-41250")]
    [InlineData("1e400")]
    [InlineData("\"soon\"")]
    [InlineData("null")]
    public async Task A_hello_with_an_unusable_interval_is_a_dropped_connection(string interval)
    {
        await using var h = new GatewayTestHarness().Start();
        var first = await h.Gateway.NextConnectionAsync();

        first.SendRaw("{\"op\":10,\"d\":{\"heartbeat_interval\":" + interval + "}}");

        await h.Clock.AdvanceWhenWaitingAsync(OneBackoff);
        await h.Clock.AdvanceWhenWaitingAsync(InProcessIdentifyGate.Window - OneBackoff);
        await h.Gateway.NextConnectionAsync();
        Assert.DoesNotContain(first.Sent, p => p.GetProperty("op").GetInt32() == GatewayOpCodes.Identify);
    }

    [Fact]
    public async Task A_silent_socket_without_hello_times_out_and_reconnects()
    {
        await using var h = new GatewayTestHarness().Start();
        await h.Gateway.NextConnectionAsync();

        await h.Clock.WaitForTimerAsync(h.Options.ConnectTimeout); // the connect's own timeout
        await h.Clock.AdvanceWhenWaitingAsync(h.Options.ConnectTimeout); // the wait for Hello
        await h.Clock.AdvanceWhenWaitingAsync(OneBackoff);
        // The identify window from the first attempt is long past: no wait for the gate.

        await h.Gateway.NextConnectionAsync();
    }

    [Fact]
    public async Task A_reconnect_storm_backs_off_doubling_up_to_sixty_seconds_and_then_resumes()
    {
        await using var h = new GatewayTestHarness().Start();
        var first = await h.ConnectAsync();
        h.Gateway.FailConnects(8);
        first.Drop();

        var expected = new List<TimeSpan>();
        for (var failures = 0; failures <= 8; failures++)
        {
            var delay = GatewayReconnectPolicy.Backoff(failures, GatewayTestHarness.Jitter);
            expected.Add(delay);
            await h.Clock.AdvanceWhenWaitingAsync(delay);
        }

        var resumed = await h.Gateway.NextConnectionAsync();
        await resumed.AcceptResumeAsync();
        await h.NextDispatchAsync("RESUMED");
        Assert.Equal([0.75, 0.75, 1.5, 3, 6, 12, 24, 45, 45], expected.Select(d => d.TotalSeconds));
        Assert.Equal(10, h.Gateway.ConnectAttempts);
    }

    [Fact]
    public async Task An_identify_storm_is_paced_by_the_gate_and_stops_when_the_budget_is_spent()
    {
        await using var h = new GatewayTestHarness(o => o.GatewayUrl = null);
        h.Http.Enqueue("GET", "/gateway/bot", System.Net.HttpStatusCode.OK, ScriptedHttpHandler.GatewayBotJson("wss://gateway.discord.gg", total: 1000, remaining: 2, resetAfterMs: 600_000));
        h.Start();
        var first = await h.ConnectAsync();

        first.InvalidSession(resumable: false); // 1-5 s, then identify #2
        await h.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(3));
        await h.Clock.AdvanceWhenWaitingAsync(InProcessIdentifyGate.Window - TimeSpan.FromSeconds(3));
        var second = await h.Gateway.NextConnectionAsync();
        await second.HandshakeAsync("session-2");
        await h.NextDispatchAsync("READY");
        Assert.Equal(0, h.Client.IdentifiesRemaining);

        second.InvalidSession(resumable: false);
        await h.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(3));
        var untilReset = TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(8);
        await h.Clock.WaitForTimerAsync(untilReset);
        Assert.False(h.Gateway.HasPendingConnection);
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Message.Contains("No identifies left", StringComparison.Ordinal));

        h.Clock.Advance(untilReset);
        var third = await h.Gateway.NextConnectionAsync();
        await third.HandshakeAsync("session-3");
        Assert.Equal(2, h.Http.Requests.Count(r => r.Path.EndsWith("/gateway/bot", StringComparison.Ordinal))); // refreshed after the reset
    }

    [Fact]
    public async Task A_rejected_token_on_gateway_bot_stops_with_its_own_reason()
    {
        await using var h = new GatewayTestHarness(o => o.GatewayUrl = null);
        h.Http.Enqueue("GET", "/gateway/bot", System.Net.HttpStatusCode.Unauthorized, """{"message":"401: Unauthorized","code":0}""");
        h.Start();

        var fatal = Assert.IsType<GatewayFatalException>(await h.EndedWithAsync());

        Assert.Equal(GatewayDisconnectKind.Unauthorized, fatal.Reason.Kind);
        Assert.Null(fatal.CloseCode);
        Assert.Contains("401", fatal.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Gateway.ConnectAttempts);
        Assert.Equal(GatewayConnectionState.FatallyClosed, h.Client.State);
    }

    [Fact]
    public async Task A_failing_gateway_bot_backs_off_and_tries_again()
    {
        await using var h = new GatewayTestHarness(o => o.GatewayUrl = null);
        h.Http.Enqueue("GET", "/gateway/bot", System.Net.HttpStatusCode.BadGateway, "<html>bad gateway</html>");
        h.Start();

        await h.Clock.AdvanceWhenWaitingAsync(OneBackoff);

        await h.ConnectAsync();
        Assert.Equal(2, h.Http.Requests.Count);
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task Fatal_close_codes_stop_with_a_clear_error_and_no_reconnect(int code)
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync();

        connection.Close(code, "nope");

        var fatal = Assert.IsType<GatewayFatalException>(await h.EndedWithAsync());
        Assert.Equal(code, fatal.CloseCode);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), fatal.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Gateway.ConnectAttempts);
        Assert.Equal(GatewayConnectionState.FatallyClosed, h.Client.State);
        Assert.DoesNotContain(Secrets.Token, fatal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeats_start_after_interval_times_jitter_then_follow_the_interval_with_the_last_sequence()
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync(heartbeatIntervalMs: 1000);
        var seq = connection.Dispatch("MESSAGE_DELETE", new { id = "5", channel_id = "6" });
        await h.NextDispatchAsync("MESSAGE_DELETE");

        await h.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(500));
        Assert.Equal(seq, (await connection.ReceiveOpAsync(GatewayOpCodes.Heartbeat)).GetProperty("d").GetInt64());
        await WaitUntilAsync(() => h.Client.Latency is not null); // the ACK was read, so the next beat is not a zombie check
        await h.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(1000));
        Assert.Equal(seq, (await connection.ReceiveOpAsync(GatewayOpCodes.Heartbeat)).GetProperty("d").GetInt64());
    }

    [Fact]
    public async Task A_server_heartbeat_request_is_answered_at_once()
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync();

        connection.RequestHeartbeat();

        Assert.Equal(1, (await connection.ReceiveOpAsync(GatewayOpCodes.Heartbeat)).GetProperty("d").GetInt64());
    }

    [Fact]
    public async Task A_zombie_connection_closes_with_a_resumable_code_and_resumes()
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync(heartbeatIntervalMs: 1000);
        connection.AutoAck = false;

        await h.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(500));
        await connection.ReceiveOpAsync(GatewayOpCodes.Heartbeat);
        await h.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(1000));

        Assert.Equal(GatewayClientCloseCodes.ZombieConnection, await connection.ClientClosed);
        await h.Clock.AdvanceWhenWaitingAsync(GatewayReconnectPolicy.Backoff(0, GatewayTestHarness.Jitter));
        var resumed = await h.Gateway.NextConnectionAsync();
        Assert.Equal("/resume", resumed.Url!.AbsolutePath);
        await resumed.AcceptResumeAsync();
        await h.NextDispatchAsync("RESUMED");
    }

    [Fact]
    public async Task Op7_resumes_at_once_at_the_resume_url()
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync();

        connection.Reconnect();

        var resumed = await h.Gateway.NextConnectionAsync(); // no clock movement needed
        Assert.Equal("/resume", resumed.Url!.AbsolutePath);
        var resume = (await resumed.AcceptResumeAsync()).GetProperty("d");
        Assert.Equal("session-1", resume.GetProperty("session_id").GetString());
        Assert.Equal(Secrets.Token, resume.GetProperty("token").GetString());
        Assert.Equal(GatewayClientCloseCodes.Reconnecting, await connection.ClientClosed);
    }

    [Fact]
    public async Task Op9_resumable_resumes_after_a_short_backoff()
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync();

        connection.InvalidSession(resumable: true);

        await h.Clock.AdvanceWhenWaitingAsync(GatewayReconnectPolicy.Backoff(0, GatewayTestHarness.Jitter));
        var resumed = await h.Gateway.NextConnectionAsync();
        Assert.Equal(GatewayOpCodes.Resume, (await resumed.AcceptResumeAsync()).GetProperty("op").GetInt32());
    }

    [Fact]
    public async Task Op9_not_resumable_identifies_anew_at_the_base_url_and_clears_the_stored_session()
    {
        var store = new InMemoryGatewaySessionStore();
        await using var h = new GatewayTestHarness(store: store).Start();
        var connection = await h.ConnectAsync();
        await h.Clock.AdvanceWhenWaitingAsync(h.Options.SessionSaveInterval);
        await WaitUntilAsync(() => store.Current is not null);

        connection.InvalidSession(resumable: false);
        await h.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(3)); // 1 + 4 * jitter
        await h.Clock.AdvanceWhenWaitingAsync(InProcessIdentifyGate.Window - TimeSpan.FromSeconds(3) - h.Options.SessionSaveInterval); // the rest of the identify window

        var fresh = await h.Gateway.NextConnectionAsync();
        Assert.Equal("/", fresh.Url!.AbsolutePath);
        await fresh.HandshakeAsync("session-2");
        await WaitUntilAsync(() => store.Current is null);
    }

    [Theory]
    [InlineData(4007)]
    [InlineData(4009)]
    public async Task Session_ending_close_codes_identify_anew(int code)
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync();

        connection.Close(code);
        await h.Clock.AdvanceWhenWaitingAsync(GatewayReconnectPolicy.Backoff(0, GatewayTestHarness.Jitter));
        await h.Clock.AdvanceWhenWaitingAsync(InProcessIdentifyGate.Window - GatewayReconnectPolicy.Backoff(0, GatewayTestHarness.Jitter));

        var fresh = await h.Gateway.NextConnectionAsync();
        await fresh.HandshakeAsync("session-2");
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4008)]
    [InlineData(1000)]
    public async Task Other_close_codes_resume(int code)
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync();

        connection.Close(code);
        await h.Clock.AdvanceWhenWaitingAsync(GatewayReconnectPolicy.Backoff(0, GatewayTestHarness.Jitter));

        var resumed = await h.Gateway.NextConnectionAsync();
        await resumed.AcceptResumeAsync();
    }

    [Fact]
    public async Task Resumes_that_never_complete_fall_back_to_identify()
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync();
        connection.Drop();
        await h.Clock.AdvanceWhenWaitingAsync(GatewayReconnectPolicy.Backoff(0, GatewayTestHarness.Jitter));

        for (var failures = 1; failures < GatewayReconnectPolicy.MaxResumeAttempts; failures++)
        {
            var resuming = await h.Gateway.NextConnectionAsync();
            Assert.Equal("/resume", resuming.Url!.AbsolutePath);
            resuming.Drop();
            await h.Clock.AdvanceWhenWaitingAsync(GatewayReconnectPolicy.Backoff(failures, GatewayTestHarness.Jitter));
        }

        var last = await h.Gateway.NextConnectionAsync();
        last.Drop();
        await h.Clock.AdvanceWhenWaitingAsync(GatewayReconnectPolicy.Backoff(GatewayReconnectPolicy.MaxResumeAttempts, GatewayTestHarness.Jitter));
        var fresh = await h.Gateway.NextConnectionAsync();
        Assert.Equal("/", fresh.Url!.AbsolutePath);
        await fresh.HandshakeAsync("session-2");
    }

    [Theory]
    [InlineData("wss://evil.example.net/")]
    [InlineData("ws://gateway.test.example:8080/")]
    [InlineData("wss://discord.gg.evil.example/")]
    [InlineData("wss://user:pw@gateway.test.example/")]
    public async Task A_resume_url_on_another_host_is_ignored_and_the_session_resumes_on_the_original_host(string resumeUrl)
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync(resumeUrl: resumeUrl);

        connection.Reconnect();

        var resumed = await h.Gateway.NextConnectionAsync();
        Assert.Equal("gateway.test.example", resumed.Url!.Host);
        Assert.Equal(443, resumed.Url.Port);
        await resumed.AcceptResumeAsync();
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Message.Contains("Ignoring resume_gateway_url", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_resume_url_under_discord_gg_is_used()
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync(resumeUrl: "wss://gateway-us-east1-b.discord.gg");

        connection.Reconnect();

        Assert.Equal("gateway-us-east1-b.discord.gg", (await h.Gateway.NextConnectionAsync()).Url!.Host);
    }

    [Fact]
    public async Task Shutdown_closes_with_a_resumable_code_and_ends_with_cancellation()
    {
        var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync();

        var ended = await h.StopAsync();

        Assert.IsAssignableFrom<OperationCanceledException>(ended);
        Assert.Equal(GatewayClientCloseCodes.ShuttingDown, await connection.ClientClosed);
        Assert.Equal(GatewayConnectionState.Disconnected, h.Client.State);
        await h.DisposeAsync();
    }

    [Fact]
    public async Task The_token_never_appears_in_logs()
    {
        await using var h = new GatewayTestHarness().Start();
        var connection = await h.ConnectAsync();
        connection.Reconnect();
        await (await h.Gateway.NextConnectionAsync()).AcceptResumeAsync();
        await h.NextDispatchAsync("RESUMED");

        Assert.NotEmpty(h.Logs.GetSnapshot());
        Assert.All(h.Logs.GetSnapshot(), r => Assert.DoesNotContain(Secrets.Token, r.Message + r.Exception, StringComparison.Ordinal));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        // State written by a background task: poll briefly (no clock movement involved).
        using var guard = new CancellationTokenSource(ScriptedGateway.Guard);
        while (!condition())
        {
            await Task.Delay(1, guard.Token);
        }
    }
}
