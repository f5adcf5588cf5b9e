using MassageForumBot.Classification.Evaluation;
using static MassageForumBot.Classification.Tests.Support.Rows;

namespace MassageForumBot.Classification.Tests.Evaluation;

public sealed class MetricsCalculatorTests
{
    private const string D = "glutes-draping";
    private const string L = "glutes-lowback";
    private const string O = "other";
    private static readonly string[] Labels = [D, L, O];
    private const int Precision = 10;

    private static int _next;

    private static ScoredPost S(string truth, string predicted, double confidence) =>
        new(Post($"p{Interlocked.Increment(ref _next)}", truth), predicted, confidence);

    /// <summary>
    /// Ten posts, worked by hand (rows = truth, columns = prediction, order draping, lowback, other):
    ///   draping [3 1 0]   lowback [0 1 2]   other [2 0 1]
    /// draping P 3/5 R 3/4 F1 2/3; lowback P 1/2 R 1/3 F1 2/5; other P 1/3 R 1/3 F1 1/3; macro-F1 1.4/3; accuracy 5/10.
    /// At threshold 0.7 the bot replies to 5 posts (0.9 d, 0.8 d, 0.75 l-for-d, 0.7 l, 0.85 d-for-other): 3 right topic,
    /// 4 on a recurring topic; 7 posts are recurring topics, so reply recall is 3/7.
    /// </summary>
    private static List<ScoredPost> HandMade() =>
    [
        S(D, D, 0.90), S(D, D, 0.80), S(D, D, 0.60), S(D, L, 0.75),
        S(L, L, 0.70), S(L, O, 0.99), S(L, O, 0.50),
        S(O, O, 0.95), S(O, D, 0.85), S(O, D, 0.40),
    ];

    [Fact]
    public void Confusion_matrix_counts_truth_by_prediction_in_label_order()
    {
        var m = MetricsCalculator.Compute(HandMade(), Labels, 0.7);

        Assert.Equal(Labels, m.Labels);
        Assert.Equal([3, 1, 0], m.Confusion[0]);
        Assert.Equal([0, 1, 2], m.Confusion[1]);
        Assert.Equal([2, 0, 1], m.Confusion[2]);
    }

    [Fact]
    public void Per_class_precision_recall_f1_and_support_match_the_hand_computation()
    {
        var m = MetricsCalculator.Compute(HandMade(), Labels, 0.7);

        Assert.Equal([D, L, O], m.PerClass.Select(c => c.Label));
        Assert.Equal([4, 3, 3], m.PerClass.Select(c => c.Support));
        Assert.Equal(3.0 / 5, m.PerClass[0].Precision, Precision);
        Assert.Equal(3.0 / 4, m.PerClass[0].Recall, Precision);
        Assert.Equal(2.0 / 3, m.PerClass[0].F1, Precision);
        Assert.Equal(1.0 / 2, m.PerClass[1].Precision, Precision);
        Assert.Equal(1.0 / 3, m.PerClass[1].Recall, Precision);
        Assert.Equal(2.0 / 5, m.PerClass[1].F1, Precision);
        Assert.Equal(1.0 / 3, m.PerClass[2].Precision, Precision);
        Assert.Equal(1.0 / 3, m.PerClass[2].Recall, Precision);
        Assert.Equal(1.0 / 3, m.PerClass[2].F1, Precision);
    }

    [Fact]
    public void Macro_f1_and_accuracy_match_the_hand_computation()
    {
        var m = MetricsCalculator.Compute(HandMade(), Labels, 0.7);

        Assert.Equal(1.4 / 3, m.MacroF1, Precision);
        Assert.Equal(0.5, m.Accuracy, Precision);
        Assert.Equal(10, m.Rows);
    }

    [Fact]
    public void Reply_figures_count_only_confident_recurring_topic_predictions_with_the_threshold_inclusive()
    {
        var m = MetricsCalculator.Compute(HandMade(), Labels, 0.7);

        Assert.Equal(0.7, m.ReplyThreshold);
        Assert.Equal(5, m.Replies);
        Assert.Equal(3.0 / 5, m.ReplyPrecision, Precision);
        Assert.Equal(4.0 / 5, m.ReplyPrecisionAnyTopic, Precision);
        Assert.Equal(3.0 / 7, m.ReplyRecall, Precision);
    }

    [Fact]
    public void A_higher_threshold_drops_the_less_confident_replies()
    {
        // At 0.86 only 0.9 (right) remains: the 0.99 and 0.95 predictions are "other" and never reply.
        var m = MetricsCalculator.Compute(HandMade(), Labels, 0.86);

        Assert.Equal(1, m.Replies);
        Assert.Equal(1.0, m.ReplyPrecision);
        Assert.Equal(1.0 / 7, m.ReplyRecall, Precision);
        // Threshold-free figures do not move.
        Assert.Equal(1.4 / 3, m.MacroF1, Precision);
    }

    [Fact]
    public void With_no_replies_precision_is_one_and_recall_zero()
    {
        var m = MetricsCalculator.Compute([S(D, O, 0.9), S(L, D, 0.3)], Labels, 0.5);

        Assert.Equal(0, m.Replies);
        Assert.Equal(1.0, m.ReplyPrecision);
        Assert.Equal(1.0, m.ReplyPrecisionAnyTopic);
        Assert.Equal(0.0, m.ReplyRecall);
    }

    [Fact]
    public void A_label_never_predicted_and_never_true_scores_zero_and_pulls_macro_f1_down()
    {
        var m = MetricsCalculator.Compute([S(D, D, 0.9), S(O, O, 0.9)], Labels, 0.5);

        Assert.Equal(new[] { 1.0, 0.0, 1.0 }, m.PerClass.Select(c => c.F1));
        Assert.Equal(2.0 / 3, m.MacroF1, Precision);
        Assert.Equal(1.0, m.Accuracy);
    }

    [Fact]
    public void Cross_validation_summary_gives_mean_and_sample_standard_deviation()
    {
        static MetricsSummary WithF1(double f1, double acc) => MetricsCalculator.Compute([], Labels, 0.5) with { MacroF1 = f1, Accuracy = acc };

        var cv = CrossValidationSummary.From([WithF1(0.6, 0.7), WithF1(0.8, 0.9), WithF1(1.0, 0.8)]);

        Assert.Equal(3, cv.Folds);
        Assert.Equal([0.6, 0.8, 1.0], cv.FoldMacroF1);
        Assert.Equal(0.8, cv.MacroF1Mean, Precision);
        Assert.Equal(0.2, cv.MacroF1StdDev, Precision);
        Assert.Equal(0.8, cv.AccuracyMean, Precision);
        Assert.Equal(0.1, cv.AccuracyStdDev, Precision);
    }

    [Fact]
    public void Tables_render_the_figures_and_the_confusion_rows()
    {
        var m = MetricsCalculator.Compute(HandMade(), Labels, 0.7);

        var side = MetricsTable.SideBySide(m, m);
        var confusion = MetricsTable.Confusion(m);

        Assert.Contains("| glutes-draping | 4 | 0.600 | 0.750 | 0.667 |", side);
        Assert.Contains("| **macro-F1** | 10 | | | **0.467** |", side);
        Assert.Contains("| replies / rows | | | | 5 / 10 |", side);
        Assert.Contains("| true \\ predicted | glutes-draping | glutes-lowback | other |", confusion);
        Assert.Contains("| glutes-lowback | 0 | 1 | 2 |", confusion);
    }
}
