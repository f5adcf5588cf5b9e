using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Tests.Support;
using MassageForumBot.Classification.Training;
using Microsoft.ML;

namespace MassageForumBot.Classification.Tests.Training;

/// <summary>Trains the small written dataset plus 40 real posts from 6 sites once (n-grams, no encoder).</summary>
public sealed class SmallRealModelFixture
{
    public SmallRealModelFixture()
    {
        Rows = Support.Rows.SmallDataset().Concat(Support.Rows.SmallRealDataset()).ToList();
        Result = new TrainingRun(new MLContext(seed: 1), embedder: null, TextWriter.Null).Run(Rows, SmallModelFixture.Spec with { RealWeight = 2 });
    }

    public IReadOnlyList<LabelledPost> Rows { get; }

    public TrainingResult Result { get; }
}

public sealed class RealPostTrainingTests(SmallRealModelFixture model) : IClassFixture<SmallRealModelFixture>
{
    [Fact]
    public void Every_real_post_trains_the_final_model_and_only_written_groups_are_held_out()
    {
        var (train, test) = TrainingRun.Split(model.Rows);

        Assert.All(model.Rows.Where(r => r.IsReal), r => Assert.Contains(r, train));
        Assert.DoesNotContain(test, r => r.IsReal);
        Assert.Equal(test.Select(r => r.Id), model.Result.Manifest.TestIds);
        Assert.Equal(6, model.Result.Manifest.TrainingSites.Count);
        Assert.Contains("site0.example", model.Result.Manifest.TrainingSites);
    }

    [Fact]
    public void Cross_validation_folds_hold_out_whole_sites()
    {
        var (train, _) = TrainingRun.Split(model.Rows);

        var folds = TrainingRun.Folds(train);

        Assert.Equal(TrainingRun.FoldCount, folds.Count);
        Assert.Equal(train.Count, folds.Sum(f => f.Count));
        var siteFolds = folds.SelectMany((f, k) => f.Where(r => r.IsReal).Select(r => (Site: PostOrigin.Site(r.Source), k))).Distinct()
            .GroupBy(x => x.Site).ToList();
        Assert.Equal(6, siteFolds.Count);
        Assert.All(siteFolds, g => Assert.Single(g));
        // Written groups are spread too, and never share a fold key with a site.
        Assert.True(folds.Count(f => f.Any(r => !r.IsReal)) == TrainingRun.FoldCount);
    }

    [Fact]
    public void Every_real_post_has_one_stored_out_of_site_prediction_and_the_figures_come_from_them()
    {
        var real = model.Result.Real!;
        var realRows = model.Rows.Where(r => r.IsReal).ToList();

        Assert.Equal(realRows.Select(r => r.Id).Order(StringComparer.Ordinal), real.Predictions.Select(p => p.Id));
        Assert.Equal(6, real.Sites);
        var scored = RealPostFigures.Join(real.Predictions, model.Rows);
        Assert.Equal(ReplyFigures.ForModel(scored, model.Result.Manifest.ReplyThreshold), real.Model);
        Assert.Equal(ReplyFigures.ForKeywordRule(realRows), real.KeywordRule);
        Assert.Equal(realRows.Count, real.ModelCrossCalibrated.Rows);
    }

    [Fact]
    public void The_threshold_is_calibrated_on_the_out_of_site_real_predictions()
    {
        var scored = RealPostFigures.Join(model.Result.Real!.Predictions, model.Rows);

        var (expected, rule) = ThresholdCalibrator.CalibrateOrBestF1(scored, ThresholdCalibrator.DefaultPrecisionTarget + TrainingRun.CalibrationMargin, TrainingRun.MinimumUsefulRecall);

        Assert.Equal(expected, model.Result.Manifest.ReplyThreshold, 3);
        Assert.Equal(rule, model.Result.Manifest.ThresholdRule);
    }

    [Fact]
    public void The_stored_predictions_file_round_trips_and_marks_replies_and_keyword_matches()
    {
        using var dir = new TempFolder();
        var path = dir.File(RealPredictionsFile.FileName);

        RealPredictionsFile.Write(path, model.Result.Manifest, model.Rows);
        var (header, lines) = RealPredictionsFile.Read(path);

        Assert.Equal(model.Result.Manifest.Version, header.Model);
        Assert.Equal(model.Result.Manifest.ReplyThreshold, header.Threshold);
        Assert.Equal(40, lines.Count);
        var policy = new ReplyPolicy(header.Threshold);
        var byId = model.Rows.ToDictionary(r => r.Id);
        Assert.All(lines, l =>
        {
            Assert.Equal(byId[l.Id].Label, l.Label);
            Assert.Equal(policy.ShouldReply(l.Topic, l.Confidence), l.Reply);
            Assert.Equal(KeywordRule.Replies(byId[l.Id].Text), l.KeywordRule);
        });
    }
}
