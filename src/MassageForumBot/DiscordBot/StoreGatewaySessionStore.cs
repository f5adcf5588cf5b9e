using MassageForumBot.Discord.Gateway;
using MassageForumBot.Storage;

namespace MassageForumBot.DiscordBot;

/// <summary>Keeps the gateway session in the bot's store, so a restarted process resumes instead of identifying again.</summary>
public sealed class StoreGatewaySessionStore : IGatewaySessionStore
{
    private readonly ISessionStore _store;
    private readonly int _shardId;
    private readonly TimeProvider _time;

    public StoreGatewaySessionStore(ISessionStore store, int shardId, TimeProvider time)
    {
        _store = store;
        _shardId = shardId;
        _time = time;
    }

    public async ValueTask<GatewaySession?> LoadAsync(CancellationToken cancellationToken)
    {
        var saved = await _store.LoadSessionAsync(_shardId, cancellationToken);
        return saved is null ? null : new GatewaySession(saved.SessionId, saved.Sequence, new Uri(saved.ResumeGatewayUrl));
    }

    public async ValueTask SaveAsync(GatewaySession session, CancellationToken cancellationToken) =>
        await _store.SaveSessionAsync(new StoredGatewaySession(_shardId, session.SessionId, (int)Math.Min(session.Sequence, int.MaxValue), session.ResumeGatewayUrl.ToString(), _time.GetUtcNow()), cancellationToken);

    public async ValueTask ClearAsync(CancellationToken cancellationToken) => await _store.ClearSessionAsync(_shardId, cancellationToken);
}
