using MassageForumBot.Storage;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>`/optout` and `/optin`: any member decides whether the bot may answer and keep their posts, in every server.</summary>
public sealed class MemberCommands(IBotStore store, TimeProvider time, ILogger<MemberCommands> log)
{
    /// <summary>Opts the member out first (so a post of theirs still being handled is not stored afterwards), then
    /// forgets what was kept about their posts in every server (the reply claims stay, so nothing is posted twice).</summary>
    public async Task<Answer> OptOutAsync(ulong userId, CancellationToken cancel)
    {
        await store.SetOptedOutAsync(userId, true, time.GetUtcNow(), cancel);
        var forgot = await store.ForgetAuthorAsync(userId, cancel);
        log.LogInformation("Member {UserId} opted out; forgot {Count} earlier post(s) in every guild", userId, forgot.Decisions);
        return new Answer("Done: in every server the bot is in, it will not answer your posts, and will not keep them or use them for training" +
                          (forgot.Decisions > 0 ? $"; it also forgot what it kept about {forgot.Decisions} earlier post(s) of yours" : "") +
                          ". Use `/mydata` to check, `/optin` to change your mind.");
    }

    public async Task<Answer> OptInAsync(ulong userId, CancellationToken cancel)
    {
        await store.SetOptedOutAsync(userId, false, time.GetUtcNow(), cancel);
        log.LogInformation("Member {UserId} opted in", userId);
        return new Answer("Done: the bot may answer your new posts again. Use `/optout` to stop it.");
    }
}
