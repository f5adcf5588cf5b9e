using MassageForumBot.Storage;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>`/optout` and `/optin`: any member decides whether the bot may answer and keep their posts.</summary>
public sealed class MemberCommands(IBotStore store, TimeProvider time, ILogger<MemberCommands> log)
{
    /// <summary>How many of the guild's recent decisions are searched for the member's earlier posts.</summary>
    public const int ForgetScanLimit = 100_000;

    /// <summary>Opts the member out and forgets what was kept about their earlier posts in this guild (the reply claims
    /// stay, so nothing is ever posted twice).</summary>
    public async Task<Answer> OptOutAsync(ulong userId, ulong guildId, CancellationToken cancel)
    {
        await store.SetOptedOutAsync(userId, true, time.GetUtcNow(), cancel);
        var earlier = (await store.RecentDecisionsAsync(guildId, ForgetScanLimit, cancel)).Where(d => d.AuthorId == userId).ToList();
        foreach (var decision in earlier) await store.ForgetPostAsync(decision.MessageId, cancel);
        log.LogInformation("Member {UserId} opted out; forgot {Count} earlier post(s) in guild {GuildId}", userId, earlier.Count, guildId);
        return new Answer("Done: the bot will not answer your posts, and will not keep their text or use them for training" +
                          (earlier.Count > 0 ? $"; it also forgot what it kept about {earlier.Count} earlier post(s) of yours here" : "") +
                          ". Use `/optin` to change your mind.");
    }

    public async Task<Answer> OptInAsync(ulong userId, CancellationToken cancel)
    {
        await store.SetOptedOutAsync(userId, false, time.GetUtcNow(), cancel);
        log.LogInformation("Member {UserId} opted in", userId);
        return new Answer("Done: the bot may answer your new posts again. Use `/optout` to stop it.");
    }
}
