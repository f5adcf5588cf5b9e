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
    TimeSpan Duration)
{
    /// <summary>Real posts scored out of site; null when the data has no real posts.</summary>
    public RealPostFigures? Real => Manifest.Real;
}

/// <summary>
/// Trains a model the way the model card reports it. Written posts: whole groups are held out as the synthetic test set.
/// Real posts (source is a web page) all take part in a cross-validation whose folds hold out whole web domains, so every
/// real post is scored by a model that never saw its site; the reply threshold is calibrated on those out-of-site real
/// predictions (on all out-of-fold predictions when there are too few real ones). The final model is fitted on every
/// real post and the written training rows, then scored on the synthetic test set beside the keyword baseline.
/// </summary>
public sealed class TrainingRun(MLContext ml, ISentenceEmbedder? embedder, TextWriter log)
{
    public const int FoldCount = 5;

    /// <summary>Calibrated a point above the bar: a threshold that just reaches 0.95 on the out-of-fold posts can land
    /// just under it on new posts, and the bar is a promise to moderators.</summary>
    public const double CalibrationMargin = 0.01;

    /// <summary>Fewer real glutes posts than this and the threshold is calibrated on all out-of-fold predictions instead.</summary>
    public const int MinimumRealGlutesPostsToCalibrate = 30;

    /// <summary>Below this recall at the precision target, the target counts as out of reach and the best-F1 threshold is used.</summary>
    public const double MinimumUsefulRecall = 0.5;

    private readonly PostRowFactory _rows = new(embedder is null ? null : new CachingEmbedder(embedder));

    /// <summary>The split every run uses: whole groups of written posts held out for testing; every real post trains
    /// (real posts are judged out of site by cross-validation instead).</summary>
    public static (IReadOnlyList<LabelledPost> Train, IReadOnlyList<LabelledPost> Test) Split(IReadOnlyList<LabelledPost> rows)
    {
        var written = rows.Where(r => !r.IsReal).ToList();
        var (train, test) = GroupSplitter.HoldOut(written, FoldCount);
        return (train.Concat(rows.Where(r => r.IsReal)).ToList(), test);
    }

    /// <summary>Cross-validation folds of the training rows: written rows by group and real rows by site, each spread
    /// over the folds on its own so every fold has its share of both.</summary>
    public static IReadOnlyList<IReadOnlyList<LabelledPost>> Folds(IReadOnlyList<LabelledPost> train)
    {
        var written = GroupSplitter.Folds(train.Where(r => !r.IsReal).ToList(), FoldCount);
        var real = GroupSplitter.Folds(train.Where(r => r.IsReal).ToList(), FoldCount);
        return written.Zip(real, (w, r) => (IReadOnlyList<LabelledPost>)w.Concat(r).ToList()).ToList();
    }

    public TrainingResult Run(IReadOnlyList<LabelledPost> rows, ModelSpec spec, double precisionTarget = ThresholdCalibrator.DefaultPrecisionTarget)
    {
        var clock = Stopwatch.StartNew();
        DatasetRules.RequireEnoughRowsPerLabel(rows);
        var (train, test) = Split(rows);
        DatasetRules.RequireNoLeakage(train, test);
        DatasetRules.RequireDistinctTextsAcrossFolds(train);
        DatasetRules.RequireEnoughRowsPerLabel(train);

        var builder = new ModelBuilder(ml, _rows);
        var scorer = new ModelScorer(ml, _rows);
        var realCount = train.Count(r => r.IsReal);
        log.WriteLine($"training {spec} on {train.Count} rows ({realCount} real), {test.Count} written rows held out ({FoldCount}-fold cross-validation first, real posts held out by site)");

        var cv = CrossValidate(train, spec, builder, scorer);
        var real = cv.OutOfFold.Where(s => s.Post.IsReal).ToList();
        var calibrateOnReal = real.Count(s => ReplyPolicy.IsReplyTopic(s.Post.Label)) >= MinimumRealGlutesPostsToCalibrate;
        var target = Math.Min(1.0, precisionTarget + CalibrationMargin);
        var (threshold, rule) = ThresholdCalibrator.CalibrateOrBestF1(calibrateOnReal ? real : cv.OutOfFold, target, MinimumUsefulRecall);
        log.WriteLine($"reply threshold {threshold:F3}, calibrated on {(calibrateOnReal ? $"{real.Count} out-of-site real" : $"all {cv.OutOfFold.Count} out-of-fold")} predictions: {rule}");

        var final = builder.Train(train, spec);
        var heldOut = MetricsCalculator.Compute(scorer.Score(final, test), final.Labels, threshold);
        var baseline = ScoreBaseline(test, final.Labels);
        var realFigures = real.Count == 0 ? null : RealFigures(cv.PerFold, final.Labels, threshold, target);

        var manifest = new ModelManifest
        {
            Version = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Fingerprint(rows)[..8]}",
            CreatedAt = DateTimeOffset.UtcNow,
            Features = spec.Features.ToString(),
            Trainer = spec.Trainer.ToString(),
            Labels = final.Labels,
            ReplyThreshold = threshold,
            ThresholdRule = rule,
            ReplyPrecisionTarget = precisionTarget,
            Encoder = spec.Features.UsesEmbeddings() ? embedder?.Name : null,
            DataFingerprint = Fingerprint(rows),
            TrainRows = train.Count,
            TestIds = test.Select(t => t.Id).ToList(),
            HeldOut = heldOut,
            CrossValidation = cv.Summary,
            Passages = spec.Passages,
            RealWeight = spec.RealWeight,
            BalanceLabels = spec.BalanceLabels,
            Cues = spec.Cues,
            ReplyScore = spec.ReplyScore,
            TrainingSites = train.Where(r => r.IsReal).Select(r => PostOrigin.Site(r.Source)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            Real = realFigures,
        };
        log.WriteLine($"synthetic held-out macro-F1 {heldOut.MacroF1:F3}, reply precision {heldOut.ReplyPrecision:F3} at threshold {threshold:F3} (keyword baseline macro-F1 {baseline.MacroF1:F3})");
        if (realFigures is not null)
            log.WriteLine($"real posts out of site ({realFigures.Rows} posts, {realFigures.Sites} sites): model P {realFigures.Model.Precision:F3} R {realFigures.Model.Recall:F3} F1 {realFigures.Model.F1:F3} (cross-calibrated F1 {realFigures.ModelCrossCalibrated.F1:F3}); keyword rule P {realFigures.KeywordRule.Precision:F3} R {realFigures.KeywordRule.Recall:F3} F1 {realFigures.KeywordRule.F1:F3}");
        return new TrainingResult(final, manifest, heldOut, baseline, cv.Summary, CrossValidationSummary.From(cv.BaselineFolds), clock.Elapsed);
    }

    /// <summary>What cross-validation gave: every training row scored by the fold model that did not see its group or site.</summary>
    public sealed record CrossValidationRun(IReadOnlyList<IReadOnlyList<ScoredPost>> PerFold, IReadOnlyList<ScoredPost> OutOfFold,
        CrossValidationSummary Summary, IReadOnlyList<MetricsSummary> BaselineFolds);

    public CrossValidationRun CrossValidate(IReadOnlyList<LabelledPost> train, ModelSpec spec, ModelBuilder builder, ModelScorer scorer)
    {
        var perFold = new List<IReadOnlyList<ScoredPost>>();
        var foldMetrics = new List<MetricsSummary>();
        var baselineFolds = new List<MetricsSummary>();
        var folds = Folds(train);
        for (var k = 0; k < folds.Count; k++)
        {
            var foldTrain = folds.Where((_, i) => i != k).SelectMany(f => f).ToList();
            var model = builder.Train(foldTrain, spec);
            var scored = scorer.Score(model, folds[k]);
            perFold.Add(scored);
            foldMetrics.Add(MetricsCalculator.Compute(scored, model.Labels, 0.5));
            baselineFolds.Add(ScoreBaseline(folds[k], model.Labels));
            log.WriteLine($"  fold {k + 1}: macro-F1 {foldMetrics[^1].MacroF1:F3}");
        }
        return new CrossValidationRun(perFold, perFold.SelectMany(f => f).ToList(), CrossValidationSummary.From(foldMetrics), baselineFolds);
    }

    /// <summary>The real posts' out-of-site figures: at the shipped threshold, with thresholds calibrated fold by fold on the
    /// other folds, and the keyword rule beside them.</summary>
    public static RealPostFigures RealFigures(IReadOnlyList<IReadOnlyList<ScoredPost>> perFold, IReadOnlyList<string> labels, double threshold, double calibrationTarget)
    {
        var real = perFold.Select(f => f.Where(s => s.Post.IsReal).ToList()).ToList();
        var all = real.SelectMany(f => f).ToList();
        var crossDecisions = new List<(string, bool, string?)>();
        for (var k = 0; k < real.Count; k++)
        {
            var others = real.Where((_, i) => i != k).SelectMany(f => f).ToList();
            var policy = new ReplyPolicy(ThresholdCalibrator.CalibrateOrBestF1(others, calibrationTarget, MinimumUsefulRecall).Threshold);
            crossDecisions.AddRange(real[k].Select(s => (s.Post.Label, policy.ShouldReply(s.Topic, s.Confidence), (string?)s.Topic)));
        }
        return new RealPostFigures
        {
            Rows = all.Count,
            Sites = all.Select(s => PostOrigin.Site(s.Post.Source)).Distinct(StringComparer.Ordinal).Count(),
            Model = ReplyFigures.ForModel(all, threshold),
            ModelCrossCalibrated = ReplyFigures.From(crossDecisions),
            KeywordRule = ReplyFigures.ForKeywordRule(all.Select(s => s.Post)),
            MacroF1 = MetricsCalculator.Compute(all, labels, threshold).MacroF1,
            Predictions = all.OrderBy(s => s.Post.Id, StringComparer.Ordinal)
                .Select(s => new StoredPrediction(s.Post.Id, s.Topic, Math.Round(s.Confidence, 6))).ToList(),
        };
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
