using System.Text.Json;
using MassageForumBot.Discord.Gateway;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Testing;

namespace MassageForumBot.Discord.Tests;

public sealed class GatewayClientTests
{
    [Fact]
    public async Task Identify_carries_token_intents_and_properties_on_a_versioned_url()
    {
        await using var h = await GatewayHarness.StartAsync();
        var connection = await h.AcceptAsync();

        var identify = await connection.HandshakeAsync(guildIds: [42]);

        Assert.Equal("/gateway", connection.Path);
        Assert.Contains("v=10", connection.Query, StringComparison.Ordinal);
        Assert.Contains("encoding=json", connection.Query, StringComparison.Ordinal);
        var d = identify.GetProperty("d");
        Assert.Equal(Secrets.Token, d.GetProperty("token").GetString());
        // GUILDS | GUILD_MESSAGES | GUILD_MESSAGE_REACTIONS | MESSAGE_CONTENT = 1 + 512 + 1024 + 32768.
        Assert.Equal(34305, d.GetProperty("intents").GetInt32());
        var properties = d.GetProperty("properties");
        Assert.Equal("massageforumbot", properties.GetProperty("browser").GetString());
        Assert.Equal("massageforumbot", properties.GetProperty("device").GetString());
        Assert.False(string.IsNullOrEmpty(properties.GetProperty("os").GetString()));

        await Wait.UntilAsync(() => h.Client.State == GatewayConnectionState.Active, "Active");
        Assert.Equal(h.Server.BotUserId, h.Client.Ready?.SelfUserId);
        Assert.Equal(h.Server.ApplicationId, h.Client.Ready?.ApplicationId);
        // The state turns Active as READY is handled; the dispatch may reach the queue a moment later.
        var ready = await h.Dispatches.ReadAsync().AsTask().WaitAsync(Wait.Guard);
        Assert.Equal("READY", ready.EventType);
        Assert.Equal(1, ready.Sequence);
    }

    [Fact]
    public async Task Gateway_url_comes_from_gateway_bot_when_not_configured()
    {
        await using var h = await GatewayHarness.StartAsync(o => o.GatewayUrl = null);

        var connection = await h.AcceptAsync();

        var request = await h.Server.WaitForRequestAsync(r => r.Path == "/gateway/bot", Wait.Guard);
        Assert.Equal("Bot " + Secrets.Token, request.Header("Authorization"));
        Assert.Equal("/gateway", connection.Path);
        Assert.Contains("v=10&encoding=json", connection.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_url_is_cached_across_new_sessions()
    {
        await using var h = await GatewayHarness.StartAsync(o => o.GatewayUrl = null);
        var connection = await h.ConnectAsync();

        await connection.SendInvalidSessionAsync(resumable: false);
        var second = await h.AcceptWithClockAsync();
        await second.HandshakeAsync(sessionId: "second-session");
        await Wait.UntilAsync(() => h.Client.State == GatewayConnectionState.Active, "Active again");

        Assert.Equal("/gateway", second.Path);
        Assert.Single(h.Server.Requests, r => r.Path == "/gateway/bot");
    }

    [Fact]
    public async Task Failed_connects_back_off_doubling_then_connect()
    {
        var transports = new FlakyTransportFactory(failures: 2);
        await using var h = await GatewayHarness.StartAsync(jitter: 1.0, transports: transports);
        var start = h.Time.GetUtcNow();

        var connection = await h.AcceptWithClockAsync(TimeSpan.FromMilliseconds(100));

        Assert.Equal(3, transports.Attempts);
        var waited = h.Time.GetUtcNow() - start;
        Assert.InRange(waited, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)); // 1 s + 2 s (plus clock-pump overshoot)
        await connection.HandshakeAsync();
        await Wait.UntilAsync(() => h.Client.State == GatewayConnectionState.Active, "Active");
    }

    [Fact]
    public async Task A_rejected_token_on_gateway_bot_is_fatal()
    {
        var server = await FakeDiscordServer.StartAsync();
        server.EnqueueResponse("GET", "/gateway/bot", 401, new { message = "401: Unauthorized", code = 0 });
        await using var h = await GatewayHarness.StartAsync(o => o.GatewayUrl = null, server: server);

        var error = await Assert.ThrowsAsync<GatewayFatalException>(() => h.RunTask.WaitAsync(Wait.Guard));

        Assert.Equal(4004, error.CloseCode);
        Assert.Equal(GatewayConnectionState.FatallyClosed, h.Client.State);
        Assert.Empty(h.Server.Connections);
    }

    [Fact]
    public async Task First_heartbeat_comes_after_interval_times_jitter_then_every_interval()
    {
        await using var h = await GatewayHarness.StartAsync(jitter: 0.5);
        var connection = await h.ConnectAsync(heartbeatIntervalMs: 1000);

        h.Time.Advance(TimeSpan.FromMilliseconds(499));
        await Assert.ThrowsAsync<TimeoutException>(() => connection.ReceiveOpAsync(1, Wait.Short));

        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        var first = await connection.ReceiveOpAsync(1, Wait.Guard);
        Assert.Equal(1, first.GetProperty("d").GetInt32()); // the last sequence (READY)
        await Wait.UntilAsync(() => h.Client.HeartbeatAcksReceived == 1, "the ACK was processed");

        h.Time.Advance(TimeSpan.FromMilliseconds(999));
        await Assert.ThrowsAsync<TimeoutException>(() => connection.ReceiveOpAsync(1, Wait.Short));

        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        await connection.ReceiveOpAsync(1, Wait.Guard);
        await Wait.UntilAsync(() => h.Client.HeartbeatAcksReceived == 2, "the ACK was processed");

        h.Time.Advance(TimeSpan.FromMilliseconds(1000));
        await connection.ReceiveOpAsync(1, Wait.Guard);
        await Wait.UntilAsync(() => h.Client.HeartbeatAcksReceived == 3, "the ACK was processed");
        Assert.Equal(GatewayConnectionState.Active, h.Client.State);
    }

    [Fact]
    public async Task Server_heartbeat_request_is_answered_at_once()
    {
        await using var h = await GatewayHarness.StartAsync();
        var connection = await h.ConnectAsync(heartbeatIntervalMs: 41250);

        await connection.SendHeartbeatRequestAsync();

        // The clock never moves: only the immediate answer can produce this op 1.
        var heartbeat = await connection.ReceiveOpAsync(1, Wait.Guard);
        Assert.Equal(1, heartbeat.GetProperty("d").GetInt32());
    }

    [Fact]
    public async Task Missing_ack_closes_with_a_non_1000_code_and_resumes_at_resume_url()
    {
        await using var h = await GatewayHarness.StartAsync(jitter: 0.5);
        var connection = await h.ConnectAsync(heartbeatIntervalMs: 1000, autoAck: false);
        await connection.SendDispatchAsync("MESSAGE_DELETE", new { id = "5", channel_id = "6" });
        await Wait.UntilAsync(() => h.Client.LastSequence == 2, "sequence 2 seen");

        h.Time.Advance(TimeSpan.FromMilliseconds(500));
        await connection.ReceiveOpAsync(1, Wait.Guard); // never ACKed
        h.Time.Advance(TimeSpan.FromMilliseconds(1000));

        var closeCode = await connection.WaitForClientCloseAsync(Wait.Guard);
        Assert.NotNull(closeCode);
        Assert.NotEqual(1000, closeCode);
        Assert.NotEqual(1001, closeCode);

        var second = await h.AcceptWithClockAsync();
        Assert.Equal("/resume", second.Path);
        Assert.Contains("v=10", second.Query, StringComparison.Ordinal);
        var resume = (await second.AcceptResumeAsync()).GetProperty("d");
        Assert.Equal("fake-session", resume.GetProperty("session_id").GetString());
        Assert.Equal(2, resume.GetProperty("seq").GetInt32());
        Assert.Equal(Secrets.Token, resume.GetProperty("token").GetString());
        await Wait.UntilAsync(() => h.Client.State == GatewayConnectionState.Active, "Active after RESUMED");
    }

    [Fact]
    public async Task Reconnect_op7_resumes_immediately_at_resume_url()
    {
        await using var h = await GatewayHarness.StartAsync();
        var connection = await h.ConnectAsync();
        await connection.SendDispatchAsync("TYPING_START", new { channel_id = "6" });
        await Wait.UntilAsync(() => h.Client.LastSequence == 2, "sequence 2 seen");

        await connection.SendReconnectAsync();

        var closeCode = await connection.WaitForClientCloseAsync(Wait.Guard);
        Assert.NotEqual(1000, closeCode);
        var second = await h.AcceptAsync(); // no clock advance needed: op 7 reconnects at once
        Assert.Equal("/resume", second.Path);
        var resume = (await second.AcceptResumeAsync()).GetProperty("d");
        Assert.Equal(2, resume.GetProperty("seq").GetInt32());
        Assert.Equal("fake-session", resume.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task Invalid_session_resumable_resumes()
    {
        await using var h = await GatewayHarness.StartAsync();
        var connection = await h.ConnectAsync();

        await connection.SendInvalidSessionAsync(resumable: true);

        var second = await h.AcceptWithClockAsync();
        Assert.Equal("/resume", second.Path);
        await second.SendHelloAsync(41250);
        var first = await second.ReceiveAsync(Wait.Guard);
        Assert.Equal(6, first.GetProperty("op").GetInt32());
    }

    [Fact]
    public async Task Invalid_session_not_resumable_identifies_anew_at_base_url()
    {
        var store = new InMemoryGatewaySessionStore();
        await using var h = await GatewayHarness.StartAsync(store: store);
        var connection = await h.ConnectAsync();
        await FakeClock.AdvanceUntilAsync(h.Time, Wait.UntilAsync(() => store.Current is not null, "the session was saved"), TimeSpan.FromSeconds(1));

        await connection.SendInvalidSessionAsync(resumable: false);

        var second = await h.AcceptWithClockAsync();
        Assert.Equal("/gateway", second.Path);
        await second.SendHelloAsync(41250);
        var first = await second.ReceiveAsync(Wait.Guard);
        Assert.Equal(2, first.GetProperty("op").GetInt32());
        await FakeClock.AdvanceUntilAsync(h.Time, Wait.UntilAsync(() => store.Current is null, "the saved session was cleared"), TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData(4007)]
    [InlineData(4009)]
    public async Task Session_ending_close_codes_identify_anew(int code)
    {
        await using var h = await GatewayHarness.StartAsync();
        var connection = await h.ConnectAsync();

        await connection.CloseAsync(code, "session over");

        var second = await h.AcceptWithClockAsync();
        Assert.Equal("/gateway", second.Path);
        await second.SendHelloAsync(41250);
        Assert.Equal(2, (await second.ReceiveAsync(Wait.Guard)).GetProperty("op").GetInt32());
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4008)]
    public async Task Resumable_close_codes_resume(int code)
    {
        await using var h = await GatewayHarness.StartAsync();
        var connection = await h.ConnectAsync();

        await connection.CloseAsync(code);

        var second = await h.AcceptWithClockAsync();
        Assert.Equal("/resume", second.Path);
        await second.SendHelloAsync(41250);
        Assert.Equal(6, (await second.ReceiveAsync(Wait.Guard)).GetProperty("op").GetInt32());
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
        await using var h = await GatewayHarness.StartAsync();
        var connection = await h.AcceptAsync();
        await connection.SendHelloAsync(41250);
        await connection.ReceiveOpAsync(2, Wait.Guard);

        await connection.CloseAsync(code, "nope");

        var error = await Assert.ThrowsAsync<GatewayFatalException>(() => h.RunTask.WaitAsync(Wait.Guard));
        Assert.Equal(code, error.CloseCode);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Equal(GatewayConnectionState.FatallyClosed, h.Client.State);
        if (code == 4014)
        {
            Assert.Contains("Developer Portal", error.Message, StringComparison.Ordinal);
            Assert.Contains("privileged", error.Message, StringComparison.OrdinalIgnoreCase);
        }

        h.Time.Advance(TimeSpan.FromMinutes(5));
        await Assert.ThrowsAsync<TimeoutException>(() => h.Server.AcceptConnectionAsync(Wait.Short));
        Assert.Single(h.Server.Connections);
    }

    [Fact]
    public async Task Dropped_socket_waits_a_backoff_then_resumes()
    {
        await using var h = await GatewayHarness.StartAsync(jitter: 0.5);
        var connection = await h.ConnectAsync();
        await connection.SendDispatchAsync("MESSAGE_DELETE", new { id = "5", channel_id = "6" });
        await Wait.UntilAsync(() => h.Client.LastSequence == 2, "sequence 2 seen");
        var droppedAt = h.Time.GetUtcNow();

        connection.Abort();

        // First backoff: 1 s * (0.5 + 0.5 * jitter 0.5) = 750 ms of fake time before reconnecting.
        await Assert.ThrowsAsync<TimeoutException>(() => h.Server.AcceptConnectionAsync(Wait.Short));
        var second = await h.AcceptWithClockAsync(TimeSpan.FromMilliseconds(50));
        Assert.True(h.Time.GetUtcNow() - droppedAt >= TimeSpan.FromMilliseconds(750), $"reconnected after {h.Time.GetUtcNow() - droppedAt}");
        Assert.Equal("/resume", second.Path);
        var resume = (await second.AcceptResumeAsync()).GetProperty("d");
        Assert.Equal(2, resume.GetProperty("seq").GetInt32());
    }

    [Fact]
    public async Task Failed_resumes_fall_back_to_identify()
    {
        await using var h = await GatewayHarness.StartAsync();
        var connection = await h.ConnectAsync();
        connection.Abort();

        for (var attempt = 0; attempt < DiscordGatewayClient.MaxResumeAttempts; attempt++)
        {
            var resuming = await h.AcceptWithClockAsync(TimeSpan.FromSeconds(1));
            Assert.Equal("/resume", resuming.Path);
            resuming.Abort(); // resume never completes
        }

        var fresh = await h.AcceptWithClockAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("/gateway", fresh.Path);
        await fresh.SendHelloAsync(41250);
        Assert.Equal(2, (await fresh.ReceiveAsync(Wait.Guard)).GetProperty("op").GetInt32());
    }

    [Fact]
    public async Task A_saved_session_makes_a_fresh_client_resume()
    {
        var store = new InMemoryGatewaySessionStore();
        var server = await FakeDiscordServer.StartAsync();
        await using (var first = await GatewayHarness.StartAsync(store: store, server: server))
        {
            var connection = await first.ConnectAsync();
            await connection.SendDispatchAsync("MESSAGE_DELETE", new { id = "5", channel_id = "6" });
            await connection.SendDispatchAsync("MESSAGE_DELETE", new { id = "7", channel_id = "6" });
            await Wait.UntilAsync(() => first.Client.LastSequence == 3, "sequence 3 seen");
            var stopped = await first.StopAsync();
            Assert.IsAssignableFrom<OperationCanceledException>(stopped);
            var closeCode = await connection.WaitForClientCloseAsync(Wait.Guard);
            Assert.Equal(GatewayClientCloseCodes.ShuttingDown, closeCode); // 1000 would invalidate the session
        }

        Assert.NotNull(store.Current);
        Assert.Equal("fake-session", store.Current!.SessionId);
        Assert.Equal(3, store.Current.Sequence);

        server = await FakeDiscordServer.StartAsync();
        // The saved resume URL points at the first server (now gone); a restart against the same host is modelled
        // by pointing the saved session at the new server's resume URL.
        await store.SaveAsync(store.Current with { ResumeGatewayUrl = server.ResumeGatewayUrl }, default);
        await using var second = await GatewayHarness.StartAsync(store: store, server: server);
        var resumed = await second.AcceptAsync();
        Assert.Equal("/resume", resumed.Path);
        var resume = (await resumed.AcceptResumeAsync()).GetProperty("d");
        Assert.Equal("fake-session", resume.GetProperty("session_id").GetString());
        Assert.Equal(3, resume.GetProperty("seq").GetInt32());
        await Wait.UntilAsync(() => second.Client.State == GatewayConnectionState.Active, "Active after RESUMED");
        Assert.DoesNotContain(resumed.Received, p => p.GetProperty("op").GetInt32() == 2);
    }

    [Fact]
    public async Task A_slow_session_store_never_blocks_the_receive_loop()
    {
        var store = new BlockingSessionStore();
        await using var h = await GatewayHarness.StartAsync(store: store, jitter: 0.5);
        var connection = await h.ConnectAsync(heartbeatIntervalMs: 1000);
        h.Time.Advance(TimeSpan.FromSeconds(1)); // the save timer fires
        await store.SaveStarted.WaitAsync(Wait.Guard); // the saver is now stuck inside SaveAsync
        Assert.Equal(1, (await connection.ReceiveOpAsync(1, Wait.Guard)).GetProperty("d").GetInt32()); // the first heartbeat, at 0.5 s

        for (var i = 0; i < 10; i++)
        {
            await connection.SendDispatchAsync("MESSAGE_DELETE", new { id = "5", channel_id = "6" });
        }

        await Wait.UntilAsync(() => h.Client.LastSequence == 11, "all dispatches received while the store hangs");
        h.Time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(11, (await connection.ReceiveOpAsync(1, Wait.Guard)).GetProperty("d").GetInt32());
        Assert.Equal(1, store.Calls);

        store.Release();
        var stopped = await h.StopAsync();
        Assert.IsAssignableFrom<OperationCanceledException>(stopped);
        Assert.Equal(11, store.Last!.Sequence); // the final state is written on shutdown
    }

    private sealed class BlockingSessionStore : IGatewaySessionStore
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task SaveStarted => _started.Task;

        public int Calls { get; private set; }

        public GatewaySession? Last { get; private set; }

        public void Release() => _gate.TrySetResult();

        public ValueTask<GatewaySession?> LoadAsync(CancellationToken cancellationToken) => ValueTask.FromResult<GatewaySession?>(null);

        public async ValueTask SaveAsync(GatewaySession session, CancellationToken cancellationToken)
        {
            Calls++;
            _started.TrySetResult();
            await _gate.Task;
            Last = session;
        }

        public ValueTask ClearAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Unknown_dispatch_types_pass_through_without_killing_the_loop()
    {
        await using var h = await GatewayHarness.StartAsync();
        var connection = await h.ConnectAsync();
        Assert.Equal("READY", (await h.Dispatches.ReadAsync().AsTask().WaitAsync(Wait.Guard)).EventType);

        await connection.SendDispatchAsync("SOME_FUTURE_EVENT", new { shape = new[] { 1, 2, 3 }, nested = new { x = "y" } });
        await connection.SendRawAsync("{\"op\":42,\"d\":{\"new\":\"opcode\"},\"s\":null,\"t\":null}");
        await connection.SendRawAsync("{\"no_op_here\":true}");
        await connection.SendRawAsync("this is not json");
        await connection.SendRawAsync("{\"op\":0,\"d\":{\"user\":\"not an object\"},\"s\":3,\"t\":\"READY\"}");
        await connection.SendRawAsync(RecordedPayloads.MessageCreate.Replace("\"s\": 3", "\"s\": 4", StringComparison.Ordinal));

        using var guard = new CancellationTokenSource(Wait.Guard);
        var unknown = await h.Dispatches.ReadAsync(guard.Token);
        Assert.Equal("SOME_FUTURE_EVENT", unknown.EventType);
        Assert.Equal(new UnknownEvent("SOME_FUTURE_EVENT"), unknown.Event);
        var message = await h.Dispatches.ReadAsync(guard.Token);
        Assert.Equal("MESSAGE_CREATE", message.EventType);
        Assert.Equal(4, message.Sequence);
        Assert.Equal(h.Time.GetTimestamp(), message.ReceivedTimestamp); // the fake clock did not move
        Assert.StartsWith("What's the best way", Assert.IsType<MessageCreateEvent>(message.Event).Message.Content, StringComparison.Ordinal);
        Assert.Equal(GatewayConnectionState.Active, h.Client.State);
        Assert.Single(h.Server.Connections);
    }

    [Fact]
    public async Task Messages_seen_on_the_fake_gateway_can_be_fetched_over_rest()
    {
        await using var h = await GatewayHarness.StartAsync();
        var connection = await h.ConnectAsync();

        await connection.SendDispatchAsync("MESSAGE_CREATE", new
        {
            id = "123",
            channel_id = "6",
            guild_id = "1",
            content = "hello there",
            timestamp = "2026-08-02T15:04:05+00:00",
            type = 0,
            author = new { id = "9", username = "member" },
        });
        var fetched = await h.Rest.GetMessageAsync(6, 123);

        Assert.Equal("hello there", fetched.Content);
        Assert.Equal(9ul, fetched.Author!.Id);
    }

    [Fact]
    public async Task Token_never_appears_in_logs_or_fatal_errors()
    {
        await using var h = await GatewayHarness.StartAsync();
        var connection = await h.ConnectAsync(heartbeatIntervalMs: 1000);
        h.Time.Advance(TimeSpan.FromMilliseconds(500));
        await connection.ReceiveOpAsync(1, Wait.Guard);
        h.Server.EnqueueResponse("POST", "/channels/1/messages", 401, new { message = "401: Unauthorized " + Secrets.Token, code = 0 });
        var restError = await Assert.ThrowsAsync<Rest.DiscordRestException>(() => h.Rest.CreateMessageAsync(1, new CreateMessageRequest { Content = "hi" }));
        await connection.CloseAsync(4004, "Authentication failed.");
        var fatal = await Assert.ThrowsAsync<GatewayFatalException>(() => h.RunTask.WaitAsync(Wait.Guard));

        var logs = h.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        foreach (var record in logs)
        {
            Assert.DoesNotContain(Secrets.Token, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secrets.Token, record.Exception?.ToString() ?? "", StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Secrets.Token, fatal.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secrets.Token, restError.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secrets.Token, h.Options.ToString(), StringComparison.Ordinal);
        Assert.Contains("token", fatal.Message, StringComparison.OrdinalIgnoreCase);
    }
}
