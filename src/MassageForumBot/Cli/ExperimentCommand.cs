using System.CommandLine;
using MassageForumBot.Classification;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Training;
using Microsoft.ML;

namespace MassageForumBot.Cli;

/// <summary>`experiment`: compares every feature set with every trainer on the same folds and writes models/EXPERIMENTS.md.</summary>
public static class ExperimentCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var output = new Option<string>("--out", "-o") { Description = "Where to write the comparison (default: models/EXPERIMENTS.md).", DefaultValueFactory = _ => "models/EXPERIMENTS.md" };
        var command = new Command("experiment", "Compare n-grams, sentence embeddings and both, with each trainer, on the same group folds (and random folds for contrast).") { data, output };
        command.SetAction((parse, cancel) => CliErrors.Guard(() =>
        {
            var rows = DatasetReader.Read(ProjectPaths.Resolve(parse.GetValue(data)!));
            using var embedder = new ArcticXsEmbedder();
            var specs = Enum.GetValues<FeatureSet>().SelectMany(f => Enum.GetValues<TrainerKind>().Select(t => new ModelSpec(f, t))).ToList();
            var results = new ExperimentRunner(new MLContext(seed: 1), embedder, Console.Out).Run(rows, specs);
            AtomicFile.WriteAllText(parse.GetValue(output)!, ExperimentRunner.Render(results, rows.Count));
            Console.WriteLine($"wrote {parse.GetValue(output)}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
