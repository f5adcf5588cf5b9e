using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Tests.Support;
using MassageForumBot.Classification.Training;
using Microsoft.ML;

namespace MassageForumBot.Classification.Tests.Training;

public sealed class ExperimentRunnerTests
{
    [Fact]
    public void Compares_candidates_on_real_posts_from_unseen_sites_and_renders_the_table()
    {
        var log = new StringWriter();
        var plain = new ModelSpec(FeatureSet.NGrams, TrainerKind.SdcaMaximumEntropy);
        var weighted = plain with { RealWeight = 3, BalanceLabels = true };
        var rows = Rows.SmallDataset().Concat(Rows.SmallRealDataset()).ToList();

        // An n-gram candidate must never ask for sentence vectors.
        var results = new ExperimentRunner(new MLContext(1), new ForbiddenEmbedder(), log).Run(rows, [plain, weighted]);

        Assert.Equal([plain, weighted], results.Select(r => r.Spec));
        foreach (var r in results)
        {
            Assert.NotNull(r.Real);
            Assert.Equal(Rows.SmallRealDataset().Count, r.Real.Rows);
            Assert.InRange(r.Real.ModelCrossCalibrated.F1, 0.0, 1.0);
            Assert.InRange(r.SyntheticMacroF1, 0.8, 1.0);
        }
        Assert.Contains("NGrams + SdcaMaximumEntropy, real x3, balanced labels", log.ToString());

        var table = ExperimentRunner.Render(results, rows);
        Assert.Contains($"on {rows.Count} rows ({Rows.SmallRealDataset().Count} real posts from 6 sites)", table);
        Assert.Contains("| NGrams + SdcaMaximumEntropy |", table);
        Assert.Contains($"Best on fold-calibrated real F1: **{ExperimentRunner.Best(results).Spec}**.", table);
    }

    [Fact]
    public void Thin_data_is_refused_before_any_training()
    {
        var rows = Rows.SmallDataset().Where(r => r.Label != "other" || r.Id.EndsWith('0')).ToList();

        var e = Assert.Throws<DatasetException>(() =>
            new ExperimentRunner(new MLContext(1), new ForbiddenEmbedder(), TextWriter.Null).Run(rows, [new ModelSpec(FeatureSet.NGrams, TrainerKind.SdcaMaximumEntropy)]));

        Assert.Contains("'other' has", e.Message);
    }
}
