using MassageForumBot.Classification.Evaluation;
using static MassageForumBot.Classification.Tests.Support.Rows;

namespace MassageForumBot.Classification.Tests.Evaluation;

public sealed class ThresholdCalibratorTests
{
    private const string D = "glutes-draping";
    private const string R = "glutes-routine";

    private static int _next;

    /// <summary>A post the model gave topic <paramref name="topic"/> with the given confidence; right means the truth is that topic.</summary>
    private static ScoredPost S(double confidence, bool right, string topic = D) =>
        new(Post($"t{Interlocked.Increment(ref _next)}", right ? topic : (topic == D ? R : D)), topic, confidence);

    [Fact]
    public void Picks_the_lowest_threshold_whose_replies_reach_the_target_even_after_a_dip()
    {
        // Precision walking down: .99 1/1, .95 2/2, .90 3/3, .85 3/4, .80 4/5, .75 5/6, .70 5/7, .65 5/8, .60 6/9.
        // With target 0.8 the cuts at .99, .95, .90, .80 and .75 qualify; the lowest is .75.
        var scored = new[]
        {
            S(0.60, true), S(0.99, true), S(0.70, false), S(0.95, true), S(0.85, false),
            S(0.90, true), S(0.65, false), S(0.80, true), S(0.75, true),
        };

        Assert.Equal(0.75, ThresholdCalibrator.Calibrate(scored, 0.8));
    }

    [Fact]
    public void Posts_predicted_as_other_are_not_replies_and_do_not_count()
    {
        var scored = new List<ScoredPost>
        {
            S(0.9, true), S(0.8, true),
            // A confident wrong "other" would ruin precision if it were counted as a reply.
            new(Post("o1", D), "other", 0.97),
            new(Post("o2", R), "other", 0.6),
        };

        Assert.Equal(0.8, ThresholdCalibrator.Calibrate(scored, 0.95));
    }

    [Fact]
    public void Never_returns_less_than_one_half()
    {
        var scored = new[] { S(0.45, true), S(0.30, true), S(0.20, true, R) };

        Assert.Equal(0.5, ThresholdCalibrator.Calibrate(scored));
    }

    [Fact]
    public void Returns_one_when_no_cut_reaches_the_target()
    {
        var scored = new[] { S(0.9, false), S(0.8, true), S(0.7, false) };

        Assert.Equal(1.0, ThresholdCalibrator.Calibrate(scored, 0.95));
    }

    [Fact]
    public void Returns_one_for_no_candidates()
    {
        Assert.Equal(1.0, ThresholdCalibrator.Calibrate([]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Tied_confidences_are_taken_together_whatever_their_order(bool rightOneFirst)
    {
        // Three right at 0.9, then three at 0.8 of which one is right. A threshold of 0.8 lets all three through:
        // 4/6 < 0.75. Cutting inside the tie (after the right one) would wrongly report 4/4.
        var tie = rightOneFirst
            ? new[] { S(0.8, true), S(0.8, false), S(0.8, false) }
            : [S(0.8, false), S(0.8, false), S(0.8, true)];
        var scored = new[] { S(0.9, true), S(0.9, true), S(0.9, true) }.Concat(tie).ToList();

        Assert.Equal(0.9, ThresholdCalibrator.Calibrate(scored, 0.75));
    }

    [Fact]
    public void A_tie_that_reaches_the_target_as_a_whole_is_accepted()
    {
        var scored = new[] { S(0.9, true), S(0.7, true), S(0.7, true), S(0.7, true), S(0.7, false) };

        // At 0.7: 4/5 = 0.8.
        Assert.Equal(0.7, ThresholdCalibrator.Calibrate(scored, 0.8));
    }

    [Fact]
    public void The_threshold_is_rounded_to_four_decimals()
    {
        Assert.Equal(0.8765, ThresholdCalibrator.Calibrate([S(0.876543, true)]));
    }

    [Fact]
    public void The_default_target_is_095()
    {
        // 19 right and 1 wrong at the bottom: precision 0.95 exactly at 0.6, so the default target accepts 0.6.
        var scored = Enumerable.Range(0, 19).Select(i => S(0.99 - i * 0.01, true)).Append(S(0.6, false)).ToList();

        Assert.Equal(0.6, ThresholdCalibrator.Calibrate(scored));
        Assert.Equal(0.81, ThresholdCalibrator.Calibrate(scored, 1.0));
    }

    [Fact]
    public void A_reachable_precision_target_keeps_the_precision_rule()
    {
        // Nine glutes posts: the cut at .75 reaches precision 5/6 with recall 5/9, above the 0.5 floor.
        var scored = new[]
        {
            S(0.60, true), S(0.99, true), S(0.70, false), S(0.95, true), S(0.85, false),
            S(0.90, true), S(0.65, false), S(0.80, true), S(0.75, true),
        };

        var (threshold, rule) = ThresholdCalibrator.CalibrateOrBestF1(scored, 0.8, minimumRecall: 0.5);

        Assert.Equal(0.75, threshold);
        Assert.Contains("reached 0.80 precision", rule);
    }

    [Fact]
    public void An_out_of_reach_precision_target_falls_back_to_the_best_f1_threshold()
    {
        // Nine glutes posts. Only the top reply reaches 0.95 (recall 1/9); the best F1 cut is .75 (5 right of 6: F1 .667).
        var scored = new[]
        {
            S(0.60, false), S(0.99, true), S(0.70, false), S(0.95, false), S(0.85, true),
            S(0.90, true), S(0.65, false), S(0.80, true), S(0.75, true),
        };

        var (threshold, rule) = ThresholdCalibrator.CalibrateOrBestF1(scored, 0.95, minimumRecall: 0.5);

        Assert.Equal(0.99, ThresholdCalibrator.Calibrate(scored, 0.95));
        Assert.Equal(0.75, threshold);
        Assert.Equal(0.75, ThresholdCalibrator.BestF1(scored));
        Assert.Contains("out of reach", rule);
    }
}
