using System.Text.Json;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Configuration;
using MassageForumBot.Discord.Rest;
using MassageForumBot.Replies;
using MassageForumBot.Storage;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Decisions;

/// <summary>
/// Decides what to do with a thread starter, channel-neutral, in this order: watched or not, opted out, red flags
/// (cheap, before the model), classification, mode (live or shadow), threshold, claim, compose. Every rule lives here
/// once; Discord, the console channel and the `reply` verb only render and send the plan it returns.
/// </summary>
public sealed class DecisionCore
{
    /// <summary>How long an earlier thread's name may be in a later reply.</summary>
    public const int TitleLength = 90;

    private readonly IPolicyStore _policies;
    private readonly IFeedbackStore _optOuts;
    private readonly IRedFlagDetector _redFlags;
    private readonly IPostClassifier _classifier;
    private readonly IPostStore _posts;
    private readonly IThreadMemory _threads;
    private readonly IPrivacyStore _forgotten;
    private readonly EarlierThreadFinder _earlierThreads;
    private readonly ILinkBuilder _links;
    private readonly ReplyComposer _composer;
    private readonly ReplyTone _tone;
    private readonly TimeProvider _time;
    private readonly ILogger<DecisionCore> _log;

    public DecisionCore(
        IPolicyStore policies,
        IFeedbackStore optOuts,
        IRedFlagDetector redFlags,
        IPostClassifier classifier,
        IPostStore posts,
        IThreadMemory threads,
        IPrivacyStore forgotten,
        ILinkBuilder links,
        ReplyComposer composer,
        IOptions<BotOptions> options,
        TimeProvider time,
        ILogger<DecisionCore> log)
    {
        _policies = policies;
        _optOuts = optOuts;
        _redFlags = redFlags;
        _classifier = classifier;
        _posts = posts;
        _threads = threads;
        _forgotten = forgotten;
        _earlierThreads = new EarlierThreadFinder(threads);
        _links = links;
        _composer = composer;
        _tone = ReplyTones.Parse(options.Value.Tone);
        _time = time;
        _log = log;
    }

    /// <summary>Decides and commits: records the decision, and claims the post before a reply or draft is sent.</summary>
    public Task<PostPlan> DecideAsync(IncomingPost post, CancellationToken cancel) => RunAsync(post, commit: true, cancel);

    /// <summary>
    /// The same decision without a claim or any write: for `reply` (the Facebook draft), `why` and the web draft page.
    /// A Reply or DraftToModerators plan from a dry run has no nonce.
    /// </summary>
    public Task<PostPlan> DryRunAsync(IncomingPost post, CancellationToken cancel) => RunAsync(post, commit: false, cancel);

    /// <summary>The plan's reply or draft went out: the claim is spent, the thread remembered, the decision recorded.</summary>
    public async Task RecordSentAsync(PostPlan plan, ulong? sentMessageId, CancellationToken cancel)
    {
        RequireSending(plan);
        var post = plan.Post;
        // Recorded even when the host is stopping: the reply is out, and forgetting that would allow a second one.
        // A shadow draft spends the claim too: one draft per post, and no late public reply if the guild goes live.
        await _posts.MarkReplySentAsync(post.MessageId, sentMessageId, CancellationToken.None);
        // A post deleted meanwhile is not stored (the store checks its tombstone), and then not remembered either.
        var stored = await RecordAsync(plan, plan.Outcome, plan.Reason, CancellationToken.None);
        if (stored && plan.Prediction!.Vector is { } vector)
        {
            await _threads.RememberAsync(new RememberedThread(post.MessageId, post.GuildId, post.ChannelId, post.ThreadId,
                plan.Prediction.Topic, Title(post.Text), post.At, vector)
            {
                WatchedChannelId = post.WatchedChannelId,
                AuthorId = post.AuthorId,
            }, CancellationToken.None);
        }
        BotMetrics.Reply(plan.Kind == PlanKind.Reply, plan.Prediction!.Topic);
    }

    /// <summary>Sending failed: the claim is given up so a redelivery may try again, and the failure is recorded.</summary>
    public async Task RecordFailedAsync(PostPlan plan, Exception error, CancellationToken cancel)
    {
        RequireSending(plan);
        await _posts.ReleaseClaimAsync(plan.Post.MessageId, CancellationToken.None);
        await RecordAsync(plan, PostOutcome.Failed, $"send failed: {error.Message}", cancel);
    }

    private async Task<PostPlan> RunAsync(IncomingPost post, bool commit, CancellationToken cancel)
    {
        // 1. Watched: the policy is resolved once here and travels with the plan.
        var policy = await _policies.ResolveAsync(post.GuildId, cancel);
        if (!policy.Watches(post.WatchedChannelId))
        {
            // Nothing is kept about posts in channels the bot does not watch.
            return PostPlan.Ignore(post, IgnoreReason.NotWatched, "the channel is not watched", policy);
        }

        // 2. Opted out: not classified, and nothing but the fact that it was skipped is kept, so `why` can say so.
        if (await _optOuts.IsOptedOutAsync(post.AuthorId, cancel))
        {
            return await FinishAsync(PostPlan.Ignore(post, IgnoreReason.OptedOut, "the author opted out", policy), commit, cancel);
        }

        if (string.IsNullOrWhiteSpace(post.Text))
        {
            return await FinishAsync(PostPlan.Ignore(post, IgnoreReason.EmptyText, "the post has no text", policy), commit, cancel);
        }

        // 3. Red flags: cheap, and decided before the model so no score can outvote them.
        if (_redFlags.Find(post.Text) is { } phrase)
        {
            var flagged = PostPlan.Ignore(post, IgnoreReason.RedFlag, $"clinical red flag '{phrase}': never auto-answered", policy) with { RedFlag = phrase };
            return await FinishAsync(flagged, commit, cancel);
        }

        // 4. Classification.
        var prediction = _classifier.Classify(post.Text);
        if (commit)
        {
            BotMetrics.PostsClassified.Add(1);
        }

        // 5. Mode: live replies where the post is; shadow drafts go to moderators only.
        var kind = policy.Mode == BotMode.Live ? PlanKind.Reply : PlanKind.DraftToModerators;

        // 6. Threshold: the guild's, applied once.
        if (!ReplyPolicy.IsReplyTopic(prediction.Topic))
        {
            return await FinishAsync(PostPlan.Ignore(post, IgnoreReason.NotRecurringTopic, "not a recurring topic", policy, prediction), commit, cancel);
        }
        if (prediction.Confidence < policy.Threshold)
        {
            var reason = $"confidence {prediction.Confidence:F2} below threshold {policy.Threshold:F2}";
            return await FinishAsync(PostPlan.Ignore(post, IgnoreReason.BelowThreshold, reason, policy, prediction), commit, cancel);
        }

        // 7. Claim, before anything is sent, so a redelivery or a restart cannot reply twice.
        string? nonce = null;
        if (commit)
        {
            var (claim, isNew) = await _posts.ClaimReplyAsync(post.MessageId, post.ReplyChannelId, DiscordRestClient.NewNonce(), _time.GetUtcNow(), cancel);
            if (!isNew && claim.State != ReplyState.Sending)
            {
                _log.LogDebug("Post {MessageId} already answered ({State}); skipping", post.MessageId, claim.State);
                return AlreadyReplied(post, policy, prediction, claim);
            }
            // A claim still "sending" after a crash is retried with its original nonce.
            nonce = claim.Nonce;
        }
        else if (await _posts.GetClaimAsync(post.MessageId, cancel) is { State: not ReplyState.Sending } claim)
        {
            return AlreadyReplied(post, policy, prediction, claim);
        }

        // 8. Compose.
        var earlier = await EarlierThreadsAsync(post, prediction, cancel);
        var reply = _composer.Compose(new ReplyRequest(prediction.Topic, prediction.Confidence, _tone, earlier));
        var why = $"{prediction.Topic} at {prediction.Confidence:F2} (threshold {policy.Threshold:F2})";

        // 9. Still there: a delete handled while this post was being classified wins, and nothing is sent.
        if (commit && await _forgotten.IsForgottenAsync(post.MessageId, post.ChannelId, post.WatchedChannelId, post.GuildId, cancel))
        {
            await _posts.ReleaseClaimAsync(post.MessageId, CancellationToken.None);
            return Deleted(post, policy);
        }
        return new PostPlan(kind, post, why, null, policy, prediction, reply, nonce);
    }

    private PostPlan Deleted(IncomingPost post, EffectivePolicy policy)
    {
        _log.LogDebug("Post {MessageId} was deleted while it was being handled; nothing kept or sent", post.MessageId);
        return PostPlan.Ignore(post, IgnoreReason.Deleted, "the post was deleted", policy);
    }

    private static PostPlan AlreadyReplied(IncomingPost post, EffectivePolicy policy, Prediction prediction, ReplyClaim claim) =>
        PostPlan.Ignore(post, IgnoreReason.AlreadyReplied, $"already {claim.State.ToString().ToLowerInvariant()}", policy, prediction);

    private async Task<IReadOnlyList<EarlierThread>> EarlierThreadsAsync(IncomingPost post, Prediction prediction, CancellationToken cancel)
    {
        if (prediction.Vector is null)
        {
            return [];
        }
        var found = await _earlierThreads.FindAsync(post.GuildId, prediction.Topic, prediction.Vector, post.MessageId, ReplyComposer.MaxEarlierThreads, cancel);
        var linked = new List<EarlierThread>(found.Count);
        foreach (var (thread, _) in found)
        {
            if (_links.PostLink(thread.GuildId, thread.ThreadId ?? thread.ChannelId, thread.MessageId) is { } link)
            {
                linked.Add(new EarlierThread(link, thread.At, thread.Title));
            }
        }
        return linked;
    }

    private async Task<PostPlan> FinishAsync(PostPlan plan, bool commit, CancellationToken cancel)
    {
        if (commit && !await RecordAsync(plan, plan.Outcome, plan.Reason, cancel))
        {
            // Refused by a tombstone: the post was deleted meanwhile, so no red-flag notice quotes it either.
            return Deleted(plan.Post, plan.Policy!);
        }
        return plan;
    }

    /// <summary>Stores the decision; false when the store refused it because the post was deleted meanwhile.</summary>
    private Task<bool> RecordAsync(PostPlan plan, PostOutcome outcome, string reason, CancellationToken cancel)
    {
        var post = plan.Post;
        var prediction = plan.Prediction;
        // An opted-out member's post keeps no author: only that a post was skipped, so `why` can say so.
        var author = outcome == PostOutcome.OptedOut ? 0 : post.AuthorId;
        return _posts.RecordDecisionAsync(new PostDecision(post.MessageId, post.GuildId, post.ChannelId, author,
            prediction?.Topic ?? "", prediction?.Confidence ?? 0, prediction is null ? "{}" : JsonSerializer.Serialize(prediction.Scores),
            outcome, reason, _time.GetUtcNow())
        {
            // Only answered posts keep their first words, for the web console's review page.
            Excerpt = outcome is PostOutcome.Replied or PostOutcome.ShadowDraft ? PostDecision.ExcerptOf(post.Text) : null,
            WatchedChannelId = post.WatchedChannelId,
        }, cancel);
    }

    private static void RequireSending(PostPlan plan)
    {
        if (!plan.Sends || plan.Nonce is null)
        {
            throw new ArgumentException("Only a committed Reply or DraftToModerators plan is sent.", nameof(plan));
        }
    }

    /// <summary>The first line of the post, short: how an earlier thread is named in a later reply.</summary>
    public static string Title(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return SafeText.Truncate(line, TitleLength);
    }
}
