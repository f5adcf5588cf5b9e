using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Tests.Cli;

[Collection(CliModelCollection.Name)]
public sealed class TrainCommandTests(CliModelFixture model)
{
    [Fact]
    public void Train_writes_the_model_and_its_card_beside_it_and_nothing_else()
    {
        var folder = Path.GetDirectoryName(model.ModelPath)!;

        Assert.Equal(["MODEL_CARD.md", "classifier.zip"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var card = File.ReadAllText(Path.Combine(folder, "MODEL_CARD.md"));
        Assert.Contains($"| version | `{model.Result.Manifest.Version}` |", card);
        Assert.Contains("60 rows", card);
        Assert.Contains($"wrote {model.ModelPath}", model.Log.ToString());
    }

    [Fact]
    public void The_written_model_loads_with_the_manifest_of_the_run()
    {
        var manifest = ModelBundle.ReadManifest(model.ModelPath);

        Assert.Equal(model.Result.Manifest.Version, manifest.Version);
        Assert.Equal(model.Result.Manifest.TestIds, manifest.TestIds);
        Assert.Equal(["glutes-draping", "glutes-lowback", "glutes-routine", "other"], manifest.Labels);
        Assert.InRange(manifest.ReplyThreshold, 0.5, 1.0);
    }
}
