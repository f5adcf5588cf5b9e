using System.Text;
using MassageForumBot.Storage;
using MassageForumBot.Worker;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>`review`: the latest replies and shadow drafts in this guild, with the feedback each got.</summary>
public sealed class ReviewCommand(IBotStore store)
{
    public const int Shown = 10;

    /// <summary>Recent decisions scanned for replies and drafts (most posts get neither).</summary>
    private const int Scanned = 500;

    public async Task<Answer> RunAsync(ulong guildId, CancellationToken cancel)
    {
        var answered = (await store.RecentDecisionsAsync(guildId, Scanned, cancel))
            .Where(d => d.Outcome is PostOutcome.Replied or PostOutcome.ShadowDraft)
            .Take(Shown)
            .ToList();
        if (answered.Count == 0) return new Answer("No replies or shadow drafts yet in this server.");

        var since = answered.Min(d => d.At);
        var feedback = (await store.FeedbackAsync(guildId, since, cancel)).ToLookup(f => f.PostId);
        var text = new StringBuilder($"**Latest {answered.Count} replies and drafts**\n");
        foreach (var d in answered)
        {
            var claim = await store.GetClaimAsync(d.MessageId, cancel);
            var line = new StringBuilder()
                .Append(d.Outcome == PostOutcome.Replied ? "Reply" : "Draft")
                .Append($" to {DiscordLinks.JumpLink(guildId, d.ChannelId, d.MessageId)}: {d.Topic} {d.Confidence * 100:0}%")
                .Append(" · ").Append(Counts(feedback[d.MessageId].ToList()));
            if (claim?.State == ReplyState.Removed) line.Append(" · removed");
            if (text.Length + line.Length + 1 > Answer.MaxContent) break;
            text.Append(line).Append('\n');
        }
        return new Answer(text.ToString().TrimEnd());
    }

    /// <summary>Members' votes as a signal (they never become training labels), then what moderators did.</summary>
    private static string Counts(IReadOnlyList<Feedback> feedback)
    {
        if (feedback.Count == 0) return "no feedback";
        var members = feedback.Where(f => !f.ByModerator).ToList();
        var labels = feedback.Where(f => f.ByModerator && f.CorrectedLabel is not null).Select(f => f.CorrectedLabel).Distinct().ToList();
        return $"members 👍 {members.Count(f => f.Kind == FeedbackKinds.Helpful)} 👎 {members.Count(f => f.Kind == FeedbackKinds.NotHelpful)}" +
               (labels.Count > 0 ? $" · relabelled {string.Join("/", labels)}" : "");
    }
}
