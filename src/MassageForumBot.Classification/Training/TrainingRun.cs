using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Inference;
using Microsoft.ML;

namespace MassageForumBot.Classification.Training;

/// <summary>Everything a training run produced: the model, its manifest, and the figures for the model card.</summary>
public sealed record TrainingResult(
    TrainedModel Model,
    ModelManifest Manifest,
    MetricsSummary HeldOut,
    MetricsSummary BaselineHeldOut,
    CrossValidationSummary CrossValidation,
    CrossValidationSummary BaselineCrossValidation,
    TimeSpan Duration);

/// <summary>
/// Trains a model the way the model card reports it: hold out whole groups as the test set, cross-validate on
/// the rest by group folds, calibrate the reply threshold on the out-of-fold predictions, fit on all training rows,
/// then score the test set and the keyword baseline on the same split.
/// </summary>
public sealed class TrainingRun(MLContext ml, ISentenceEmbedder? embedder, TextWriter log)
{
    public const int FoldCount = 5;

    /// <summary>Calibrated a point above the bar: a threshold that just reaches 0.95 on the out-of-fold posts can land
    /// just under it on the test set, and the bar is a promise to moderators.</summary>
    public const double CalibrationMargin = 0.01;

    private readonly PostRowFactory _rows = new(embedder is null ? null : new CachingEmbedder(embedder));

    public TrainingResult Run(IReadOnlyList<LabelledPost> rows, ModelSpec spec, double precisionTarget = ThresholdCalibrator.DefaultPrecisionTarget)
    {
        var clock = Stopwatch.StartNew();
        DatasetRules.RequireEnoughRowsPerLabel(rows);
        var (train, test) = GroupSplitter.HoldOut(rows, FoldCount);
        DatasetRules.RequireNoLeakage(train, test);
        DatasetRules.RequireEnoughRowsPerLabel(train);

        var builder = new ModelBuilder(ml, _rows);
        var scorer = new ModelScorer(ml, _rows);
        log.WriteLine($"training {spec} on {train.Count} rows, {test.Count} held out ({FoldCount}-fold group cross-validation first)");

        var outOfFold = new List<ScoredPost>();
        var foldMetrics = new List<MetricsSummary>();
        var baselineFolds = new List<MetricsSummary>();
        var folds = GroupSplitter.Folds(train, FoldCount);
        for (var k = 0; k < folds.Count; k++)
        {
            var foldTrain = folds.Where((_, i) => i != k).SelectMany(f => f).ToList();
            var model = builder.Train(foldTrain, spec);
            var scored = scorer.Score(model, folds[k]);
            outOfFold.AddRange(scored);
            foldMetrics.Add(MetricsCalculator.Compute(scored, model.Labels, 0.5));
            baselineFolds.Add(ScoreBaseline(folds[k], model.Labels));
            log.WriteLine($"  fold {k + 1}: macro-F1 {foldMetrics[^1].MacroF1:F3}");
        }

        var threshold = ThresholdCalibrator.Calibrate(outOfFold, Math.Min(1.0, precisionTarget + CalibrationMargin));
        var final = builder.Train(train, spec);
        var heldOut = MetricsCalculator.Compute(scorer.Score(final, test), final.Labels, threshold);
        var baseline = ScoreBaseline(test, final.Labels);
        var cv = CrossValidationSummary.From(foldMetrics);

        var manifest = new ModelManifest
        {
            Version = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Fingerprint(rows)[..8]}",
            CreatedAt = DateTimeOffset.UtcNow,
            Features = spec.Features.ToString(),
            Trainer = spec.Trainer.ToString(),
            Labels = final.Labels,
            ReplyThreshold = threshold,
            ReplyPrecisionTarget = precisionTarget,
            Encoder = spec.Features.UsesEmbeddings() ? embedder?.Name : null,
            DataFingerprint = Fingerprint(rows),
            TrainRows = train.Count,
            TestIds = test.Select(t => t.Id).ToList(),
            HeldOut = heldOut,
            CrossValidation = cv,
        };
        log.WriteLine($"held-out macro-F1 {heldOut.MacroF1:F3}, reply precision {heldOut.ReplyPrecision:F3} at threshold {threshold:F3} (keyword baseline macro-F1 {baseline.MacroF1:F3})");
        return new TrainingResult(final, manifest, heldOut, baseline, cv, CrossValidationSummary.From(baselineFolds), clock.Elapsed);
    }

    public static MetricsSummary ScoreBaseline(IReadOnlyList<LabelledPost> posts, IReadOnlyList<string> labels) =>
        MetricsCalculator.Compute(posts.Select(p => new ScoredPost(p, KeywordBaseline.Predict(p.Text), 1.0)).ToList(), labels, 0.5);

    /// <summary>A short hash of the data, so a model names exactly what it was trained on.</summary>
    public static string Fingerprint(IReadOnlyList<LabelledPost> rows)
    {
        var text = string.Join('\n', rows.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => $"{r.Id}\t{r.Label}\t{r.Text}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
