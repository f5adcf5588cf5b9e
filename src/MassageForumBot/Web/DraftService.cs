using MassageForumBot.Decisions;

namespace MassageForumBot.Web;

/// <summary>What the bot would do with a pasted post, and the reply to paste back by hand.</summary>
public sealed record DraftVerdict(string Topic, double Confidence, double Threshold, bool WouldReply, string Why, string? Draft);

/// <summary>
/// The Facebook assisted mode: the decision core's dry run over a pasted post (no claim, nothing stored), as the
/// console channel's guild (0), which carries the operator's configured mode and threshold. Links that would point at
/// this machine are left out of the draft.
/// </summary>
public sealed class DraftService(DecisionCore core, WebOptions web, TimeProvider time)
{
    /// <summary>Longer posts are cut here: Facebook posts are short, and the page must not classify a novel.</summary>
    public const int MaxPostLength = 20_000;

    public async Task<DraftVerdict> JudgeAsync(string post, CancellationToken cancel)
    {
        if (post.Length > MaxPostLength) post = post[..MaxPostLength];
        var plan = await core.DryRunAsync(new IncomingPost(0, 0, 0, null, 0, post, time.GetUtcNow(), 0), cancel);
        var threshold = plan.Policy?.Threshold ?? 0;
        var why = plan.Sends
            ? $"a recurring topic at {Pages.PageLayout.Percent(plan.Prediction!.Confidence)}, at or above the reply threshold {Pages.PageLayout.Percent(threshold)}"
            : plan.Ignored switch
            {
                IgnoreReason.RedFlag => $"the post mentions '{plan.RedFlag}', a clinical red flag: the bot never answers these, a person should respond",
                IgnoreReason.NotRecurringTopic => "not one of the recurring topics",
                IgnoreReason.BelowThreshold => $"confidence {Pages.PageLayout.Percent(plan.Prediction!.Confidence)} is below the reply threshold {Pages.PageLayout.Percent(threshold)}",
                _ => plan.Reason,
            };
        return new DraftVerdict(plan.Prediction?.Topic ?? "(not classified)", plan.Prediction?.Confidence ?? 0, threshold, plan.Sends, why,
            plan.Sends ? LocalLinks.Strip(plan.Reply!.PlainText, web.ListenUrl) : null);
    }
}
