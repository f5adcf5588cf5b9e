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
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var root = new RootCommand
        {
            TrainCommand.Create(),
            FeedbackCommand.Create(),
            ModelsCommand.Create(),
            ModelsCommand.CreatePromote(),
            ModelsCommand.CreateRollback(),
            KeywordsCommand.Create(),
        };
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

    /// <summary>4 labels x 15 distinct short posts in 6 groups each; every label has a phrase of its own.</summary>
    public static IReadOnlyList<LabelledPost> SmallDataset()
    {
        var labels = new (string Label, string Core, string[] Situations)[]
        {
            ("glutes-draping", "drape the glutes with the sheet and ask consent before", ["undies", "towel", "tuck", "intake", "student", "spa"]),
            ("glutes-lowback", "lower back pain client wants glute work for the lumbar ache", ["sciatica", "desk", "runner", "lifting", "pregnancy", "driver"]),
            ("glutes-routine", "do you include glutes in every full body routine session", ["hour", "mobile", "chart", "clinic", "hotel", "practical"]),
            ("other", "booking software invoices and rent for my practice", ["tax", "website", "lotion", "table", "parking", "insurance"]),
        };
        string[] fillers = ["today", "question", "thoughts", "help", "lately", "honestly", "again", "please", "friends", "anyone", "quickly", "seriously", "tonight", "again and again", "this week"];
        var rows = new List<LabelledPost>();
        foreach (var (label, core, situations) in labels)
        {
            var n = 0;
            for (var g = 0; g < situations.Length; g++)
                for (var i = 0; i < (g < 3 ? 3 : 2); i++, n++)
                    rows.Add(new LabelledPost($"{label}-{n:00}", $"{core} {situations[g]} {fillers[n]}", label, "test", $"{label}-{situations[g]}"));
        }
        return rows;
    }

    public static string VersionOf(string modelPath) => ModelBundle.ReadManifest(modelPath).Version;

    public void Dispose() => _folder.Dispose();
}
