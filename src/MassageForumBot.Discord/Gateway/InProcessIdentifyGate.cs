namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// The default <see cref="IIdentifyGate"/>: paces the shards of one process. Each bucket (shardId % maxConcurrency)
/// lets one Identify through per 5 s window; callers of a busy bucket wait their turn in arrival order.
/// Processes that share a token need a gate over shared storage instead.
/// </summary>
public sealed class InProcessIdentifyGate : IIdentifyGate
{
    /// <summary>Discord's window for max_concurrency Identify payloads.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, DateTimeOffset> _nextFree = [];

    public InProcessIdentifyGate(TimeProvider time)
    {
        _time = time;
    }

    public async Task WaitTurnAsync(int shardId, int maxConcurrency, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardId);
        var bucket = shardId % Math.Max(1, maxConcurrency);
        TimeSpan wait;
        lock (_gate)
        {
            // Reserve the slot now so concurrent callers of one bucket queue up instead of all waking at once.
            var now = _time.GetUtcNow();
            var slot = _nextFree.TryGetValue(bucket, out var free) && free > now ? free : now;
            _nextFree[bucket] = slot + Window;
            wait = slot - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancel).ConfigureAwait(false);
        }
    }
}
