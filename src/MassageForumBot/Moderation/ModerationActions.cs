using MassageForumBot.Classification.Inference;
using MassageForumBot.Configuration;
using MassageForumBot.Replies;
using MassageForumBot.Storage;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Moderation;

/// <summary>What a moderation action did, in words for the person who clicked.</summary>
public sealed record ModerationOutcome(bool Done, string Message);

/// <summary>
/// Feedback and moderators' actions on the bot's replies, shared by the Discord buttons and the web console's review
/// page so both do the same thing and store it the same way: Helpful / Not helpful (one row per person and post),
/// Wrong topic with the right label, Remove (the claim stays, so the bot never posts there again) and Approve
/// (a shadow draft posted as the real reply).
/// </summary>
public sealed class ModerationActions(
    IBotStore store,
    IPostChannel channel,
    ActiveClassifier classifier,
    ReplyComposer composer,
    IOptions<BotOptions> bot,
    TimeProvider time,
    ILogger<ModerationActions> log)
{
    public const string Gone = "This post is no longer stored (it was deleted), so feedback cannot be recorded.";

    private readonly ReplyTone _tone = ReplyTones.Parse(bot.Value.Tone);

    /// <summary>The stored decision about a post, when it belongs to <paramref name="guildId"/> (null: any guild, for the console's operator).</summary>
    public async Task<PostDecision?> FindAsync(ulong postId, ulong? guildId, CancellationToken cancel)
    {
        var decision = await store.GetDecisionAsync(postId, cancel);
        return decision is not null && guildId is { } g && decision.GuildId != g ? null : decision;
    }

    /// <summary>Helpful or Not helpful from anyone.</summary>
    public async Task<ModerationOutcome> RateAsync(PostDecision? decision, ulong userId, bool helpful, bool byModerator, CancellationToken cancel)
    {
        if (decision is null) return new ModerationOutcome(false, Gone);
        await RecordAsync(decision, userId, helpful ? FeedbackKinds.Helpful : FeedbackKinds.NotHelpful, null, byModerator, cancel);
        return new ModerationOutcome(true, helpful
            ? "Thanks! Marked as helpful."
            : "Thanks, noted as not helpful. It helps the bot learn when to stay quiet.");
    }

    /// <summary>A moderator says what the post is really about; it goes into the next training run.</summary>
    public async Task<ModerationOutcome> LabelAsync(PostDecision? decision, ulong moderatorId, string? label, CancellationToken cancel)
    {
        if (decision is null) return new ModerationOutcome(false, Gone);
        if (label is null || !classifier.Current.Labels.Contains(label)) return new ModerationOutcome(false, "Pick one of the listed topics.");
        await RecordAsync(decision, moderatorId, FeedbackKinds.WrongTopic, label, byModerator: true, cancel);
        log.LogInformation("Moderator {UserId} labelled post {PostId} as {Label} (predicted {Topic})", moderatorId, decision.MessageId, label, decision.Topic);
        return new ModerationOutcome(true, $"Labelled as **{label}** (the bot said {decision.Topic}). Thanks, this goes into the next training run.");
    }

    /// <summary>
    /// Removes the bot's reply or draft for good. The guild is checked before anything is written: the post must be
    /// <paramref name="guildId"/>'s (its decision, or when that is gone its reply claim's channel), else nothing changes.
    /// The claim is then marked first, so a MESSAGE_DELETE that follows finds it already removed and no later delivery
    /// can post again. <paramref name="deleteMessage"/> deletes the message the moderator clicked on (Discord); without
    /// it the channel deletes the reply the claim names. A null <paramref name="guildId"/> is the console's operator.
    /// </summary>
    public async Task<ModerationOutcome> RemoveAsync(ulong postId, ulong? guildId, ulong moderatorId, Func<CancellationToken, Task>? deleteMessage, CancellationToken cancel)
    {
        var decision = await FindAsync(postId, guildId, cancel);
        var claim = await store.GetClaimAsync(postId, cancel);
        if (guildId is { } guild && decision is null && (claim is null || !await channel.IsInGuildAsync(claim.ChannelId, guild, cancel)))
        {
            log.LogInformation("Moderator {UserId} of guild {GuildId} asked to remove the reply to post {PostId}, which is not that guild's; nothing changed",
                moderatorId, guild, postId);
            return new ModerationOutcome(false, Gone);
        }

        await store.MarkReplyRemovedAsync(postId, cancel);
        if (deleteMessage is not null) await deleteMessage(cancel);
        else if (decision is not null && claim is { ReplyMessageId: not null, State: not ReplyState.Removed }) await channel.DeleteReplyAsync(decision, claim, cancel);
        log.LogInformation("Moderator {UserId} removed the reply to post {PostId}", moderatorId, postId);

        if (decision is not null && !await HasLabelAsync(decision, moderatorId, cancel))
            await RecordAsync(decision, moderatorId, FeedbackKinds.Removed, correctedLabel: null, byModerator: true, cancel);
        return new ModerationOutcome(true, "Removed. The bot will not post again for this post.");
    }

    /// <summary>Posts a shadow draft as the bot's real reply; the decision then reads as replied, approved by a moderator.</summary>
    public async Task<ModerationOutcome> ApproveAsync(PostDecision? decision, ulong moderatorId, CancellationToken cancel)
    {
        if (decision is null) return new ModerationOutcome(false, Gone);
        if (decision.Outcome != PostOutcome.ShadowDraft) return new ModerationOutcome(false, "Only a shadow draft can be approved.");
        var claim = await store.GetClaimAsync(decision.MessageId, cancel);
        if (claim is null || claim.State == ReplyState.Removed) return new ModerationOutcome(false, "This draft was removed, so it cannot be posted.");
        if (!composer.CanReply(decision.Topic)) return new ModerationOutcome(false, $"The topic {decision.Topic} has no reply any more.");

        var reply = composer.Compose(new ReplyRequest(decision.Topic, decision.Confidence, _tone, []));
        var sent = await channel.PublishAsync(decision, claim, reply, cancel);
        await store.MarkReplySentAsync(decision.MessageId, sent, CancellationToken.None);
        await store.RecordDecisionAsync(decision with { Outcome = PostOutcome.Replied, Reason = $"shadow draft approved by moderator {moderatorId}" }, CancellationToken.None);
        BotMetrics.Reply(live: true, decision.Topic);
        log.LogInformation("Moderator {UserId} approved the shadow draft for post {PostId}", moderatorId, decision.MessageId);
        return new ModerationOutcome(true, "Approved: the reply is posted.");
    }

    /// <summary>A moderator who labelled the post keeps the label when they then remove the reply (one row per member).</summary>
    private async Task<bool> HasLabelAsync(PostDecision decision, ulong userId, CancellationToken cancel) =>
        (await store.FeedbackAsync(decision.GuildId, decision.At, cancel))
        .Any(f => f.PostId == decision.MessageId && f.UserId == userId && f.CorrectedLabel is not null);

    private async Task RecordAsync(PostDecision decision, ulong userId, string kind, string? correctedLabel, bool byModerator, CancellationToken cancel)
    {
        // Members' votes never become training labels, so they keep no post text (and cost no GET of the post).
        var text = byModerator ? await channel.PostTextAsync(decision, cancel) : null;
        await store.RecordFeedbackAsync(new Feedback(decision.MessageId, userId, decision.GuildId, kind, decision.Topic,
            correctedLabel, text, byModerator, time.GetUtcNow()), cancel);
        BotMetrics.FeedbackRecorded(kind);
    }
}
