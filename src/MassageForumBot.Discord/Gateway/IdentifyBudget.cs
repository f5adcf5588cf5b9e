using MassageForumBot.Discord.Models;

namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// The identify budget from GET /gateway/bot (session_start_limit): Discord resets the token of a bot that identifies
/// more than <c>total</c> times a day, so each Identify is counted and none is sent while nothing is left.
/// </summary>
internal sealed class IdentifyBudget
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private SessionStartLimit? _limit;
    private DateTimeOffset _resetsAt;

    public IdentifyBudget(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Identifies allowed per 5 s across shards (1 until Discord said otherwise).</summary>
    public int MaxConcurrency
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(1, _limit?.MaxConcurrency ?? 1);
            }
        }
    }

    /// <summary>Identifies left, as far as this client knows; null before GET /gateway/bot answered.</summary>
    public int? Remaining
    {
        get
        {
            lock (_gate)
            {
                return _limit?.Remaining;
            }
        }
    }

    /// <summary>Takes Discord's latest figures.</summary>
    public void Update(SessionStartLimit limit)
    {
        lock (_gate)
        {
            _limit = limit;
            _resetsAt = _time.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Max(0, limit.ResetAfter));
        }
    }

    /// <summary>
    /// <see cref="TimeSpan.Zero"/> when an Identify may be sent, or, when the budget is spent, how long until Discord
    /// refills it. Unknown budgets (a configured gateway URL) are not limited.
    /// </summary>
    public TimeSpan WaitBeforeIdentify()
    {
        lock (_gate)
        {
            if (_limit is not { Total: > 0, Remaining: <= 0 })
            {
                return TimeSpan.Zero;
            }

            var wait = _resetsAt - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            // Past the reset: Discord refilled it (the next GET /gateway/bot tells the exact figure).
            _limit = _limit with { Remaining = _limit.Total };
            return TimeSpan.Zero;
        }
    }

    /// <summary>Counts one Identify sent.</summary>
    public void Count()
    {
        lock (_gate)
        {
            if (_limit is { } limit)
            {
                _limit = limit with { Remaining = Math.Max(0, limit.Remaining - 1) };
            }
        }
    }
}
