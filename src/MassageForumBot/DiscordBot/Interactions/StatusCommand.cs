using System.Text;
using MassageForumBot.Configuration;
using MassageForumBot.Storage;
using MassageForumBot.Decisions;
using MassageForumBot.Worker;
using DiscordLimits = MassageForumBot.Discord.Models.DiscordLimits;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>`status`: how the bot behaves in this guild, which model it runs, and what it did in the last 7 days.</summary>
public sealed class StatusCommand(GuildPolicy guilds, ActiveClassifier classifier, IBotStore store, ModeratorLog modLog, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>A reload error can quote a long path or stack detail; the answer has 2,000 characters in all.</summary>
    private const int MaxFailureLength = 300;

    public async Task<Answer> RunAsync(ulong guildId, CancellationToken cancel)
    {
        var policy = await guilds.ResolveAsync(guildId, cancel);
        var since = time.GetUtcNow() - Window;
        // Decisions from day counts, so they stay right after retention turned old rows into counts; the feedback split
        // (members' votes, moderators') needs the stored rows.
        var counts = await store.DailyCountsAsync(guildId, since, cancel);
        var feedback = await store.FeedbackAsync(guildId, since, cancel);
        var manifest = classifier.Current.Manifest;
        var heldOut = manifest.HeldOut;
        var logChannel = await modLog.ChannelForAsync(guildId, cancel);

        var text = new StringBuilder();
        text.AppendLine("**MassageForumBot in this server**");
        text.AppendLine($"Mode: **{GuildPolicy.ModeName(policy.Mode)}** ({Source(policy.ModeSource)})" +
                        (policy.Mode == BotMode.Shadow ? $"; drafts go to {(logChannel is { } c ? $"<#{c}>" : "`review` only (no log channel: set one with `/massagebot logchannel`)")}" : ""));
        text.AppendLine($"Moderators' log: {(logChannel is { } log ? $"<#{log}>" : "none")} ({(await guilds.LogChannelAsync(guildId, cancel) is null ? "configuration default" : "set by a moderator")})");
        text.AppendLine($"Watched channels: {SettingsCommands.Channels(policy)} ({Source(policy.WatchedSource)})");
        text.AppendLine($"Reply threshold: **{policy.Threshold:0.###}** ({Source(policy.ThresholdSource)})");
        text.AppendLine($"Model: `{manifest.Version}` ({manifest.Features} + {manifest.Trainer}, {manifest.TrainRows} training rows, made {manifest.CreatedAt:yyyy-MM-dd})");
        if (classifier.LastReloadFailure is { } failure)
            text.AppendLine($"⚠️ Last model reload failed{(classifier.LastReloadFailedAt is { } at ? $" <t:{at.ToUnixTimeSeconds()}:R>" : "")}: " +
                            $"{DiscordLimits.Truncate(failure, MaxFailureLength)} (`{manifest.Version}` keeps serving)");
        text.AppendLine($"Held-out ({heldOut.Rows} posts): reply precision {heldOut.ReplyPrecision:0.000} (target {manifest.ReplyPrecisionTarget:0.00}), " +
                        $"reply recall {heldOut.ReplyRecall:0.000}, macro-F1 {heldOut.MacroF1:0.000}, accuracy {heldOut.Accuracy:0.000}");
        text.AppendLine($"Last 7 days: {Count(counts, PostOutcome.Replied)} replies, {Count(counts, PostOutcome.ShadowDraft)} shadow drafts, " +
                        $"{Count(counts, PostOutcome.BelowThreshold)} below threshold, {Count(counts, PostOutcome.RedFlag)} red flags");
        var members = feedback.Where(f => !f.ByModerator).ToList();
        var moderators = feedback.Where(f => f.ByModerator).ToList();
        text.AppendLine($"Members' votes (7 days, a signal only, never a training label): {Kind(members, FeedbackKinds.Helpful)} helpful, {Kind(members, FeedbackKinds.NotHelpful)} not helpful");
        text.Append($"Moderators' feedback (7 days): {Kind(moderators, FeedbackKinds.Helpful)} helpful, {Kind(moderators, FeedbackKinds.NotHelpful)} not helpful, " +
                    $"{Kind(moderators, FeedbackKinds.WrongTopic)} wrong topic, {Kind(moderators, FeedbackKinds.Removed)} removed");
        return new Answer(text.ToString());
    }

    private static long Count(IEnumerable<DailyCount> counts, PostOutcome outcome) => counts.Where(c => c.Is(outcome)).Sum(c => c.Count);

    private static int Kind(IEnumerable<Feedback> feedback, string kind) => feedback.Count(f => f.Kind == kind);

    public static string Source(SettingSource source) => source switch
    {
        SettingSource.Moderator => "set by a moderator",
        SettingSource.Configuration => "configuration default",
        _ => "the model's calibrated threshold",
    };
}
