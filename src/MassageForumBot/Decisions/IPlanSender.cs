namespace MassageForumBot.Decisions;

/// <summary>Renders and sends plans in one channel (Discord, the console). It never decides anything.</summary>
public interface IPlanSender
{
    /// <summary>
    /// Sends a Reply or DraftToModerators plan and returns the id of the message it made, if any. A retried send of
    /// the same post carries the same nonce.
    /// </summary>
    Task<ulong?> SendAsync(PostPlan plan, CancellationToken cancel);

    /// <summary>Tells the post's moderators about a red-flag post the bot will not answer but a person should read.</summary>
    Task NotifyRedFlagAsync(PostPlan plan, CancellationToken cancel);
}
