using MassageForumBot.Discord.Gateway;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Discord.Tests;

/// <summary>The handled watermark, the identify budget and Identify pacing, alone and inside the client.</summary>
public sealed class CheckpointAndPacingTests
{
    [Fact]
    public void The_watermark_is_the_highest_sequence_below_every_unhandled_one()
    {
        var checkpoint = new SequenceCheckpoint();
        checkpoint.Restart(10);
        var generation = checkpoint.Received(11, handledAlready: false);
        checkpoint.Received(12, handledAlready: false);
        checkpoint.Received(13, handledAlready: true);
        checkpoint.Received(14, handledAlready: false);
        Assert.Equal(10, checkpoint.Watermark);

        checkpoint.Handled(generation, 12);
        Assert.Equal(10, checkpoint.Watermark);
        checkpoint.Handled(generation, 11);
        Assert.Equal(13, checkpoint.Watermark);
        checkpoint.Handled(generation, 14);
        Assert.Equal(14, checkpoint.Watermark);
        Assert.Equal(14, checkpoint.LastReceived);
    }

    [Fact]
    public void A_mark_from_a_replaced_session_does_not_move_the_new_one()
    {
        var checkpoint = new SequenceCheckpoint();
        var old = checkpoint.Received(5, handledAlready: false);
        checkpoint.Restart(null);
        var current = checkpoint.Received(5, handledAlready: false);

        checkpoint.Handled(old, 5);
        Assert.Equal(4, checkpoint.Watermark);
        checkpoint.Handled(current, 5);
        Assert.Equal(5, checkpoint.Watermark);
    }

    [Fact]
    public async Task The_in_process_gate_lets_one_identify_per_bucket_through_every_five_seconds()
    {
        var time = new FakeTimeProvider();
        var gate = new InProcessIdentifyGate(time);

        var first = gate.WaitTurnAsync(0, maxConcurrency: 2, default);
        var otherBucket = gate.WaitTurnAsync(1, maxConcurrency: 2, default);
        var sameBucket = gate.WaitTurnAsync(2, maxConcurrency: 2, default);
        var third = gate.WaitTurnAsync(4, maxConcurrency: 2, default);

        Assert.True(first.IsCompleted);
        Assert.True(otherBucket.IsCompleted);
        Assert.False(sameBucket.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(sameBucket.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await sameBucket.WaitAsync(ScriptedGateway.Guard);
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        await third.WaitAsync(ScriptedGateway.Guard);
    }

    [Fact]
    public void The_identify_budget_counts_down_and_waits_for_its_reset()
    {
        var time = new FakeTimeProvider();
        var budget = new IdentifyBudget(time);
        Assert.Equal(TimeSpan.Zero, budget.WaitBeforeIdentify()); // unknown: not limited
        budget.Update(new SessionStartLimit { Total = 1000, Remaining = 1, ResetAfter = 60_000, MaxConcurrency = 16 });

        Assert.Equal(TimeSpan.Zero, budget.WaitBeforeIdentify());
        budget.Count();
        Assert.Equal(0, budget.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(60), budget.WaitBeforeIdentify());
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.Zero, budget.WaitBeforeIdentify());
        Assert.Equal(16, budget.MaxConcurrency);
    }

    [Fact]
    public async Task The_client_asks_the_gate_before_every_identify_and_never_before_a_resume()
    {
        var gate = new CountingGate();
        await using var h = new GatewayTestHarness(o => (o.ShardId, o.ShardCount) = (3, 4), gate: gate).Start();
        var connection = await h.ConnectAsync();
        Assert.Equal([(3, 1)], gate.Calls);

        connection.Reconnect();
        await (await h.Gateway.NextConnectionAsync()).AcceptResumeAsync();
        await h.NextDispatchAsync("RESUMED");
        Assert.Single(gate.Calls);
    }

    [Fact]
    public async Task Two_shards_sharing_a_gate_identify_five_seconds_apart()
    {
        var clock = new WatchedClock();
        var gate = new InProcessIdentifyGate(clock);
        await using var shard0 = new GatewayTestHarness(o => (o.ShardId, o.ShardCount) = (0, 2), gate: gate, clock: clock).Start();
        await shard0.ConnectAsync();
        await using var shard1 = new GatewayTestHarness(o => (o.ShardId, o.ShardCount) = (1, 2), gate: gate, clock: clock).Start();

        await clock.WaitForTimerAsync(InProcessIdentifyGate.Window);
        Assert.False(shard1.Gateway.HasPendingConnection);
        clock.Advance(InProcessIdentifyGate.Window);

        await shard1.ConnectAsync();
    }

    [Fact]
    public async Task Nothing_is_saved_on_receipt_only_the_handled_watermark_on_a_timer()
    {
        var store = new InMemoryGatewaySessionStore();
        await using var h = new GatewayTestHarness(store: store, markOnDelivery: false).Start();
        var connection = await h.ConnectAsync();
        var ready = h.Client.LastSequence;
        connection.Dispatch("MESSAGE_DELETE", new { id = "1", channel_id = "6" });
        connection.Dispatch("MESSAGE_DELETE", new { id = "2", channel_id = "7" });
        connection.Dispatch("MESSAGE_DELETE", new { id = "3", channel_id = "8" });
        var two = await h.NextDispatchAsync();
        var three = await h.NextDispatchAsync();
        var four = await h.NextDispatchAsync();
        Assert.Equal(1, ready);
        Assert.Null(store.Current);

        h.Client.MarkHandled(four);
        h.Client.MarkHandled(two);
        await h.Clock.AdvanceWhenWaitingAsync(h.Options.SessionSaveInterval);
        await GatewayConnectionTests.WaitUntilAsync(() => store.Current is not null);
        Assert.Equal(0, store.Current!.Sequence); // READY (1) is not handled yet

        var readyDispatch = new GatewayDispatch("READY", 1, new UnknownEvent("READY")) { };
        h.Client.MarkHandled(readyDispatch); // wrong generation: ignored
        Assert.Equal(0, h.Client.HandledWatermark);

        h.Client.MarkHandled(three);
        Assert.Equal(0, h.Client.HandledWatermark);
        h.Client.MarkHandled(h.ReadyDispatch!);
        Assert.Equal(4, h.Client.HandledWatermark);
        Assert.Equal(0, store.Current!.Sequence); // not before the timer or shutdown
        await h.StopAsync();
        Assert.Equal(4, store.Current!.Sequence);
        Assert.Equal("session-1", store.Current.SessionId);
    }

    [Fact]
    public async Task Shutdown_saves_the_watermark_and_a_restart_resumes_from_it_while_a_reconnect_resumes_from_the_last_received()
    {
        var store = new InMemoryGatewaySessionStore();
        var clock = new WatchedClock();
        GatewayDispatch? handledUpTo = null;
        await using (var first = new GatewayTestHarness(store: store, clock: clock, markOnDelivery: false).Start())
        {
            var connection = await first.ConnectAsync();
            first.Client.MarkHandled(first.ReadyDispatch!);
            connection.Dispatch("MESSAGE_CREATE", new { id = "10", channel_id = "6", content = "handled" });
            connection.Dispatch("MESSAGE_CREATE", new { id = "11", channel_id = "6", content = "still queued" });
            handledUpTo = await first.NextDispatchAsync("MESSAGE_CREATE");
            await first.NextDispatchAsync("MESSAGE_CREATE");
            first.Client.MarkHandled(handledUpTo);

            connection.Reconnect(); // inside the process: resume from the last received (3), queued events are in memory
            var resumed = await first.Gateway.NextConnectionAsync();
            Assert.Equal(3, (await resumed.AcceptResumeAsync()).GetProperty("d").GetProperty("seq").GetInt64());
            await first.NextDispatchAsync("RESUMED");
            Assert.IsAssignableFrom<OperationCanceledException>(await first.StopAsync());
        }

        Assert.Equal(2, store.Current!.Sequence); // the restart must get message 11 again
        await using var second = new GatewayTestHarness(store: store).Start();
        var again = await second.Gateway.NextConnectionAsync();
        Assert.Equal("/resume", again.Url!.AbsolutePath);
        var resume = (await again.AcceptResumeAsync()).GetProperty("d");
        Assert.Equal(2, resume.GetProperty("seq").GetInt64());
        Assert.Equal("session-1", resume.GetProperty("session_id").GetString());
    }

    private sealed class CountingGate : IIdentifyGate
    {
        public List<(int Shard, int MaxConcurrency)> Calls { get; } = [];

        public Task WaitTurnAsync(int shardId, int maxConcurrency, CancellationToken cancel)
        {
            Calls.Add((shardId, maxConcurrency));
            return Task.CompletedTask;
        }
    }
}
