using System.Collections.Concurrent;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging.Abstractions;

namespace MassageForumBot.Tests.Worker;

/// <summary>The host's one queue, on gated handlers: no clocks, no sleeps, every wait bounded.</summary>
public sealed class KeyedWorkQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60); // only reached on failure; generous for a loaded machine

    private readonly ConcurrentQueue<string> _handled = new();
    private readonly ConcurrentQueue<string> _done = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _finished = new();

    private KeyedWorkQueue<string> Queue(int capacity = 100, int concurrency = 2, CancellationToken abort = default)
    {
        var queue = new KeyedWorkQueue<string>(capacity, concurrency, HandleAsync, _done.Enqueue, s => s, NullLogger.Instance);
        queue.Start(abort);
        return queue;
    }

    private async Task HandleAsync(string item, CancellationToken cancel)
    {
        Started(item).TrySetResult();
        await Gate(item).Task.WaitAsync(cancel);
        if (item.StartsWith("bad", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("broken event");
        }
        _handled.Enqueue(item);
        if (_finished.TryGetValue(item, out var finished))
        {
            finished.TrySetResult();
        }
    }

    /// <summary>Items whose name starts with "slow" wait for <see cref="Release"/>; all others run straight through.</summary>
    private TaskCompletionSource Gate(string item) => _gates.GetOrAdd(item, i =>
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!i.StartsWith("slow", StringComparison.Ordinal))
        {
            gate.SetResult();
        }
        return gate;
    });

    private TaskCompletionSource Started(string item) =>
        _started.GetOrAdd(item, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private void Release(string item) => Gate(item).TrySetResult();

    private Task HasStarted(string item) => Started(item).Task.WaitAsync(Timeout);

    [Fact]
    public async Task Events_of_one_channel_are_handled_in_order_while_other_channels_go_ahead()
    {
        var queue = Queue();

        await queue.EnqueueAsync("slow-create", WorkLane.Ordered(1), default);
        await queue.EnqueueAsync("delete", WorkLane.Ordered(1), default);
        await queue.EnqueueAsync("other-channel", WorkLane.Ordered(2), default);
        await HasStarted("other-channel");
        await HasStarted("slow-create");

        Assert.False(Started("delete").Task.IsCompleted); // never before the create it deletes
        Release("slow-create");
        await queue.CompleteAsync().WaitAsync(Timeout);

        Assert.Equal(["other-channel", "slow-create", "delete"], _handled);
    }

    [Fact]
    public async Task An_interaction_is_handled_while_every_handler_is_busy_with_posts()
    {
        var queue = Queue(concurrency: 1);
        await queue.EnqueueAsync("slow-post-1", WorkLane.Ordered(1), default);
        await queue.EnqueueAsync("slow-post-2", WorkLane.Ordered(2), default);
        await HasStarted("slow-post-1");

        var interaction = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _finished["interaction"] = interaction;
        await queue.EnqueueAsync("interaction", WorkLane.Urgent, default);
        await interaction.Task.WaitAsync(Timeout);

        Assert.Equal(["interaction"], _handled);
        Release("slow-post-1");
        Release("slow-post-2");
        await queue.CompleteAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task Handlers_run_even_when_the_queue_was_started_on_a_synchronization_context_that_never_runs_anything()
    {
        // A test runner or UI context with its threads busy elsewhere must not hold the bot's handlers back.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new StalledContext());
        KeyedWorkQueue<string> queue;
        try
        {
            queue = Queue(concurrency: 1);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        var ordered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var urgent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _finished["post"] = ordered;
        _finished["interaction"] = urgent;
        await queue.EnqueueAsync("post", WorkLane.Ordered(1), default);
        await queue.EnqueueAsync("interaction", WorkLane.Urgent, default);

        await Task.WhenAll(ordered.Task, urgent.Task).WaitAsync(Timeout);
        await queue.CompleteAsync().WaitAsync(Timeout);
        Assert.Equal(["interaction", "post"], _handled.Order());
    }

    /// <summary>Accepts work and never runs it.</summary>
    private sealed class StalledContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
        }
    }

    [Fact]
    public async Task A_barrier_runs_after_everything_before_it_and_before_everything_after_it()
    {
        var queue = Queue(concurrency: 4);
        await queue.EnqueueAsync("slow-a", WorkLane.Ordered(1), default);
        await queue.EnqueueAsync("ready", WorkLane.Barrier, default);
        await queue.EnqueueAsync("b", WorkLane.Ordered(2), default);
        await HasStarted("slow-a");

        Assert.False(Started("ready").Task.IsCompleted);
        Release("slow-a");
        await queue.CompleteAsync().WaitAsync(Timeout);

        Assert.Equal(["slow-a", "ready", "b"], _handled);
    }

    [Fact]
    public async Task A_full_queue_makes_the_producer_wait_instead_of_dropping_events()
    {
        var queue = Queue(capacity: 2, concurrency: 1);
        await queue.EnqueueAsync("slow-1", WorkLane.Ordered(1), default);
        await queue.EnqueueAsync("2", WorkLane.Ordered(1), default);

        var third = queue.EnqueueAsync("3", WorkLane.Ordered(1), default).AsTask();
        await HasStarted("slow-1");
        Assert.False(third.IsCompleted);
        Assert.Equal(2, queue.Pending);

        Release("slow-1");
        await third.WaitAsync(Timeout);
        await queue.CompleteAsync().WaitAsync(Timeout);
        Assert.Equal(["slow-1", "2", "3"], _handled);
    }

    [Fact]
    public async Task Completing_drains_everything_queued_and_each_event_is_marked_done_once_even_when_its_handler_failed()
    {
        var queue = Queue();
        string[] items = ["a", "bad", "c", "d", "e"];
        foreach (var (item, i) in items.Select((x, i) => (x, i)))
        {
            await queue.EnqueueAsync(item, WorkLane.Ordered((ulong)(i % 2)), default);
        }

        await queue.CompleteAsync().WaitAsync(Timeout);

        Assert.Equal(items.Order(), _done.Order());
        Assert.DoesNotContain("bad", _handled);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => queue.EnqueueAsync("late", WorkLane.Ordered(1), default).AsTask());
    }

    [Fact]
    public async Task When_time_runs_out_the_events_not_handled_are_not_marked_done_so_a_restart_gets_them_again()
    {
        using var outOfTime = new CancellationTokenSource();
        var queue = Queue(concurrency: 1, abort: outOfTime.Token);
        await queue.EnqueueAsync("fast", WorkLane.Ordered(1), default);
        await queue.EnqueueAsync("slow-stuck", WorkLane.Ordered(1), default);
        await queue.EnqueueAsync("never-started", WorkLane.Ordered(1), default);
        await HasStarted("slow-stuck");

        var draining = queue.CompleteAsync();
        await outOfTime.CancelAsync();
        await draining.WaitAsync(Timeout);

        Assert.Equal(["fast"], _done);
        Assert.False(Started("never-started").Task.IsCompleted);
    }
}
