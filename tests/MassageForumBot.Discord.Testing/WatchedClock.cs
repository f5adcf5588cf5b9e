using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Discord.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records every timer the code under test creates, so a test can wait until the
/// code is really waiting for a given delay before it advances the clock (no stepping, no real sleeps).
/// </summary>
public sealed class WatchedClock : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _unclaimed = [];
    private readonly List<(TimeSpan Due, TaskCompletionSource Signal)> _waiters = [];

    public WatchedClock()
        : base(new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    private readonly List<TimeSpan> _created = [];

    /// <summary>Every due time passed to a timer so far, in creation order.</summary>
    public IReadOnlyList<TimeSpan> Created
    {
        get
        {
            lock (_gate)
            {
                return [.. _created];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _created.Add(dueTime);
            var waiter = _waiters.FindIndex(w => w.Due == dueTime);
            if (waiter >= 0)
            {
                _waiters[waiter].Signal.TrySetResult();
                _waiters.RemoveAt(waiter);
            }
            else
            {
                _unclaimed.Add(dueTime);
            }
        }

        return timer;
    }

    /// <summary>Completes once a timer of exactly <paramref name="dueTime"/> exists (each timer satisfies one wait).</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime, TimeSpan? realTimeout = null)
    {
        lock (_gate)
        {
            if (_unclaimed.Remove(dueTime))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, signal));
            return signal.Task.WaitAsync(realTimeout ?? TimeSpan.FromSeconds(10))
                .ContinueWith(
                    t => t.IsFaulted ? throw new TimeoutException($"No timer of {dueTime} was created; created so far: {string.Join(", ", Created)}.") : t,
                    TaskScheduler.Default)
                .Unwrap();
        }
    }

    /// <summary>Waits for a timer of <paramref name="dueTime"/>, then advances the clock by it.</summary>
    public async Task AdvanceWhenWaitingAsync(TimeSpan dueTime)
    {
        await WaitForTimerAsync(dueTime).ConfigureAwait(false);
        Advance(dueTime);
    }
}
