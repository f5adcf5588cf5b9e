using MassageForumBot.DiscordBot;
using MassageForumBot.Storage.Sqlite;
using MassageForumBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Tests.Shards;

/// <summary>Identify pacing over the store: two "processes" (two store instances on one SQLite file) take turns.</summary>
public sealed class StoreIdentifyGateTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private TempStore _temp = null!;

    public async Task InitializeAsync() => _temp = await TempStore.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private StoreIdentifyGate Gate(SqliteBotStore store) => new(store, _time, NullLogger<StoreIdentifyGate>.Instance);

    /// <summary>Steps the fake clock in small steps until the wait completes; returns how far the clock moved.</summary>
    private async Task<TimeSpan> AdvanceUntilDoneAsync(Task wait)
    {
        var start = _time.GetUtcNow();
        for (var i = 0; i < 400 && !wait.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.WhenAny(wait, Task.Delay(5));
        }
        await wait;
        return _time.GetUtcNow() - start;
    }

    [Fact]
    public async Task The_first_identify_goes_at_once_and_a_second_process_in_the_same_bucket_waits_out_the_window()
    {
        var otherProcess = new SqliteBotStore(_temp.ConnectionString);
        var first = Gate(_temp.Store).WaitTurnAsync(0, 1, CancellationToken.None);
        Assert.True(first.IsCompletedSuccessfully || await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(10))) == first);

        var second = Gate(otherProcess).WaitTurnAsync(1, 1, CancellationToken.None);
        var waited = await AdvanceUntilDoneAsync(second);

        Assert.InRange(waited, StoreIdentifyGate.Window, StoreIdentifyGate.Window + TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Shards_in_different_buckets_identify_together()
    {
        await Gate(_temp.Store).WaitTurnAsync(0, 2, CancellationToken.None);

        var other = Gate(_temp.Store).WaitTurnAsync(1, 2, CancellationToken.None);

        Assert.Equal(TimeSpan.Zero, await AdvanceUntilDoneAsync(other));
    }

    [Fact]
    public async Task A_cancelled_wait_ends_with_cancellation()
    {
        await Gate(_temp.Store).WaitTurnAsync(0, 1, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = Gate(_temp.Store).WaitTurnAsync(0, 1, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
