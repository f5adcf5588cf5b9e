using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Classification.Features;

/// <summary>
/// Joins the scores of a whole post and of its passages into one score vector. A passage wins only when it is itself
/// about a glutes topic (its most likely label) and more sure of that topic than the whole text is of any glutes topic:
/// a glute word in passing inside an unrelated passage does not make the passage about glutes, so it changes nothing.
/// </summary>
public static class ScoreCombiner
{
    public static float[] Combine(IReadOnlyList<string> labels, float[] whole, IReadOnlyList<float[]> passages)
    {
        var best = whole;
        var bestGlutes = BestReplyTopicScore(labels, whole);
        foreach (var passage in passages)
        {
            var top = ArgMax(passage);
            if (!ReplyPolicy.IsReplyTopic(labels[top])) continue;
            if (passage[top] > bestGlutes)
            {
                best = passage;
                bestGlutes = passage[top];
            }
        }
        return best;
    }

    public static int ArgMax(float[] scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
            if (scores[i] > scores[best]) best = i;
        return best;
    }

    private static float BestReplyTopicScore(IReadOnlyList<string> labels, float[] scores)
    {
        var best = 0f;
        for (var i = 0; i < scores.Length; i++)
            if (ReplyPolicy.IsReplyTopic(labels[i]) && scores[i] > best) best = scores[i];
        return best;
    }
}
