using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Registry;

namespace MassageForumBot.Classification.Tests.Registry;

public sealed class PromotionRuleTests
{
    private static MetricsSummary Metrics(double macroF1, double replyPrecision, int replies = 50, int glutesSupport = 60) => new()
    {
        Labels = ["glutes-draping", "other"],
        PerClass = [new ClassMetrics("glutes-draping", 0.9, 0.9, 0.9, glutesSupport), new ClassMetrics("other", 0.9, 0.9, 0.9, 40)],
        MacroF1 = macroF1,
        Accuracy = 0.9,
        Confusion = [[1, 0], [0, 1]],
        ReplyThreshold = 0.6,
        ReplyPrecision = replyPrecision,
        ReplyPrecisionAnyTopic = replyPrecision,
        ReplyRecall = 0.8,
        Replies = replies,
        Rows = glutesSupport + 40,
    };

    [Fact]
    public void Precision_below_the_active_cards_bar_is_refused_even_with_a_better_macro_f1()
    {
        var decision = PromotionRule.Decide(Metrics(0.99, 0.94), Metrics(0.90, 0.97), precisionBar: 0.95);

        Assert.False(decision.Promote);
        Assert.Contains("reply precision 0.940 is below the bar 0.950", Assert.Single(decision.Reasons));
    }

    [Fact]
    public void Precision_exactly_at_the_bar_passes()
    {
        Assert.True(PromotionRule.Decide(Metrics(0.90, 0.95), Metrics(0.90, 0.99), 0.95).Promote);
    }

    [Theory]
    [InlineData(0.900, true)]
    [InlineData(0.891, true)]
    [InlineData(0.890, true)]
    [InlineData(0.889, false)]
    [InlineData(0.800, false)]
    public void Macro_f1_may_drop_by_at_most_one_hundredth(double stagedF1, bool promote)
    {
        var decision = PromotionRule.Decide(Metrics(stagedF1, 0.97), Metrics(0.900, 0.97), 0.95);

        Assert.Equal(promote, decision.Promote);
        if (!promote) Assert.StartsWith("macro-F1 0.900 -> ", Assert.Single(decision.Reasons));
    }

    [Fact]
    public void A_model_that_never_replies_is_refused_although_its_precision_is_vacuously_one()
    {
        var decision = PromotionRule.Decide(Metrics(0.90, 1.0, replies: 0), Metrics(0.90, 0.96), 0.95);

        Assert.False(decision.Promote);
        Assert.Contains("answers none of the 60 held-out glutes posts", Assert.Single(decision.Reasons));
    }

    [Fact]
    public void Without_an_active_model_only_the_staged_models_own_bar_applies()
    {
        Assert.True(PromotionRule.Decide(Metrics(0.5, 0.96), null, 0.95).Promote);
        Assert.False(PromotionRule.Decide(Metrics(0.99, 0.90), null, 0.95).Promote);
    }
}
