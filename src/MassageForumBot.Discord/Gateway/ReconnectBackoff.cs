namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// Reconnect delays: 1 s doubling up to 60 s, each multiplied by 0.5 + 0.5 * jitter (jitter in [0, 1]) so many clients
/// do not reconnect in step. <see cref="Reset"/> after a successful READY / RESUMED.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly Func<double> _jitter;
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;

    public ReconnectBackoff(Func<double> jitter, TimeSpan? initial = null, TimeSpan? max = null)
    {
        _jitter = jitter;
        _initial = initial ?? TimeSpan.FromSeconds(1);
        _max = max ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>Failed attempts since the last reset.</summary>
    public int Attempt { get; private set; }

    public TimeSpan Next()
    {
        var raw = _initial * Math.Pow(2, Math.Min(Attempt, 30));
        if (raw > _max)
        {
            raw = _max;
        }

        Attempt++;
        var j = Math.Clamp(_jitter(), 0, 1);
        return raw * (0.5 + (0.5 * j));
    }

    public void Reset() => Attempt = 0;
}
