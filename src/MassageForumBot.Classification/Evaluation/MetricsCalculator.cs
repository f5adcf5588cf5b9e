using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Classification.Evaluation;

/// <summary>Per-class precision/recall/F1, macro-F1, accuracy, confusion matrix and reply figures from scored posts.</summary>
public static class MetricsCalculator
{
    public static MetricsSummary Compute(IReadOnlyList<ScoredPost> scored, IReadOnlyList<string> labels, double threshold)
    {
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var confusion = labels.Select(_ => new int[labels.Count]).ToArray();
        foreach (var s in scored)
            if (index.TryGetValue(s.Post.Label, out var truth) && index.TryGetValue(s.Topic, out var predicted))
                confusion[truth][predicted]++;

        var perClass = new List<ClassMetrics>();
        for (var c = 0; c < labels.Count; c++)
        {
            var tp = confusion[c][c];
            var predictedCount = confusion.Sum(row => row[c]);
            var support = confusion[c].Sum();
            var precision = predictedCount == 0 ? 0 : (double)tp / predictedCount;
            var recall = support == 0 ? 0 : (double)tp / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(labels[c], precision, recall, f1, support));
        }

        var policy = new ReplyPolicy(threshold);
        var replies = scored.Where(s => policy.ShouldReply(s.Topic, s.Confidence)).ToList();
        var correctReplies = replies.Count(s => s.Topic == s.Post.Label);
        var recurring = scored.Count(s => ReplyPolicy.IsReplyTopic(s.Post.Label));

        return new MetricsSummary
        {
            Labels = labels,
            PerClass = perClass,
            MacroF1 = perClass.Average(p => p.F1),
            Accuracy = scored.Count == 0 ? 0 : (double)scored.Count(s => s.Topic == s.Post.Label) / scored.Count,
            Confusion = confusion,
            ReplyThreshold = threshold,
            ReplyPrecision = replies.Count == 0 ? 1 : (double)correctReplies / replies.Count,
            ReplyPrecisionAnyTopic = replies.Count == 0 ? 1 : (double)replies.Count(s => ReplyPolicy.IsReplyTopic(s.Post.Label)) / replies.Count,
            ReplyRecall = recurring == 0 ? 0 : (double)correctReplies / recurring,
            Replies = replies.Count,
            Rows = scored.Count,
        };
    }
}
