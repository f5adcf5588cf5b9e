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
    public async Task Everything_about_a_member_older_than_the_retention_period_goes_by_the_daily_run_and_only_counts_stay()
    {
        var start = _time.GetUtcNow();
        await Store.RecordDecisionAsync(new PostDecision(1, 7, 8, 555, "glutes-routine", 0.9, "{}", PostOutcome.Replied, "r", start) { Excerpt = "glutes?" });
        await Store.RecordDecisionAsync(new PostDecision(2, 7, 8, 556, "", 0, "{}", PostOutcome.RedFlag, "clinical red flag 'cancer'", start));
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
            Assert.Equal(555UL, (await Store.GetDecisionAsync(1))!.AuthorId);

            await AdvanceOneDayAsync();
            await AdvanceOneDayAsync();
            Assert.Empty(await Store.ThreadsAsync(7, "glutes-routine", 10));
            Assert.Null(await Store.GetDecisionAsync(1)); // author id, excerpt ...
            Assert.Null(await Store.GetDecisionAsync(2)); // ... and the red-flag reason are gone
            Assert.Equal(0, (await Store.MemberDataAsync(555, 10)).Posts);

            var feedback = await Store.FeedbackAsync(7, start.AddDays(-1));
            var kept = Assert.Single(feedback); // the member's vote is only a count now
            Assert.Equal((200UL, "labelled text"), (kept.UserId, kept.Text)); // a moderator labelled it: a training row, no author

            // What the dashboard and `status` count is still there, per guild, day, topic and outcome.
            var counts = await Store.DailyCountsAsync(7, start.AddDays(-1));
            var first = DateOnly.FromDateTime(start.UtcDateTime);
            Assert.Contains(new DailyCount(7, first, "glutes-routine", nameof(PostOutcome.Replied), 1), counts);
            Assert.Contains(new DailyCount(7, first, "", nameof(PostOutcome.RedFlag), 1), counts);
            Assert.Contains(new DailyCount(7, first, "glutes-routine", DailyCount.Feedback(FeedbackKinds.Helpful), 1), counts);
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

        Assert.Equal(1, (await service.PurgeAsync(CancellationToken.None)).Threads);
        Assert.Equal("new", Assert.Single(await Store.ThreadsAsync(7, "glutes-routine", 10)).Title);
    }

    [Fact]
    public async Task Delete_tombstones_expire_after_their_own_days_not_the_retention_period()
    {
        await Store.ForgetMessagesAsync(7, 8, [42], _time.GetUtcNow());
        var service = new RetentionService(Store, Options.Create(new StorageOptions { RetentionDays = 365 }), _time, NullLogger<RetentionService>.Instance);

        _time.Advance(TimeSpan.FromDays(RetentionService.TombstoneDays - 1));
        Assert.Equal(0, (await service.PurgeAsync(CancellationToken.None)).Tombstones);
        Assert.True(await Store.IsForgottenAsync(42, 8, null, 7));

        _time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, (await service.PurgeAsync(CancellationToken.None)).Tombstones);
        Assert.False(await Store.IsForgottenAsync(42, 8, null, 7));
    }

    /// <summary>The next day comes, and its purge has run (the service logs each purge).</summary>
    private async Task AdvanceOneDayAsync()
    {
        _time.Advance(RetentionService.Interval);
        await PurgedAsync();
    }

    private async Task PurgedAsync() => Assert.True(await _purges.WaitAsync(TimeSpan.FromSeconds(10)), "the purge did not happen");
}
