using MassageForumBot.Classification.Features;

namespace MassageForumBot.Classification.Tests.Features;

public sealed class ScoreCombinerTests
{
    private static readonly string[] Labels = ["glutes-draping", "glutes-lowback", "glutes-routine", "other"];

    [Fact]
    public void Without_passages_the_whole_text_decides()
    {
        float[] whole = [0.1f, 0.1f, 0.2f, 0.6f];

        Assert.Same(whole, ScoreCombiner.Combine(Labels, whole, []));
    }

    [Fact]
    public void A_passage_that_is_about_a_glutes_topic_and_surer_than_the_whole_wins()
    {
        float[] whole = [0.05f, 0.05f, 0.2f, 0.7f];
        float[] story = [0.0f, 0.0f, 0.1f, 0.9f];
        float[] question = [0.05f, 0.05f, 0.8f, 0.1f];

        Assert.Same(question, ScoreCombiner.Combine(Labels, whole, [story, question]));
    }

    [Fact]
    public void A_passage_whose_most_likely_label_is_other_changes_nothing_even_with_a_higher_glutes_score()
    {
        // "glutes" in passing: the passage leans to other, so its 0.45 for routine does not beat the whole text.
        float[] whole = [0.05f, 0.05f, 0.3f, 0.6f];
        float[] passing = [0.0f, 0.0f, 0.45f, 0.55f];

        Assert.Same(whole, ScoreCombiner.Combine(Labels, whole, [passing]));
    }

    [Fact]
    public void A_glutes_passage_less_sure_than_the_whole_text_changes_nothing()
    {
        float[] whole = [0.9f, 0.05f, 0.05f, 0.0f];
        float[] weaker = [0.1f, 0.6f, 0.1f, 0.2f];

        Assert.Same(whole, ScoreCombiner.Combine(Labels, whole, [weaker]));
    }
}
