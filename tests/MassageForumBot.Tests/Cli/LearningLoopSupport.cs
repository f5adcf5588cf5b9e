using System.CommandLine;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Training;
using MassageForumBot.Cli;

namespace MassageForumBot.Tests.Cli;

/// <summary>Runs the learning-loop verbs as the program does (same parser), capturing what they print.</summary>
internal static class LearningLoopCli
{
    public static Task<(int Exit, string Output)> RunAsync(params string[] args) =>
        RunAsync(args, TrainCommand.Create(), FeedbackCommand.Create(), ModelsCommand.Create(), ModelsCommand.CreatePromote(),
            ModelsCommand.CreateRollback(), KeywordsCommand.Create());

    /// <summary>Runs the arguments against only the given verbs.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string[] args, params Command[] verbs)
    {
        var root = new RootCommand();
        foreach (var verb in verbs) root.Subcommands.Add(verb);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString() + error);
    }
}

/// <summary>A fresh folder under the temp folder, deleted on dispose.</summary>
internal sealed class LoopTempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mfb-loop-" + Guid.NewGuid().ToString("N"));

    public LoopTempFolder() => Directory.CreateDirectory(Path);

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// The small dataset as a JSON Lines file, and two tiny n-gram models trained once with the train verb's code: a good one,
/// and a worse one trained on the same texts with shuffled labels.
/// </summary>
public sealed class LoopModelsFixture : IDisposable
{
    private readonly LoopTempFolder _folder = new();

    public LoopModelsFixture()
    {
        Rows = SmallDataset();
        DataFile = _folder.File("data.jsonl");
        File.WriteAllText(DataFile, string.Concat(Rows.Select(r => FeedbackExport.ToJsonLine(r) + "\n")));
        (Good, GoodCard, GoodVersion) = Train(Rows, "good");
        var labels = Rows.Select(r => r.Label).ToArray();
        new Random(7).Shuffle(labels);
        (Worse, WorseCard, WorseVersion) = Train(Rows.Select((r, i) => r with { Label = labels[i] }).ToList(), "worse");
    }

    public static readonly ModelSpec Spec = new(FeatureSet.NGrams, TrainerKind.LbfgsMaximumEntropy);

    public IReadOnlyList<LabelledPost> Rows { get; }

    public string DataFile { get; }

    public byte[] Good { get; }

    public string GoodCard { get; }

    public string GoodVersion { get; }

    public byte[] Worse { get; }

    public string WorseCard { get; }

    public string WorseVersion { get; }

    private (byte[] Model, string Card, string Version) Train(IReadOnlyList<LabelledPost> rows, string name)
    {
        var path = _folder.File(name, "classifier.zip");
        var result = TrainCommand.Train(rows, Spec, DataFile, path, TextWriter.Null);
        return (File.ReadAllBytes(path), File.ReadAllText(_folder.File(name, "MODEL_CARD.md")), result.Manifest.Version);
    }

    /// <summary>The same small dataset the CLI tests train on.</summary>
    public static IReadOnlyList<LabelledPost> SmallDataset() => CliModelFixture.SmallDataset();

    public static string VersionOf(string modelPath) => ModelBundle.ReadManifest(modelPath).Version;

    public void Dispose() => _folder.Dispose();
}
