using Microsoft.Extensions.Logging;

namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// Saves the session off the receive loop: the loop only records the newest state; a background task writes it to the
/// store at most once per interval (the first change after a quiet period is written at once), and
/// <see cref="FlushAsync"/> writes the final state on shutdown. Store failures are logged, never fatal.
/// </summary>
internal sealed class SessionPersister
{
    private readonly IGatewaySessionStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private readonly Lock _gate = new();
    private GatewaySession? _pending;
    private bool _clearPending;
    private GatewaySession? _saved;

    public SessionPersister(IGatewaySessionStore store, TimeProvider time, TimeSpan interval, ILogger logger, GatewaySession? loaded)
    {
        _store = store;
        _time = time;
        _interval = interval;
        _logger = logger;
        _saved = loaded;
    }

    public void Update(GatewaySession session)
    {
        lock (_gate)
        {
            _pending = session;
            _clearPending = false;
        }

        Signal();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pending = null;
            _clearPending = true;
        }

        Signal();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                if (_interval > TimeSpan.Zero)
                {
                    await Task.Delay(_interval, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the caller flushes.
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            GatewaySession? pending;
            bool clear;
            lock (_gate)
            {
                pending = _pending;
                clear = _clearPending;
                _pending = null;
                _clearPending = false;
            }

            if (clear)
            {
                await _store.ClearAsync(cancellationToken).ConfigureAwait(false);
                _saved = null;
            }
            else if (pending is not null && pending != _saved)
            {
                await _store.SaveAsync(pending, cancellationToken).ConfigureAwait(false);
                _saved = pending;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Saving the gateway session failed; a restart may identify instead of resuming.");
        }
        finally
        {
            _flushLock.Release();
        }
    }

    private void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }
}
