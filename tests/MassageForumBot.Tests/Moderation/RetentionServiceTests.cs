using MassageForumBot.Configuration;
using MassageForumBot.Storage;
using MassageForumBot.Storage.Sqlite;
using MassageForumBot.Tests.Support;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Tests.Moderation;

public sealed class RetentionServiceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero));
    private readonly SemaphoreSlim _purges = new(0);
    private readonly FakeLogCollector _logs;
    private TempStore _temp = null!;

    public RetentionServiceTests()
    {
        _logs = FakeLogCollector.Create(new FakeLogCollectorOptions
        {
            OutputSink = line =>
            {
                if (line.Contains("Retention: removed", StringComparison.Ordinal))
                {
                    _purges.Release();
                }
            },
        });
    }

    private SqliteBotStore Store => _temp.Store;

    public async Task InitializeAsync() => _temp = await TempStore.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Texts_older_than_the_retention_period_are_deleted_by_the_daily_run()
    {
        var start = _time.GetUtcNow();
        await Store.RememberAsync(new RememberedThread(1, 7, 8, null, "glutes-routine", "glutes?", start, [0.1f, 0.2f]));
        await Store.RecordFeedbackAsync(new Feedback(1, 100, 7, FeedbackKinds.Helpful, "glutes-routine", null, "member text", false, start));
        await Store.RecordFeedbackAsync(new Feedback(1, 200, 7, FeedbackKinds.WrongTopic, "glutes-routine", "other", "labelled text", true, start));
        var service = new RetentionService(Store, Options.Create(new StorageOptions { RetentionDays = 30 }), _time, new FakeLogger<RetentionService>(_logs));

        await service.StartAsync(CancellationToken.None);
        try
        {
            // Runs at start and every day after; nothing is old enough for 30 days.
            await PurgedAsync();
            for (var day = 1; day <= 29; day++)
            {
                await AdvanceOneDayAsync();
            }
            Assert.Single(await Store.ThreadsAsync(7, "glutes-routine", 10));

            await AdvanceOneDayAsync();
            await AdvanceOneDayAsync();
            Assert.Empty(await Store.ThreadsAsync(7, "glutes-routine", 10));

            var feedback = await Store.FeedbackAsync(7, start.AddDays(-1));
            Assert.Null(Assert.Single(feedback, f => f.UserId == 100).Text);
            Assert.Equal("labelled text", Assert.Single(feedback, f => f.UserId == 200).Text); // a moderator labelled it
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task One_purge_uses_now_minus_the_configured_days()
    {
        await Store.RememberAsync(new RememberedThread(1, 7, 8, null, "glutes-routine", "old", _time.GetUtcNow(), [0.1f]));
        _time.Advance(TimeSpan.FromDays(89));
        await Store.RememberAsync(new RememberedThread(2, 7, 8, null, "glutes-routine", "new", _time.GetUtcNow(), [0.1f]));
        _time.Advance(TimeSpan.FromDays(2));
        var service = new RetentionService(Store, Options.Create(new StorageOptions()), _time, NullLogger<RetentionService>.Instance);

        Assert.Equal(1, await service.PurgeAsync(CancellationToken.None));
        Assert.Equal("new", Assert.Single(await Store.ThreadsAsync(7, "glutes-routine", 10)).Title);
    }

    /// <summary>The next day comes, and its purge has run (the service logs each purge).</summary>
    private async Task AdvanceOneDayAsync()
    {
        _time.Advance(RetentionService.Interval);
        await PurgedAsync();
    }

    private async Task PurgedAsync() => Assert.True(await _purges.WaitAsync(TimeSpan.FromSeconds(10)), "the purge did not happen");
}
