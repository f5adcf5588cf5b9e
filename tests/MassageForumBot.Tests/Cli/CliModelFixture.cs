using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Training;
using MassageForumBot.Cli;

namespace MassageForumBot.Tests.Cli;

/// <summary>Trains a small n-gram model (no sentence encoder, a few seconds) with the train verb's code, into a temp folder.</summary>
public sealed class CliModelFixture : IDisposable
{
    public CliModelFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "mfb-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Rows = SmallDataset();
        ModelPath = Path.Combine(Folder, "models", "classifier.zip");
        Result = TrainCommand.Train(Rows, new ModelSpec(FeatureSet.NGrams, TrainerKind.LbfgsMaximumEntropy), Path.Combine(Folder, "data"), ModelPath, Log);
    }

    public string Folder { get; }

    public string ModelPath { get; }

    public IReadOnlyList<LabelledPost> Rows { get; }

    public TrainingResult Result { get; }

    public StringWriter Log { get; } = new();

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
                    rows.Add(new LabelledPost($"{label}-{n:00}", $"{core} {situations[g]} {fillers[n]}", label, "test", $"{label}-{situations[g]}")
                    {
                        Location = $"small.jsonl:{rows.Count + 1}",
                    });
        }
        return rows;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>The CLI test classes share one trained model.</summary>
[CollectionDefinition(Name)]
public sealed class CliModelCollection : ICollectionFixture<CliModelFixture>
{
    public const string Name = "cli small model";
}
