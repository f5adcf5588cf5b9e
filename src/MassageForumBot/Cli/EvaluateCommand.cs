using System.CommandLine;
using MassageForumBot.Classification;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Training;

namespace MassageForumBot.Cli;

/// <summary>`evaluate`: real posts from sites the model never saw (model beside the keyword rule), then the written
/// posts it held out, per class beside the keyword baseline.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var model = CommonOptions.Model();
        var all = new Option<bool>("--all") { Description = "Score every written row, not only the model's recorded held-out rows." };
        var command = new Command("evaluate", """
            Real posts from sites the model never saw: its stored out-of-site predictions from training, and any real post in --data
            from a site outside its training data (scored now), reply precision, recall and F1 beside the keyword rule.
            Then the written posts it held out: per-class precision/recall/F1, macro-F1, the confusion matrix and the keyword baseline.
            """)
        {
            data, model, all,
        };
        command.SetAction((parse, cancel) => CliErrors.Guard(() =>
        {
            var classifier = ClassifierFactory.Load(parse.GetValue(model));
            var rows = DatasetReader.Read(ProjectPaths.Resolve(parse.GetValue(data)!));
            var threshold = classifier.Policy.Threshold;
            Console.WriteLine($"model {classifier.Manifest.Version} ({classifier.Manifest.Features} + {classifier.Manifest.Trainer}), reply threshold {threshold:F3}");
            Console.WriteLine();

            foreach (var (title, figures) in RealReports(classifier, rows))
            {
                Console.WriteLine(title);
                Console.WriteLine();
                Console.Write(MetricsTable.RealPosts(figures, threshold));
                Console.WriteLine();
            }

            var (report, scope) = Evaluate(classifier, rows.Where(r => !r.IsReal).ToList(), parse.GetValue(all));
            if (report.Model.Rows == 0) return Task.FromResult(0);
            Console.WriteLine($"written posts: {scope}");
            Console.WriteLine();
            Console.Write(MetricsTable.SideBySide(report.Model, report.Baseline));
            Console.WriteLine();
            Console.WriteLine("confusion matrix (model):");
            Console.Write(MetricsTable.Confusion(report.Model));
            Console.WriteLine();
            Console.WriteLine("confusion matrix (keyword baseline):");
            Console.Write(MetricsTable.Confusion(report.Baseline));
            return Task.FromResult(0);
        }));
        return command;
    }

    public sealed record Report(MetricsSummary Model, MetricsSummary Baseline);

    /// <summary>The real-post tables: the model's stored out-of-site predictions (for the rows still in the data, with the
    /// data's labels), and real rows from sites outside its training data, scored now.</summary>
    public static IReadOnlyList<(string Title, RealPostFigures Figures)> RealReports(PostClassifier classifier, IReadOnlyList<LabelledPost> rows)
    {
        var reports = new List<(string, RealPostFigures)>();
        var threshold = classifier.Policy.Threshold;
        if (classifier.Manifest.Real is { } stored)
        {
            var scored = RealPostFigures.Join(stored.Predictions, rows);
            if (scored.Count > 0)
                reports.Add(($"real posts in training, each scored out of site by its cross-validation model (stored in the model; {scored.Count} of {stored.Predictions.Count} still in the data):", Figures(scored, threshold, stored.ModelCrossCalibrated)));
        }
        var known = classifier.Manifest.TrainingSites.ToHashSet(StringComparer.Ordinal);
        var unseen = rows.Where(r => r.IsReal && !known.Contains(PostOrigin.Site(r.Source))).ToList();
        if (unseen.Count > 0)
        {
            var scored = unseen.AsParallel().AsOrdered().Select(r => { var p = classifier.Classify(r.Text); return new ScoredPost(r, p.Topic, p.Confidence); }).ToList();
            reports.Add(($"real posts from sites outside the model's training data, scored now ({unseen.Count}):", Figures(scored, threshold, null)));
        }
        return reports;
    }

    private static RealPostFigures Figures(IReadOnlyList<ScoredPost> scored, double threshold, ReplyFigures? crossCalibrated)
    {
        var model = ReplyFigures.ForModel(scored, threshold);
        return new RealPostFigures
        {
            Rows = scored.Count,
            Sites = scored.Select(s => PostOrigin.Site(s.Post.Source)).Distinct(StringComparer.Ordinal).Count(),
            Model = model,
            ModelCrossCalibrated = crossCalibrated ?? model,
            KeywordRule = ReplyFigures.ForKeywordRule(scored.Select(s => s.Post)),
            MacroF1 = 0,
            Predictions = [],
        };
    }

    /// <summary>Scores the model's held-out rows when the data has them, else every row.</summary>
    public static (Report Report, string Scope) Evaluate(PostClassifier classifier, IReadOnlyList<LabelledPost> rows, bool allRows)
    {
        var testIds = classifier.Manifest.TestIds.ToHashSet(StringComparer.Ordinal);
        var heldOut = rows.Where(r => testIds.Contains(r.Id)).ToList();
        var scored = allRows || heldOut.Count == 0 ? rows : heldOut;
        var scope = ReferenceEquals(scored, rows) ? $"all {rows.Count} rows" : $"the {heldOut.Count} held-out rows recorded in the model";
        var predictions = scored.AsParallel().AsOrdered()
            .Select(r => { var p = classifier.Classify(r.Text); return new ScoredPost(r, p.Topic, p.Confidence); })
            .ToList();
        var labels = classifier.Labels;
        return (new Report(MetricsCalculator.Compute(predictions, labels, classifier.Policy.Threshold), TrainingRun.ScoreBaseline(scored, labels)), scope);
    }
}
