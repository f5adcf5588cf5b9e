using System.CommandLine;
using MassageForumBot.Classification;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Training;

namespace MassageForumBot.Cli;

/// <summary>`evaluate`: scores a model on labelled posts and prints its metrics beside the keyword baseline.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var model = CommonOptions.Model();
        var all = new Option<bool>("--all") { Description = "Score every row, not only the model's recorded held-out rows." };
        var command = new Command("evaluate", "Print per-class precision/recall/F1, macro-F1, the confusion matrix and the keyword baseline side by side. By default scores the rows the model held out in training.")
        {
            data, model, all,
        };
        command.SetAction((parse, cancel) => CliErrors.Guard(() =>
        {
            var classifier = ClassifierFactory.Load(parse.GetValue(model));
            var rows = DatasetReader.Read(ProjectPaths.Resolve(parse.GetValue(data)!));
            var (report, scope) = Evaluate(classifier, rows, parse.GetValue(all));
            Console.WriteLine($"model {classifier.Manifest.Version} ({classifier.Manifest.Features} + {classifier.Manifest.Trainer}), reply threshold {classifier.Policy.Threshold:F3}; {scope}");
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
