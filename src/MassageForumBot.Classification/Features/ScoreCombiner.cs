using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Classification.Features;

/// <summary>How a score vector becomes a topic and a confidence.</summary>
public enum ReplyScore
{
    /// <summary>The most likely label and its probability.</summary>
    TopLabel,

    /// <summary>Whether the post is a glutes thread at all: confidence is the summed probability of the glutes topics
    /// (1 - P(other)) and the topic is the likeliest glutes topic when that sum reaches one half; else other.</summary>
    AnyGlutesTopic,
}

/// <summary>
/// Turns scores into a topic and confidence, and joins the scores of a whole post and of its passages. A passage wins
/// only when it is itself about a glutes topic (by the same decision) and surer of it than the whole text is: a glute
/// word in passing inside an unrelated passage does not make the passage about glutes, so it changes nothing.
/// </summary>
public static class ScoreCombiner
{
    public static float[] Combine(IReadOnlyList<string> labels, float[] whole, IReadOnlyList<float[]> passages, ReplyScore mode = ReplyScore.TopLabel)
    {
        var best = whole;
        var bestGlutes = GlutesScore(labels, whole, mode);
        foreach (var passage in passages)
        {
            var (topic, confidence) = Decide(labels, passage, mode);
            if (!ReplyPolicy.IsReplyTopic(labels[topic])) continue;
            if (confidence > bestGlutes)
            {
                best = passage;
                bestGlutes = confidence;
            }
        }
        return best;
    }

    /// <summary>The topic (index into labels) and the confidence a reply is decided on.</summary>
    public static (int Topic, float Confidence) Decide(IReadOnlyList<string> labels, float[] scores, ReplyScore mode)
    {
        if (mode == ReplyScore.TopLabel)
        {
            var top = ArgMax(scores);
            return (top, scores[top]);
        }
        var other = -1;
        var bestGlutes = -1;
        var mass = 0f;
        for (var i = 0; i < scores.Length; i++)
        {
            if (!ReplyPolicy.IsReplyTopic(labels[i])) { other = i; continue; }
            mass += scores[i];
            if (bestGlutes < 0 || scores[i] > scores[bestGlutes]) bestGlutes = i;
        }
        if (other < 0) return (bestGlutes, mass);
        if (bestGlutes < 0) return (other, scores[other]);
        return mass >= 0.5f ? (bestGlutes, mass) : (other, scores[other]);
    }

    public static int ArgMax(float[] scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
            if (scores[i] > scores[best]) best = i;
        return best;
    }

    private static float GlutesScore(IReadOnlyList<string> labels, float[] scores, ReplyScore mode)
    {
        if (mode == ReplyScore.AnyGlutesTopic)
        {
            var (topic, confidence) = Decide(labels, scores, mode);
            return ReplyPolicy.IsReplyTopic(labels[topic]) ? confidence : 1f - confidence;
        }
        var best = 0f;
        for (var i = 0; i < scores.Length; i++)
            if (ReplyPolicy.IsReplyTopic(labels[i]) && scores[i] > best) best = scores[i];
        return best;
    }
}
