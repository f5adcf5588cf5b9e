using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Classification.Evaluation;

/// <summary>
/// How well a responder's reply decision did on labelled posts. One definition for the model and the keyword rule:
/// a reply is right when the post is a glutes post and, if the responder names a topic, the topic is the post's label
/// (the keyword rule names none, so any glutes post it answers is right). Precision = right replies / replies;
/// recall = right replies / glutes posts; F1 their harmonic mean.
/// </summary>
public sealed record ReplyFigures(int Rows, int GlutesPosts, int Replies, int RightReplies, int RepliesToGlutesPosts)
{
    public double Precision => Replies == 0 ? 1 : (double)RightReplies / Replies;

    public double Recall => GlutesPosts == 0 ? 0 : (double)RightReplies / GlutesPosts;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Replies that went to a glutes post, whatever topic they named: the reply decision alone, the same reading for
    /// the model and the keyword rule.</summary>
    public double PrecisionAnyTopic => Replies == 0 ? 1 : (double)RepliesToGlutesPosts / Replies;

    /// <summary>Glutes posts that got a reply, whatever topic it named.</summary>
    public double RecallAnyTopic => GlutesPosts == 0 ? 0 : (double)RepliesToGlutesPosts / GlutesPosts;

    public double F1AnyTopic => PrecisionAnyTopic + RecallAnyTopic == 0 ? 0 : 2 * PrecisionAnyTopic * RecallAnyTopic / (PrecisionAnyTopic + RecallAnyTopic);

    /// <summary>The model at a threshold: a reply needs a glutes topic with confidence at or above it.</summary>
    public static ReplyFigures ForModel(IReadOnlyList<ScoredPost> scored, double threshold)
    {
        var policy = new ReplyPolicy(threshold);
        return From(scored.Select(s => (s.Post.Label, policy.ShouldReply(s.Topic, s.Confidence), (string?)s.Topic)));
    }

    /// <summary>The keyword rule of issue 8 on the same posts.</summary>
    public static ReplyFigures ForKeywordRule(IEnumerable<Data.LabelledPost> posts) =>
        From(posts.Select(p => (p.Label, KeywordRule.Replies(p.Text), (string?)null)));

    /// <summary>Each post's true label, whether the responder replied, and the topic it named (null: none).</summary>
    public static ReplyFigures From(IEnumerable<(string Label, bool Replied, string? Topic)> decisions)
    {
        int rows = 0, glutes = 0, replies = 0, right = 0, toGlutes = 0;
        foreach (var (label, replied, topic) in decisions)
        {
            rows++;
            var isGlutes = ReplyPolicy.IsReplyTopic(label);
            if (isGlutes) glutes++;
            if (!replied) continue;
            replies++;
            if (!isGlutes) continue;
            toGlutes++;
            if (topic is null || topic == label) right++;
        }
        return new ReplyFigures(rows, glutes, replies, right, toGlutes);
    }
}
