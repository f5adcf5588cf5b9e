namespace MassageForumBot.Decisions;

/// <summary>How the bot behaves in a guild right now (mode, watched channels, threshold), resolved once per post.</summary>
public interface IPolicyStore
{
    Task<EffectivePolicy> ResolveAsync(ulong guildId, CancellationToken cancel = default);
}
