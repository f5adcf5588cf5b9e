using MassageForumBot.Discord.Rest;
using MassageForumBot.Storage;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>
/// The post text kept with feedback for retraining. The bot does not keep post texts with its decisions; the text is
/// fetched from Discord when a moderator gives feedback (GET the message; members' votes keep no text), so a post its
/// author deleted or an author who opted out leaves no text behind. Feedback texts are then dropped after Storage:RetentionDays unless a moderator
/// labelled them.
/// </summary>
public sealed class PostTextSource(DiscordRestClient rest, IFeedbackStore store, ILogger<PostTextSource> log)
{
    public async Task<string?> TextAsync(PostDecision decision, CancellationToken cancel)
    {
        if (await store.IsOptedOutAsync(decision.AuthorId, cancel)) return null;
        try
        {
            var message = await rest.GetMessageAsync(decision.ChannelId, decision.MessageId, cancel);
            return string.IsNullOrWhiteSpace(message.Content) ? null : message.Content;
        }
        catch (DiscordRestException e)
        {
            // Deleted meanwhile (10008) or not readable: the feedback is kept without text.
            log.LogDebug("Feedback on post {MessageId} is stored without text: {Message}", decision.MessageId, e.Message);
            return null;
        }
    }
}
