using MassageForumBot.Discord.Gateway;
using MassageForumBot.Storage;

namespace MassageForumBot.DiscordBot;

/// <summary>Keeps the gateway session in the bot's store, so a restarted process resumes instead of identifying again.</summary>
public sealed class StoreGatewaySessionStore(ISessionStore store, int shardId, TimeProvider time) : IGatewaySessionStore
{
    public async ValueTask<GatewaySession?> LoadAsync(CancellationToken cancellationToken)
    {
        var saved = await store.LoadSessionAsync(shardId, cancellationToken);
        return saved is null ? null : new GatewaySession(saved.SessionId, saved.Sequence, new Uri(saved.ResumeGatewayUrl));
    }

    public async ValueTask SaveAsync(GatewaySession session, CancellationToken cancellationToken) =>
        await store.SaveSessionAsync(new StoredGatewaySession(shardId, session.SessionId, (int)Math.Min(session.Sequence, int.MaxValue), session.ResumeGatewayUrl.ToString(), time.GetUtcNow()), cancellationToken);

    public async ValueTask ClearAsync(CancellationToken cancellationToken) => await store.ClearSessionAsync(shardId, cancellationToken);
}
