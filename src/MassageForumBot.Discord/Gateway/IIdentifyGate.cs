namespace MassageForumBot.Discord.Gateway;

/// <summary>Paces Identify across every process that shares a bot token.</summary>
public interface IIdentifyGate
{
    /// <summary>
    /// Completes when this shard may send Identify now: at most <paramref name="maxConcurrency"/> Identify payloads per
    /// 5 s (rate-limit bucket = shardId % maxConcurrency), counted across every process.
    /// </summary>
    Task WaitTurnAsync(int shardId, int maxConcurrency, CancellationToken cancel);
}
