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
        var only = new Option<int[]>("--only") { Description = "Run only these candidates (0-based positions in the default list), e.g. --only 1 2.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("experiment", "Compare feature sets, trainers, real-post weights, label weights, reply scores and passage scoring, each trained as `train` does; ranked by reply F1 on real posts from sites the candidate never saw.") { data, output, only };
        command.SetAction((parse, cancel) => CliErrors.Guard(() =>
        {
            var rows = DatasetReader.Read(ProjectPaths.Resolve(parse.GetValue(data)!));
            using var encoder = new ArcticXsEmbedder();
            var embedder = new DiskCachedEmbedder(encoder, TrainCommand.EmbeddingCachePath);
            var picked = parse.GetValue(only) is { Length: > 0 } positions
                ? positions.Select(i => i >= 0 && i < ExperimentRunner.DefaultCandidates.Count ? ExperimentRunner.DefaultCandidates[i]
                    : throw new CliException($"--only {i}: there are {ExperimentRunner.DefaultCandidates.Count} candidates (0 to {ExperimentRunner.DefaultCandidates.Count - 1})")).ToList()
                : ExperimentRunner.DefaultCandidates;
            var results = new ExperimentRunner(new MLContext(seed: 1), embedder, Console.Out).Run(rows, picked);
            embedder.Save();
            AtomicFile.WriteAllText(parse.GetValue(output)!, ExperimentRunner.Render(results, rows));
            Console.WriteLine($"wrote {parse.GetValue(output)}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
