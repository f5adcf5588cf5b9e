using Microsoft.Extensions.Logging;

namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// Saves the session off the receive loop: every interval it takes a snapshot (session id, resume URL, handled
/// watermark) and writes it when it changed; a null snapshot clears the store (a new session is being identified).
/// <see cref="SaveIfChangedAsync"/> is also called at shutdown. Store failures are logged, never fatal.
/// </summary>
internal sealed class SessionPersister
{
    private readonly IGatewaySessionStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly Func<GatewaySession?> _snapshot;
    private readonly SemaphoreSlim _saveLock = new(1, 1);
    private GatewaySession? _saved;

    public SessionPersister(IGatewaySessionStore store, TimeProvider time, TimeSpan interval, ILogger logger, Func<GatewaySession?> snapshot, GatewaySession? loaded)
    {
        _store = store;
        _time = time;
        _interval = interval;
        _logger = logger;
        _snapshot = snapshot;
        _saved = loaded;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_interval, _time, cancellationToken).ConfigureAwait(false);
                await SaveIfChangedAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the caller saves once more.
        }
    }

    public async Task SaveIfChangedAsync(CancellationToken cancellationToken)
    {
        await _saveLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _snapshot();
            if (current == _saved)
            {
                return;
            }

            if (current is null)
            {
                await _store.ClearAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _store.SaveAsync(current, cancellationToken).ConfigureAwait(false);
            }

            _saved = current;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Saving the gateway session failed; a restart may identify instead of resuming.");
        }
        finally
        {
            _saveLock.Release();
        }
    }
}
