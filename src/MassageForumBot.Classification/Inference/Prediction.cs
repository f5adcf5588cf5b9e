namespace MassageForumBot.Classification.Inference;

/// <summary>The classifier's judgement of one post. <see cref="Scores"/> holds a probability for every label.
/// <see cref="Vector"/> is the sentence vector the model saw (null for n-gram-only models), reused to find similar earlier threads.</summary>
public sealed record Prediction(string Topic, double Confidence, bool Reply, IReadOnlyDictionary<string, double> Scores, float[]? Vector = null);

/// <summary>Which predictions earn a reply: a recurring topic (any label but <see cref="NoReplyLabel"/>) with enough confidence.</summary>
public sealed record ReplyPolicy(double Threshold)
{
    /// <summary>The catch-all label; every other label is a recurring topic the bot answers.</summary>
    public const string NoReplyLabel = "other";

    public static bool IsReplyTopic(string topic) => !string.Equals(topic, NoReplyLabel, StringComparison.Ordinal);

    public bool ShouldReply(string topic, double confidence) => IsReplyTopic(topic) && confidence >= Threshold;
}
