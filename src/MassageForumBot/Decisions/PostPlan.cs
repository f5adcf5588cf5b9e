using MassageForumBot.Classification.Inference;
using MassageForumBot.Replies;
using MassageForumBot.Storage;

namespace MassageForumBot.Decisions;

/// <summary>What to do with a post. Channels only render and send plans; they never decide.</summary>
public enum PlanKind
{
    /// <summary>Reply where the post is (live mode).</summary>
    Reply,

    /// <summary>Show the reply to moderators only (shadow mode).</summary>
    DraftToModerators,

    /// <summary>Do not answer; <see cref="PostPlan.Ignored"/> says why.</summary>
    Ignore,
}

/// <summary>Why a post is not answered, in the order the decision core checks.</summary>
public enum IgnoreReason
{
    NotWatched,
    OptedOut,
    EmptyText,
    RedFlag,
    NotRecurringTopic,
    BelowThreshold,
    AlreadyReplied,

    /// <summary>The post, its thread, channel or guild was deleted while it was being handled.</summary>
    Deleted,
}

/// <summary>
/// The decision core's answer for one post. A Reply or DraftToModerators plan carries the composed reply and the nonce
/// of its claim (the same nonce on a retried send, so Discord returns the message it already made). An Ignore plan
/// carries the reason, and the red-flag phrase when moderators should be told.
/// </summary>
public sealed record PostPlan(
    PlanKind Kind,
    IncomingPost Post,
    string Reason,
    IgnoreReason? Ignored = null,
    EffectivePolicy? Policy = null,
    Prediction? Prediction = null,
    ComposedReply? Reply = null,
    string? Nonce = null,
    string? RedFlag = null)
{
    public bool Sends => Kind != PlanKind.Ignore;

    /// <summary>How the decision is stored for `why`, `status` and `review`.</summary>
    public PostOutcome Outcome => Kind switch
    {
        PlanKind.Reply => PostOutcome.Replied,
        PlanKind.DraftToModerators => PostOutcome.ShadowDraft,
        _ => Ignored switch
        {
            IgnoreReason.NotWatched => PostOutcome.ChannelNotWatched,
            IgnoreReason.OptedOut => PostOutcome.OptedOut,
            IgnoreReason.EmptyText => PostOutcome.EmptyContent,
            IgnoreReason.RedFlag => PostOutcome.RedFlag,
            IgnoreReason.AlreadyReplied => PostOutcome.AlreadyReplied,
            IgnoreReason.Deleted => PostOutcome.Deleted,
            _ => PostOutcome.BelowThreshold,
        },
    };

    public static PostPlan Ignore(IncomingPost post, IgnoreReason why, string reason, EffectivePolicy? policy = null, Prediction? prediction = null) =>
        new(PlanKind.Ignore, post, reason, why, policy, prediction);
}
