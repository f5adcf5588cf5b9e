using MassageForumBot.Configuration;
using MassageForumBot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Worker;

/// <summary>
/// Deletes stored post texts older than Storage:RetentionDays: at start, then once a day (on the injected clock).
/// Remembered threads (text and vector) go; feedback keeps its text only when a moderator labelled it.
/// </summary>
public sealed class RetentionService : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    private readonly IFeedbackStore _store;
    private readonly int _retentionDays;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionService> _log;

    public RetentionService(IFeedbackStore store, IOptions<StorageOptions> options, TimeProvider time, ILogger<RetentionService> log)
    {
        _store = store;
        _retentionDays = options.Value.RetentionDays;
        _time = time;
        _log = log;
    }

    /// <summary>Purges once; returns how many rows lost their text.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancel)
    {
        var cutoff = _time.GetUtcNow() - TimeSpan.FromDays(_retentionDays);
        var purged = await _store.PurgeTextsOlderThanAsync(cutoff, cancel);
        _log.LogInformation("Retention: removed {Count} stored post text(s) older than {Days} days (before {Cutoff:u})", purged, _retentionDays, cutoff);
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
