using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Tests.Support;
using MassageForumBot.Classification.Training;
using Microsoft.ML;

namespace MassageForumBot.Classification.Tests.Training;

[Collection(SmallModelCollection.Name)]
public sealed class TrainingRunTests(SmallModelFixture model)
{
    private static readonly string[] Labels = ["glutes-draping", "glutes-lowback", "glutes-routine", "other"];

    [Fact]
    public void Manifest_records_labels_features_trainer_and_no_encoder()
    {
        var m = model.Result.Manifest;

        Assert.Equal(Labels, m.Labels);
        Assert.Equal("NGrams", m.Features);
        Assert.Equal("LbfgsMaximumEntropy", m.Trainer);
        Assert.Null(m.Encoder);
        Assert.Equal(ThresholdCalibrator.DefaultPrecisionTarget, m.ReplyPrecisionTarget);
    }

    [Fact]
    public void Reply_threshold_is_calibrated_to_at_least_one_half_and_used_for_the_held_out_figures()
    {
        var m = model.Result.Manifest;

        Assert.InRange(m.ReplyThreshold, 0.5, 1.0);
        Assert.Equal(m.ReplyThreshold, m.HeldOut.ReplyThreshold);
        Assert.Same(model.Result.HeldOut, m.HeldOut);
    }

    [Fact]
    public void Test_ids_are_the_held_out_groups_and_train_rows_are_the_rest()
    {
        var m = model.Result.Manifest;
        var (train, test) = GroupSplitter.HoldOut(model.Rows, TrainingRun.FoldCount);

        Assert.Equal(test.Select(t => t.Id), m.TestIds);
        Assert.Equal(train.Count, m.TrainRows);
        Assert.Equal(model.Rows.Count, m.TrainRows + m.TestIds.Count);
        Assert.Equal(m.TestIds.Count, m.HeldOut.Rows);
        // Every label is held out, and no held-out group has a row in training.
        var testRows = model.Rows.Where(r => m.TestIds.Contains(r.Id)).ToList();
        Assert.Equal(Labels, testRows.Select(r => r.Label).Distinct().Order());
        Assert.Empty(testRows.Select(r => r.Group).Intersect(train.Select(r => r.Group)));
    }

    [Fact]
    public void Version_and_fingerprint_name_the_data()
    {
        var m = model.Result.Manifest;

        Assert.Equal(TrainingRun.Fingerprint(model.Rows), m.DataFingerprint);
        Assert.Matches("^[0-9a-f]{16}$", m.DataFingerprint);
        Assert.Matches("^[0-9]{8}-[0-9]{6}-[0-9a-f]{8}$", m.Version);
        Assert.EndsWith(m.DataFingerprint[..8], m.Version);
    }

    [Fact]
    public void Cross_validation_covers_five_group_folds_and_the_baseline_is_scored_on_the_same_split()
    {
        var r = model.Result;

        Assert.Equal(TrainingRun.FoldCount, r.CrossValidation.Folds);
        Assert.Equal(TrainingRun.FoldCount, r.BaselineCrossValidation.Folds);
        Assert.Same(r.CrossValidation, r.Manifest.CrossValidation);
        Assert.Equal(r.HeldOut.Rows, r.BaselineHeldOut.Rows);
        Assert.Contains("fold 5: macro-F1", model.Log.ToString());
        Assert.Contains("held-out macro-F1", model.Log.ToString());
    }

    [Fact]
    public void The_model_learns_the_small_dataset_including_the_held_out_situations()
    {
        // Each label's posts share a distinctive phrase, so whole unseen groups are still easy.
        Assert.True(model.Result.HeldOut.Accuracy >= 0.9, $"held-out accuracy {model.Result.HeldOut.Accuracy}");
        Assert.True(model.Result.HeldOut.MacroF1 >= 0.9, $"held-out macro-F1 {model.Result.HeldOut.MacroF1}");
    }

    [Fact]
    public void Fingerprint_ignores_row_order_but_not_text()
    {
        var rows = model.Rows;
        var reversed = rows.Reverse().ToList();
        var edited = rows.Select((r, i) => i == 7 ? r with { Text = r.Text + "!" } : r).ToList();

        Assert.Equal(TrainingRun.Fingerprint(rows), TrainingRun.Fingerprint(reversed));
        Assert.NotEqual(TrainingRun.Fingerprint(rows), TrainingRun.Fingerprint(edited));
    }

    [Fact]
    public void Too_few_rows_for_a_label_is_refused_before_training()
    {
        var rows = model.Rows.Where(r => r.Label != "other").Concat(model.Rows.Where(r => r.Label == "other").Take(9)).ToList();

        var e = Assert.Throws<DatasetException>(() => new TrainingRun(new MLContext(1), null, TextWriter.Null).Run(rows, SmallModelFixture.Spec));

        Assert.Contains("'other' has 9", e.Message);
    }

    [Fact]
    public void A_post_repeated_across_the_held_out_split_is_refused()
    {
        var (train, test) = GroupSplitter.HoldOut(model.Rows, TrainingRun.FoldCount);
        var twin = test[0];
        var copier = train[0];
        // Changing a text does not move any row between folds, so this puts the same post on both sides.
        var rows = model.Rows.Select(r => r.Id == copier.Id ? r with { Text = "  " + twin.Text.ToUpperInvariant() } : r).ToList();

        var e = Assert.Throws<DatasetException>(() => new TrainingRun(new MLContext(1), null, TextWriter.Null).Run(rows, SmallModelFixture.Spec));

        Assert.Contains("duplicate across train and test", e.Message);
        Assert.Contains($"'{twin.Id}'", e.Message);
        Assert.Contains($"'{copier.Id}'", e.Message);
    }

    [Fact]
    public void Baseline_is_scored_with_the_keyword_rules()
    {
        var posts = new[]
        {
            Rows.Post("b1", "glutes-draping", text: "drape the glutes"),
            Rows.Post("b2", "glutes-lowback", text: "glutes and sciatica"),
            Rows.Post("b3", "other", text: "glute day at the gym"),
        };

        var m = TrainingRun.ScoreBaseline(posts, Labels);

        Assert.Equal(2.0 / 3, m.Accuracy, 10);
        Assert.Equal(3, m.Replies);
        Assert.Equal(2.0 / 3, m.ReplyPrecision, 10);
    }
}
