using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Classification.Evaluation;

/// <summary>
/// Picks the lowest reply threshold whose replies on held-out posts reach the precision target, counting a reply
/// as right only when it names the true topic. Lowest, so the bot answers as many members as the bar allows.
/// </summary>
public static class ThresholdCalibrator
{
    public const double DefaultPrecisionTarget = 0.95;

    public static double Calibrate(IReadOnlyList<ScoredPost> heldOut, double precisionTarget = DefaultPrecisionTarget)
    {
        var candidates = heldOut.Where(s => ReplyPolicy.IsReplyTopic(s.Topic)).OrderByDescending(s => s.Confidence).ToList();
        // Walk from the most confident down; precision at each cut is the share of right topics among those above it.
        var best = 1.0;
        var correct = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Topic == candidates[i].Post.Label) correct++;
            var isLastOfTie = i == candidates.Count - 1 || candidates[i + 1].Confidence < candidates[i].Confidence;
            if (isLastOfTie && (double)correct / (i + 1) >= precisionTarget)
                best = candidates[i].Confidence;
        }
        // Never below a plain majority: a reply needs the model to lean clearly towards one topic.
        return Math.Round(Math.Max(best, 0.5), 4);
    }
}
