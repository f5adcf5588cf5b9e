using System.Security.Cryptography;
using System.Text.Json;
using MassageForumBot.Classification;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Configuration;
using MassageForumBot.Replies;
using MassageForumBot.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Worker;

/// <summary>What happened to one post, for callers and tests.</summary>
public sealed record PostResult(PostOutcome Outcome, Prediction? Prediction, ComposedReply? Reply, ulong? SentMessageId, string Reason);

/// <summary>
/// Judges a thread starter and replies at most once: skip opted-out authors (nothing about their post is kept),
/// classify, rule out red flags (moderators are told), check the guild's threshold, claim the post in the store
/// (before sending, so a redelivery or a restart cannot reply twice), compose, send, remember.
/// </summary>
public sealed class PostPipeline(
    ActiveClassifier classifier,
    ReplyComposer composer,
    IBotStore store,
    EarlierThreadFinder earlierThreads,
    GuildPolicy guilds,
    IOptions<BotOptions> options,
    TimeProvider time,
    ILogger<PostPipeline> log)
{
    private readonly ReplyTone _tone = ReplyTones.Parse(options.Value.Tone);

    public async Task<PostResult> HandleAsync(IncomingPost post, IReplyTarget target, CancellationToken cancel, IModeratorNotifier? moderators = null)
    {
        if (await store.IsOptedOutAsync(post.AuthorId, cancel))
        {
            // Not classified and no text, scores or thread memory kept: only that it was skipped, so `why` can say so.
            await store.RecordDecisionAsync(new PostDecision(post.MessageId, post.GuildId, post.ChannelId, post.AuthorId,
                "", 0, "{}", PostOutcome.OptedOut, "the author opted out", time.GetUtcNow()), cancel);
            return new PostResult(PostOutcome.OptedOut, null, null, null, "the author opted out");
        }

        var model = classifier.Current;
        var prediction = model.Classify(post.Text);
        var policy = await guilds.ResolveAsync(post.GuildId, cancel);

        var redFlag = RedFlagDetector.Find(post.Text);
        if (redFlag is not null)
        {
            log.LogWarning("Post {MessageId} in channel {ChannelId} has a clinical red flag ('{Phrase}'); not answering, left for moderators", post.MessageId, post.ChannelId, redFlag);
            await NotifyAsync(moderators, post, prediction, redFlag, cancel);
            return await Record(post, prediction, PostOutcome.RedFlag, $"clinical red flag '{redFlag}': never auto-answered", cancel);
        }

        if (!policy.ShouldReply(prediction))
        {
            var reason = ReplyPolicy.IsReplyTopic(prediction.Topic)
                ? $"confidence {prediction.Confidence:F2} below threshold {policy.Threshold:F2}"
                : "not a recurring topic";
            return await Record(post, prediction, PostOutcome.BelowThreshold, reason, cancel);
        }

        var (claim, isNew) = await store.ClaimReplyAsync(post.MessageId, post.ThreadId ?? post.ChannelId, NewNonce(), time.GetUtcNow(), cancel);
        if (!isNew && claim.State != ReplyState.Sending)
        {
            log.LogDebug("Post {MessageId} already answered ({State}); skipping", post.MessageId, claim.State);
            return new PostResult(PostOutcome.AlreadyReplied, prediction, null, claim.ReplyMessageId, $"already {claim.State.ToString().ToLowerInvariant()}");
        }

        var earlier = prediction.Vector is null
            ? []
            : (await earlierThreads.FindAsync(post.GuildId, prediction.Topic, prediction.Vector, post.MessageId, ReplyComposer.MaxEarlierThreads, cancel))
                .Select(x => EarlierThreadFinder.ToLink(x.Thread)).ToList();
        var reply = composer.Compose(new ReplyRequest(prediction.Topic, prediction.Confidence, _tone, earlier));

        ulong? sentId;
        try
        {
            // A claim still "sending" after a crash is retried with its original nonce: Discord returns the message it already made.
            sentId = await target.SendAsync(post, reply, prediction, claim.Nonce, cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await store.ReleaseClaimAsync(post.MessageId, CancellationToken.None);
            log.LogError(e, "Sending the reply to post {MessageId} failed", post.MessageId);
            return await Record(post, prediction, PostOutcome.Failed, $"send failed: {e.Message}", cancel);
        }

        // A shadow draft uses up the claim too: one draft per post, and no late public reply if the guild goes live later.
        // Recorded even when the host is stopping: the reply is out, and forgetting that would allow a second one.
        await store.MarkReplySentAsync(post.MessageId, sentId, CancellationToken.None);

        if (prediction.Vector is not null)
            await store.RememberAsync(new RememberedThread(post.MessageId, post.GuildId, post.ChannelId, post.ThreadId,
                prediction.Topic, Title(post.Text), post.At, prediction.Vector), cancel);

        var outcome = target.IsLive ? PostOutcome.Replied : PostOutcome.ShadowDraft;
        var result = await Record(post, prediction, outcome, $"{prediction.Topic} at {prediction.Confidence:F2} (threshold {policy.Threshold:F2})", cancel);
        return result with { Reply = reply, SentMessageId = sentId };
    }

    private async Task NotifyAsync(IModeratorNotifier? moderators, IncomingPost post, Prediction prediction, string phrase, CancellationToken cancel)
    {
        if (moderators is null) return;
        try
        {
            await moderators.RedFlagAsync(post, prediction, phrase, cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The post is still not answered; the warning above is the record of it.
            log.LogError(e, "Could not tell moderators about the red flag in post {MessageId}", post.MessageId);
        }
    }

    private async Task<PostResult> Record(IncomingPost post, Prediction prediction, PostOutcome outcome, string reason, CancellationToken cancel)
    {
        await store.RecordDecisionAsync(new PostDecision(post.MessageId, post.GuildId, post.ChannelId, post.AuthorId,
            prediction.Topic, prediction.Confidence, JsonSerializer.Serialize(prediction.Scores), outcome, reason, time.GetUtcNow()), cancel);
        return new PostResult(outcome, prediction, null, null, reason);
    }

    /// <summary>The first line of the post, short: how an earlier thread is named in a later reply.</summary>
    public static string Title(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length <= 90 ? line : string.Concat(line.AsSpan(0, 89), "…");
    }

    private static string NewNonce() => RandomNumberGenerator.GetHexString(20, lowercase: true);
}
