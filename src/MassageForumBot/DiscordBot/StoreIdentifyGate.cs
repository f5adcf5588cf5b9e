using MassageForumBot.Discord.Gateway;
using MassageForumBot.Storage;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// Paces Identify across every shard process that shares the store: each rate-limit bucket (shardId %
/// max_concurrency) has one slot row, and a process may identify only after taking the slot, which one atomic
/// statement grants at most once per window. With SQLite the row lives in the file, so processes on one machine
/// sharing it are paced too; with PostgreSQL every machine is.
/// </summary>
public sealed class StoreIdentifyGate : IIdentifyGate
{
    /// <summary>Discord's 5 s window plus a margin, so network jitter cannot land two Identify payloads inside one window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5.25);

    private readonly IIdentifyLeaseStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<StoreIdentifyGate> _log;

    public StoreIdentifyGate(IIdentifyLeaseStore store, TimeProvider time, ILogger<StoreIdentifyGate> log)
    {
        (_store, _time, _log) = (store, time, log);
    }

    public async Task WaitTurnAsync(int shardId, int maxConcurrency, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardId);
        var bucket = shardId % Math.Max(1, maxConcurrency);
        while (true)
        {
            var now = _time.GetUtcNow();
            if (await _store.TryTakeIdentifySlotAsync(bucket, now, Window, cancel) is not { } freeAt)
                return;
            // Another process identified in this bucket: try again when its window ends (never spin, never oversleep).
            var wait = freeAt - now;
            wait = wait < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : wait > Window ? Window : wait;
            _log.LogInformation("Shard {ShardId} waits {Wait:F2} s to identify: another process identified in bucket {Bucket} less than 5 s ago",
                shardId, wait.TotalSeconds, bucket);
            await Task.Delay(wait, _time, cancel);
        }
    }
}
