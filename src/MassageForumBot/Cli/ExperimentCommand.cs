using System.CommandLine;
using MassageForumBot.Classification;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Training;
using Microsoft.ML;

namespace MassageForumBot.Cli;

/// <summary>`experiment`: trains every candidate the way `train` does and writes models/EXPERIMENTS.md, ranked by real posts from unseen sites.</summary>
public static class ExperimentCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var output = new Option<string>("--out", "-o") { Description = "Where to write the comparison (default: models/EXPERIMENTS.md).", DefaultValueFactory = _ => "models/EXPERIMENTS.md" };
        var command = new Command("experiment", "Compare feature sets, trainers, real-post weights, label weights and passage scoring, each trained as `train` does; ranked by reply F1 on real posts from sites the candidate never saw.") { data, output };
        command.SetAction((parse, cancel) => CliErrors.Guard(() =>
        {
            var rows = DatasetReader.Read(ProjectPaths.Resolve(parse.GetValue(data)!));
            using var embedder = new ArcticXsEmbedder();
            var results = new ExperimentRunner(new MLContext(seed: 1), embedder, Console.Out).Run(rows, ExperimentRunner.DefaultCandidates);
            AtomicFile.WriteAllText(parse.GetValue(output)!, ExperimentRunner.Render(results, rows));
            Console.WriteLine($"wrote {parse.GetValue(output)}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
