using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Discord.Testing;

/// <summary>
/// Helpers for driving a <see cref="FakeTimeProvider"/> while real sockets do their work: the code under test may
/// register its timer a little after the test decides to advance the clock, so advance in steps and re-check the
/// observable effect until it happens (with a real-time guard).
/// </summary>
public static class FakeClock
{
    /// <summary>
    /// Advances <paramref name="time"/> by <paramref name="step"/> until <paramref name="task"/> completes; returns its
    /// result. Fails after <paramref name="realTimeout"/> of real time or <paramref name="maxFakeTime"/> of fake time.
    /// </summary>
    /// <remarks>
    /// <paramref name="canAdvance"/>, when given, is checked before each step: the clock only moves while it returns true
    /// (e.g. while the code under test is waiting on a fake-clock delay, not while real I/O is in flight).
    /// </remarks>
    public static async Task<T> AdvanceUntilAsync<T>(
        FakeTimeProvider time, Task<T> task, TimeSpan step, TimeSpan? maxFakeTime = null, TimeSpan? realTimeout = null, Func<bool>? canAdvance = null)
    {
        await AdvanceUntilAsync(time, (Task)task, step, maxFakeTime, realTimeout, canAdvance).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    public static async Task AdvanceUntilAsync(
        FakeTimeProvider time, Task task, TimeSpan step, TimeSpan? maxFakeTime = null, TimeSpan? realTimeout = null, Func<bool>? canAdvance = null)
    {
        var fakeLimit = maxFakeTime ?? TimeSpan.FromMinutes(10);
        var started = time.GetUtcNow();
        using var guard = new CancellationTokenSource(realTimeout ?? TimeSpan.FromSeconds(20));
        while (!task.IsCompleted)
        {
            // Give the code under test a moment of real time to register its timers before each step.
            await Task.WhenAny(task, Task.Delay(15, guard.Token)).ConfigureAwait(false);
            if (task.IsCompleted)
            {
                break;
            }

            if (guard.IsCancellationRequested)
            {
                throw new TimeoutException("The awaited effect did not happen within the real-time guard.");
            }

            if (time.GetUtcNow() - started >= fakeLimit)
            {
                throw new TimeoutException($"The awaited effect did not happen within {fakeLimit} of fake time.");
            }

            if (canAdvance is null || canAdvance())
            {
                time.Advance(step);
            }
        }

        await task.ConfigureAwait(false);
    }
}
