using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Tests.Support;
using MassageForumBot.Classification.Training;
using Microsoft.ML;

namespace MassageForumBot.Classification.Tests.Registry;

/// <summary>
/// Two tiny n-gram models trained once on the small dataset: a good one, and a worse one trained on the same texts with
/// the labels shuffled. Tests copy their bytes into a models folder of their own.
/// </summary>
public sealed class RegistryModelsFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public RegistryModelsFixture()
    {
        Data = Rows.SmallDataset();
        Good = TrainBytes(Data, "good.zip", out var good);
        GoodManifest = good;
        Worse = TrainBytes(ShuffledLabels(Data), "worse.zip", out var worse);
        WorseManifest = worse;
    }

    /// <summary>The true labels: what both models are scored against.</summary>
    public IReadOnlyList<LabelledPost> Data { get; }

    public byte[] Good { get; }

    public ModelManifest GoodManifest { get; }

    public byte[] Worse { get; }

    public ModelManifest WorseManifest { get; }

    /// <summary>Same texts and groups, labels permuted with a fixed seed (every label keeps its 15 rows).</summary>
    public static IReadOnlyList<LabelledPost> ShuffledLabels(IReadOnlyList<LabelledPost> rows)
    {
        var labels = rows.Select(r => r.Label).ToArray();
        new Random(7).Shuffle(labels);
        return rows.Select((r, i) => r with { Label = labels[i] }).ToList();
    }

    private byte[] TrainBytes(IReadOnlyList<LabelledPost> rows, string name, out ModelManifest manifest)
    {
        var ml = new MLContext(seed: 1);
        var result = new TrainingRun(ml, embedder: null, TextWriter.Null).Run(rows, SmallModelFixture.Spec);
        var path = _folder.File(name);
        ModelBundle.Save(path, ml, result.Model, result.Manifest);
        manifest = result.Manifest;
        return File.ReadAllBytes(path);
    }

    public void Dispose() => _folder.Dispose();
}
