using MassageForumBot.Replies;
using MassageForumBot.Storage;

namespace MassageForumBot.Moderation;

/// <summary>What moderation needs from the channel a post came from (Discord, or the local console channel).</summary>
public interface IPostChannel
{
    /// <summary>The post's text for feedback kept for retraining, or null (deleted, unreadable, author opted out).</summary>
    Task<string?> PostTextAsync(PostDecision decision, CancellationToken cancel);

    /// <summary>Deletes the bot's reply or shadow draft message; nothing when it is already gone.</summary>
    Task DeleteReplyAsync(PostDecision decision, ReplyClaim claim, CancellationToken cancel);

    /// <summary>Posts an approved shadow draft publicly as the bot's reply; returns the new message's id.</summary>
    Task<ulong?> PublishAsync(PostDecision decision, ReplyClaim claim, ComposedReply reply, CancellationToken cancel);

    /// <summary>True only when the channel is known to belong to the guild (a post's guild, when its decision is gone).</summary>
    Task<bool> IsInGuildAsync(ulong channelId, ulong guildId, CancellationToken cancel);
}

/// <summary>The console channel keeps no messages: nothing to fetch or delete, and its replies are already "posted" on the terminal.</summary>
public sealed class ConsolePostChannel : IPostChannel
{
    public Task<string?> PostTextAsync(PostDecision decision, CancellationToken cancel) => Task.FromResult<string?>(null);

    public Task DeleteReplyAsync(PostDecision decision, ReplyClaim claim, CancellationToken cancel) => Task.CompletedTask;

    public Task<ulong?> PublishAsync(PostDecision decision, ReplyClaim claim, ComposedReply reply, CancellationToken cancel) =>
        Task.FromResult<ulong?>(claim.ReplyMessageId ?? decision.MessageId);

    /// <summary>The console channel is guild 0.</summary>
    public Task<bool> IsInGuildAsync(ulong channelId, ulong guildId, CancellationToken cancel) => Task.FromResult(guildId == 0);
}
