using MassageForumBot.Storage;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>`/optout` and `/optin`: any member decides whether the bot may answer and keep their posts.</summary>
public sealed class MemberCommands(IFeedbackStore store, TimeProvider time, ILogger<MemberCommands> log)
{
    public async Task<Answer> OptOutAsync(ulong userId, CancellationToken cancel)
    {
        await store.SetOptedOutAsync(userId, true, time.GetUtcNow(), cancel);
        log.LogInformation("Member {UserId} opted out", userId);
        return new Answer("Done: the bot will not answer your posts, and will not keep their text or use them for training. " +
                          "Use `/optin` to change your mind.");
    }

    public async Task<Answer> OptInAsync(ulong userId, CancellationToken cancel)
    {
        await store.SetOptedOutAsync(userId, false, time.GetUtcNow(), cancel);
        log.LogInformation("Member {UserId} opted in", userId);
        return new Answer("Done: the bot may answer your new posts again. Use `/optout` to stop it.");
    }
}
