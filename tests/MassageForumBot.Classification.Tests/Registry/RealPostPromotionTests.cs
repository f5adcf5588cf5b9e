using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Registry;

namespace MassageForumBot.Classification.Tests.Registry;

public sealed class RealPostPromotionTests
{
    private static readonly MetricsSummary Synthetic = new()
    {
        Labels = ["glutes-draping", "other"],
        PerClass = [new ClassMetrics("glutes-draping", 0.9, 0.9, 0.9, 60), new ClassMetrics("other", 0.9, 0.9, 0.9, 40)],
        MacroF1 = 0.9,
        Accuracy = 0.9,
        Confusion = [[1, 0], [0, 1]],
        ReplyThreshold = 0.6,
        ReplyPrecision = 0.97,
        ReplyPrecisionAnyTopic = 0.97,
        ReplyRecall = 0.8,
        Replies = 50,
        Rows = 100,
    };

    // 100 glutes posts among 300; "right" right replies out of "replies" (fold-calibrated figures).
    private static RealPostFigures Real(int replies, int right) => new()
    {
        Rows = 300,
        Sites = 250,
        Model = new ReplyFigures(300, 100, replies, right, right),
        ModelCrossCalibrated = new ReplyFigures(300, 100, replies, right, right),
        KeywordRule = new ReplyFigures(300, 100, 150, 90, 90),
        MacroF1 = 0.7,
        Predictions = [],
    };

    [Fact]
    public void A_candidate_worse_on_real_posts_is_refused_even_when_the_written_posts_look_the_same()
    {
        var decision = PromotionRule.Decide(Synthetic, Synthetic, 0.95, stagedReal: Real(60, 50), activeReal: Real(70, 65));

        Assert.False(decision.Promote);
        var reason = Assert.Single(decision.Reasons);
        Assert.Contains("real posts from unseen sites: reply F1 0.765 -> 0.625", reason);
        Assert.Contains("worse on real posts", reason);
    }

    [Fact]
    public void A_candidate_as_good_or_better_on_real_posts_passes()
    {
        Assert.True(PromotionRule.Decide(Synthetic, Synthetic, 0.95, Real(70, 65), Real(70, 65)).Promote);
        Assert.True(PromotionRule.Decide(Synthetic, Synthetic, 0.95, Real(80, 75), Real(70, 65)).Promote);
    }

    [Fact]
    public void A_candidate_without_real_figures_cannot_replace_a_model_that_has_them()
    {
        var decision = PromotionRule.Decide(Synthetic, Synthetic, 0.95, stagedReal: null, activeReal: Real(70, 65));

        Assert.False(decision.Promote);
        Assert.Contains("no real-post figures", Assert.Single(decision.Reasons));
    }

    [Fact]
    public void Real_figures_against_an_active_model_without_them_are_noted_and_pass()
    {
        var decision = PromotionRule.Decide(Synthetic, Synthetic, 0.95, stagedReal: Real(70, 65), activeReal: null);

        Assert.True(decision.Promote);
        Assert.Contains(decision.Checks, c => c.Passed && c.Description.Contains("the active model has no real-post figures", StringComparison.Ordinal));
    }
}
