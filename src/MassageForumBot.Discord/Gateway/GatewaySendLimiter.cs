namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// Sliding-window limiter for gateway sends: Discord allows 120 per connection per 60 s and disconnects beyond that.
/// Ordinary commands may use <c>limit - reservedForHeartbeats</c>; heartbeats may use the full limit, so a burst of
/// commands can never starve the heartbeat. Waits use the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class GatewaySendLimiter
{
    public const int DefaultLimit = 120;
    public const int DefaultReservedForHeartbeats = 5;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly int _reserved;
    private readonly List<DateTimeOffset> _sent = [];
    private readonly Lock _gate = new();

    public GatewaySendLimiter(TimeProvider time, int limit = DefaultLimit, TimeSpan? window = null, int reservedForHeartbeats = DefaultReservedForHeartbeats)
    {
        _time = time;
        _limit = limit;
        _window = window ?? DefaultWindow;
        _reserved = Math.Clamp(reservedForHeartbeats, 0, limit - 1);
    }

    /// <summary>Takes a slot now, or says how long until one frees up.</summary>
    public bool TryAcquire(bool isHeartbeat, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            var allowed = isHeartbeat ? _limit : _limit - _reserved;
            if (_sent.Count < allowed)
            {
                _sent.Add(now);
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = _sent[_sent.Count - allowed] + _window - now;
            if (retryAfter <= TimeSpan.Zero)
            {
                retryAfter = TimeSpan.FromMilliseconds(1);
            }

            return false;
        }
    }

    public async ValueTask AcquireAsync(bool isHeartbeat, CancellationToken cancellationToken)
    {
        while (!TryAcquire(isHeartbeat, out var wait))
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        var expired = 0;
        while (expired < _sent.Count && _sent[expired] + _window <= now)
        {
            expired++;
        }

        if (expired > 0)
        {
            _sent.RemoveRange(0, expired);
        }
    }
}
