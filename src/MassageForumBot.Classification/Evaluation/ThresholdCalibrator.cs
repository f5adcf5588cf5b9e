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

    /// <summary>
    /// The precision rule above, unless it leaves the bot nearly silent: when the lowest threshold that reaches the target
    /// answers fewer than <paramref name="minimumRecall"/> of the glutes posts, the target is out of reach for this model on
    /// these posts, and the threshold that gives the highest reply F1 (right topic) is used instead. Says which rule applied.
    /// </summary>
    public static (double Threshold, string Rule) CalibrateOrBestF1(IReadOnlyList<ScoredPost> heldOut, double precisionTarget, double minimumRecall)
    {
        var threshold = Calibrate(heldOut, precisionTarget);
        var figures = ReplyFigures.ForModel(heldOut, threshold);
        if (figures.Recall >= minimumRecall)
            return (threshold, $"the lowest confidence at which replies reached {precisionTarget:0.00} precision (right topic)");
        var best = BestF1(heldOut);
        return (best, $"the confidence with the highest reply F1 (right topic): the {precisionTarget:0.00} precision target left recall at {figures.Recall:0.000}, below {minimumRecall:0.00}, so it is out of reach");
    }

    /// <summary>The threshold (at least one half) at which replies have the highest F1, right topic required.</summary>
    public static double BestF1(IReadOnlyList<ScoredPost> heldOut)
    {
        var glutes = heldOut.Count(s => ReplyPolicy.IsReplyTopic(s.Post.Label));
        var candidates = heldOut.Where(s => ReplyPolicy.IsReplyTopic(s.Topic)).OrderByDescending(s => s.Confidence).ToList();
        double best = 1.0, bestF1 = -1;
        var correct = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Topic == candidates[i].Post.Label) correct++;
            var isLastOfTie = i == candidates.Count - 1 || candidates[i + 1].Confidence < candidates[i].Confidence;
            if (!isLastOfTie || candidates[i].Confidence < 0.5) continue;
            var precision = (double)correct / (i + 1);
            var recall = glutes == 0 ? 0 : (double)correct / glutes;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            if (f1 > bestF1)
            {
                bestF1 = f1;
                best = candidates[i].Confidence;
            }
        }
        return Math.Round(Math.Max(best, 0.5), 4);
    }
}
