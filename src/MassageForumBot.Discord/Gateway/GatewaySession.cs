namespace MassageForumBot.Discord.Gateway;

/// <summary>What a later connection (or a restarted process) needs to resume instead of identifying again.</summary>
public sealed record GatewaySession(string SessionId, long Sequence, Uri ResumeGatewayUrl)
{
    /// <summary>The session id is a credential for resuming: keep it out of logs.</summary>
    public override string ToString() => $"GatewaySession {{ SessionId = [redacted], Sequence = {Sequence}, ResumeGatewayUrl = {ResumeGatewayUrl} }}";
}

/// <summary>
/// Persists the gateway session with the handled watermark as its sequence. The client calls it from a background
/// saver every <see cref="DiscordClientOptions.SessionSaveInterval"/> and at shutdown, never from the receive loop,
/// so a slow store is fine.
/// </summary>
public interface IGatewaySessionStore
{
    ValueTask<GatewaySession?> LoadAsync(CancellationToken cancellationToken);

    ValueTask SaveAsync(GatewaySession session, CancellationToken cancellationToken);

    ValueTask ClearAsync(CancellationToken cancellationToken);
}

/// <summary>Keeps the session in memory only: a restart identifies anew.</summary>
public sealed class InMemoryGatewaySessionStore : IGatewaySessionStore
{
    private volatile GatewaySession? _session;

    public InMemoryGatewaySessionStore(GatewaySession? initial = null)
    {
        _session = initial;
    }

    public GatewaySession? Current => _session;

    public ValueTask<GatewaySession?> LoadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_session);

    public ValueTask SaveAsync(GatewaySession session, CancellationToken cancellationToken)
    {
        _session = session;
        return ValueTask.CompletedTask;
    }

    public ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        _session = null;
        return ValueTask.CompletedTask;
    }
}
