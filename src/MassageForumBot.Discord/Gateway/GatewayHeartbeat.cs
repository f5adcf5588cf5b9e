namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// Heartbeat schedule and zombie detection for one connection. The first beat comes after interval * jitter, then one
/// per interval on a fixed schedule (late timers catch up instead of drifting). A beat that finds the previous one
/// un-ACKed reports a zombie instead of sending.
/// </summary>
internal sealed class GatewayHeartbeat
{
    private readonly TimeProvider _time;
    private volatile bool _acked = true;
    private volatile bool _started;
    private long _lastSentTicks;

    public GatewayHeartbeat(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>True once <see cref="RunAsync"/> was called (Hello arrived).</summary>
    public bool Started => _started;

    /// <summary>Round trip of the last ACKed heartbeat.</summary>
    public TimeSpan? Latency { get; private set; }

    public void Acknowledge()
    {
        _acked = true;
        var sent = Interlocked.Read(ref _lastSentTicks);
        if (sent != 0)
        {
            Latency = _time.GetElapsedTime(sent);
        }
    }

    /// <summary>Runs until cancelled or a zombie is found. The first timer is created before this method yields.</summary>
    public async Task RunAsync(TimeSpan interval, double jitter, Func<CancellationToken, Task> sendHeartbeat, Action onZombie, CancellationToken cancellationToken)
    {
        _started = true;
        var next = _time.GetUtcNow() + (interval * Math.Clamp(jitter, 0, 1));
        while (!cancellationToken.IsCancellationRequested)
        {
            var delay = next - _time.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }

            if (!_acked)
            {
                onZombie();
                return;
            }

            _acked = false;
            Interlocked.Exchange(ref _lastSentTicks, _time.GetTimestamp());
            await sendHeartbeat(cancellationToken).ConfigureAwait(false);
            next += interval;
        }
    }
}
