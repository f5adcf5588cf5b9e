using MassageForumBot.Configuration;
using MassageForumBot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Worker;

/// <summary>
/// Applies Storage:RetentionDays at start, then once a day (on the injected clock): older decisions (author ids,
/// red-flag reasons, excerpts) and members' feedback become per-guild day counts and go, remembered threads (titles
/// and vectors) go, and only moderator-labelled training rows keep their text (they hold no author id). Delete
/// tombstones go after <see cref="TombstoneDays"/>.
/// </summary>
public sealed class RetentionService : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>How long a delete's tombstone outlives it: far longer than any redelivery or classification takes.</summary>
    public const int TombstoneDays = 14;

    private readonly IPrivacyStore _store;
    private readonly int _retentionDays;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionService> _log;

    public RetentionService(IPrivacyStore store, IOptions<StorageOptions> options, TimeProvider time, ILogger<RetentionService> log)
    {
        _store = store;
        _retentionDays = options.Value.RetentionDays;
        _time = time;
        _log = log;
    }

    /// <summary>Purges once; returns what went.</summary>
    public async Task<RetentionResult> PurgeAsync(CancellationToken cancel)
    {
        var now = _time.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(_retentionDays);
        var purged = await _store.ApplyRetentionAsync(cutoff, now - TimeSpan.FromDays(TombstoneDays), cancel);
        _log.LogInformation("Retention: removed {Decisions} decision(s), {Threads} remembered thread(s) and {Feedback} feedback row(s) older than {Days} days (before {Cutoff:u}), kept as day counts; {Tombstones} old delete tombstone(s)",
            purged.Decisions, purged.Threads, purged.FeedbackRows, _retentionDays, cutoff, purged.Tombstones);
        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            do
            {
                try
                {
                    await PurgeAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _log.LogError(e, "Retention purge failed; trying again in {Interval}", Interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
