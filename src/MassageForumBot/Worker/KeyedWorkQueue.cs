using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.Worker;

/// <summary>Where a queued item runs.</summary>
public readonly record struct WorkLane
{
    private WorkLane(LaneKind kind, ulong key)
    {
        Kind = kind;
        Key = key;
    }

    public LaneKind Kind { get; }

    /// <summary>Items with the same key (a channel or thread) run one at a time, in arrival order.</summary>
    public ulong Key { get; }

    public static WorkLane Ordered(ulong key) => new(LaneKind.Ordered, key);

    /// <summary>Runs on handlers of its own, so it never waits behind ordered work (interactions' 3-second deadline).</summary>
    public static WorkLane Urgent { get; } = new(LaneKind.Urgent, 0);

    /// <summary>Runs alone: everything before it has finished, nothing after it has started (READY, GUILD_CREATE).</summary>
    public static WorkLane Barrier { get; } = new(LaneKind.Barrier, 0);
}

public enum LaneKind
{
    Ordered,
    Urgent,
    Barrier,
}

/// <summary>
/// The host's one bounded queue between the gateway and the handlers. Items with the same key are handled in arrival
/// order; different keys run in parallel (up to the concurrency); urgent items have handlers of their own; a barrier
/// runs alone. At most <c>capacity</c> items wait or run at once: <see cref="EnqueueAsync"/> waits for room rather
/// than drop anything. <c>onDone</c> runs once per item after it was handled (or its handler failed and was logged),
/// so a checkpoint can move past it. <see cref="CompleteAsync"/> stops taking items and drains what was queued.
/// </summary>
public sealed class KeyedWorkQueue<T>
{
    private const int UrgentHandlers = 2;

    private readonly Func<T, CancellationToken, Task> _handle;
    private readonly Action<T> _onDone;
    private readonly Func<T, string> _describe;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _room;
    private readonly SemaphoreSlim _urgentRoom;
    private readonly SemaphoreSlim _handlers;
    private readonly Channel<(T Item, WorkLane Lane)> _inbound = Channel.CreateUnbounded<(T, WorkLane)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<T> _urgent = Channel.CreateUnbounded<T>();
    private readonly Dictionary<ulong, Lane> _lanes = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly int _capacity;
    private Task? _running;

    public KeyedWorkQueue(int capacity, int concurrency, Func<T, CancellationToken, Task> handle, Action<T> onDone, Func<T, string> describe, ILogger log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _handle = handle;
        _onDone = onDone;
        _describe = describe;
        _log = log;
        _capacity = capacity;
        _room = new SemaphoreSlim(capacity, capacity);
        _urgentRoom = new SemaphoreSlim(capacity, capacity);
        _handlers = new SemaphoreSlim(concurrency, concurrency);
    }

    /// <summary>Items waiting or running, urgent ones included.</summary>
    public int Pending => 2 * _capacity - _room.CurrentCount - _urgentRoom.CurrentCount;

    /// <summary>Starts the handlers. Handlers see <paramref name="abort"/>: cancel it only when there is no time left to drain.</summary>
    public void Start(CancellationToken abort)
    {
        abort.Register(_abort.Cancel);
        // Started on the thread pool, so the loops never capture the caller's synchronization context: on a context
        // with few threads (a UI, a test runner) handlers would otherwise wait for whatever else holds those threads.
        _running = Task.WhenAll(
            Task.Run(DispatchAsync),
            Task.WhenAll(Enumerable.Range(0, UrgentHandlers).Select(_ => Task.Run(RunUrgentAsync))));
    }

    /// <summary>Queues an item, waiting while the queue is full. Throws <see cref="ChannelClosedException"/> after <see cref="CompleteAsync"/>.</summary>
    public async ValueTask EnqueueAsync(T item, WorkLane lane, CancellationToken cancel)
    {
        var room = lane.Kind == LaneKind.Urgent ? _urgentRoom : _room;
        await room.WaitAsync(cancel);
        var written = lane.Kind == LaneKind.Urgent ? _urgent.Writer.TryWrite(item) : _inbound.Writer.TryWrite((item, lane));
        if (!written)
        {
            room.Release();
            throw new ChannelClosedException("The queue no longer takes items: the host is stopping.");
        }
    }

    /// <summary>Takes no more items and completes when everything queued was handled (or the abort token fired).</summary>
    public Task CompleteAsync()
    {
        _inbound.Writer.TryComplete();
        _urgent.Writer.TryComplete();
        return _running ?? Task.CompletedTask;
    }

    private async Task DispatchAsync()
    {
        await foreach (var (item, lane) in _inbound.Reader.ReadAllAsync())
        {
            if (lane.Kind == LaneKind.Barrier)
            {
                await IdleAsync();
                await _handlers.WaitAsync();
                try
                {
                    await RunOneAsync(item, _room);
                }
                finally
                {
                    _handlers.Release();
                }
                continue;
            }

            lock (_gate)
            {
                if (_lanes.TryGetValue(lane.Key, out var busy))
                {
                    busy.Items.Enqueue(item);
                    continue;
                }
                var started = new Lane();
                started.Items.Enqueue(item);
                _lanes[lane.Key] = started;
                started.Running = RunLaneAsync(lane.Key, started);
            }
        }
        await IdleAsync();
    }

    /// <summary>Completes when every lane started so far has run dry.</summary>
    private Task IdleAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_lanes.Values.Select(l => l.Running!).ToList());
        }
    }

    private async Task RunLaneAsync(ulong key, Lane lane)
    {
        await Task.Yield(); // the dispatcher holds the lock while this starts
        while (true)
        {
            T item;
            lock (_gate)
            {
                if (!lane.Items.TryDequeue(out item!))
                {
                    _lanes.Remove(key);
                    return;
                }
            }
            // A handler slot per item, not per lane: a busy channel cannot keep the others waiting.
            await _handlers.WaitAsync();
            try
            {
                await RunOneAsync(item, _room);
            }
            finally
            {
                _handlers.Release();
            }
        }
    }

    private async Task RunUrgentAsync()
    {
        await foreach (var item in _urgent.Reader.ReadAllAsync())
        {
            await RunOneAsync(item, _urgentRoom);
        }
    }

    private async Task RunOneAsync(T item, SemaphoreSlim room)
    {
        try
        {
            if (!_abort.IsCancellationRequested)
            {
                await _handle(item, _abort.Token);
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Out of time while stopping: not marked done, so a restart is given it again.
            room.Release();
            return;
        }
        catch (Exception e)
        {
            // One bad event must not stop the bot.
            _log.LogError(e, "Handling {Item} failed", _describe(item));
        }
        room.Release();
        if (!_abort.IsCancellationRequested)
        {
            _onDone(item);
        }
    }

    private sealed class Lane
    {
        public Queue<T> Items { get; } = new();

        public Task? Running { get; set; }
    }
}
