using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Tests.Support;
using Microsoft.ML;

namespace MassageForumBot.Classification.Tests.Inference;

[Collection(SmallModelCollection.Name)]
public sealed class ModelBundleTests(SmallModelFixture model) : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private void Save(string path, ModelManifest? manifest = null) =>
        ModelBundle.Save(path, model.Ml, model.Result.Model, manifest ?? model.Result.Manifest);

    private PostClassifier InMemory() =>
        new(model.Ml, model.Result.Model.Transformer, model.Result.Model.InputSchema, model.Result.Manifest, embedder: null);

    [Fact]
    public void Saved_model_loads_with_the_same_manifest_and_gives_the_same_predictions()
    {
        var path = _dir.File("classifier.zip");
        Save(path);

        var loaded = PostClassifier.Load(path, () => throw new InvalidOperationException("an n-gram model needs no embedder"));
        var original = InMemory();

        var m = loaded.Manifest;
        var expected = model.Result.Manifest;
        Assert.Equal(expected.Version, m.Version);
        Assert.Equal(expected.CreatedAt, m.CreatedAt);
        Assert.Equal(expected.Labels, m.Labels);
        Assert.Equal(expected.ReplyThreshold, m.ReplyThreshold);
        Assert.Equal(expected.TestIds, m.TestIds);
        Assert.Equal(expected.DataFingerprint, m.DataFingerprint);
        Assert.Equal(expected.HeldOut.MacroF1, m.HeldOut.MacroF1);
        Assert.Equal(expected.HeldOut.Confusion, m.HeldOut.Confusion);
        Assert.Equal(expected.CrossValidation!.FoldMacroF1, m.CrossValidation!.FoldMacroF1);
        Assert.Equal(expected.ReplyThreshold, loaded.Policy.Threshold);

        foreach (var text in model.Rows.Select(r => r.Text).Concat(SmallModelFixture.NovelTexts))
        {
            var a = original.Classify(text);
            var b = loaded.Classify(text);
            Assert.Equal(a.Topic, b.Topic);
            Assert.Equal(a.Confidence, b.Confidence);
            Assert.Equal(a.Reply, b.Reply);
            Assert.Equal(a.Scores, b.Scores);
        }
    }

    [Fact]
    public void The_zip_holds_the_pipeline_and_the_manifest_and_nothing_is_left_beside_it()
    {
        var path = _dir.File("classifier.zip");

        Save(path);

        Assert.Equal(["classifier.zip"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["manifest.json", "model.zip"], zip.Entries.Select(e => e.FullName).Order());
    }

    [Fact]
    public void Save_creates_the_folder_and_replaces_an_existing_model()
    {
        var path = Path.Combine(_dir.Path, "new", "deeper", "classifier.zip");
        Save(path, model.Result.Manifest with { Version = "first" });

        Save(path, model.Result.Manifest with { Version = "second" });

        Assert.Equal("second", ModelBundle.ReadManifest(path).Version);
        Assert.Equal(["classifier.zip"], Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_save_that_fails_half_way_leaves_the_previous_model_byte_identical_and_no_temporary_file()
    {
        var path = _dir.File("classifier.zip");
        Save(path);
        var before = File.ReadAllBytes(path);

        // The pipeline is written first; a manifest that cannot be serialised (NaN is not JSON) then fails the save.
        var broken = model.Result.Manifest with { ReplyThreshold = double.NaN };
        Assert.ThrowsAny<ArgumentException>(() => Save(path, broken));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["classifier.zip"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
        Assert.Equal(model.Result.Manifest.Version, ModelBundle.ReadManifest(path).Version);
    }

    [Fact]
    public void A_save_into_a_folder_that_is_a_file_fails_and_changes_nothing()
    {
        var blocker = _dir.WriteText("models", "I am a file, not a folder");
        var model0 = _dir.File("classifier.zip");
        Save(model0);
        var before = File.ReadAllBytes(model0);

        Assert.ThrowsAny<IOException>(() => Save(Path.Combine(blocker, "classifier.zip")));

        Assert.Equal("I am a file, not a folder", File.ReadAllText(blocker));
        Assert.Equal(before, File.ReadAllBytes(model0));
        Assert.Equal(["classifier.zip", "models"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_save_onto_a_path_that_is_a_folder_fails_and_leaves_no_temporary_file()
    {
        var path = _dir.File("classifier.zip");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "keep.txt"), "keep");

        Assert.ThrowsAny<IOException>(() => Save(path));

        Assert.Equal("keep", File.ReadAllText(Path.Combine(path, "keep.txt")));
        Assert.Equal(["classifier.zip"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Loading_a_missing_file_names_the_full_path_and_how_to_train()
    {
        var path = _dir.File("absent.zip");

        var e = Assert.Throws<ModelLoadException>(() => ModelBundle.Load(path, new MLContext()));

        Assert.Contains("not found", e.Message);
        Assert.Contains(Path.GetFullPath(path), e.Message);
        Assert.Contains("-- train --data models/data --out " + path, e.Message);
    }

    [Fact]
    public void PostClassifier_load_of_a_missing_file_throws_the_same_exception()
    {
        var path = _dir.File("absent.zip");

        var e = Assert.Throws<ModelLoadException>(() => PostClassifier.Load(path, () => new FakeEmbedder()));

        Assert.Contains(Path.GetFullPath(path), e.Message);
    }

    [Fact]
    public void A_manifest_naming_an_unknown_feature_set_is_a_load_error_naming_the_path()
    {
        var path = _dir.File("odd.zip");
        Save(path, model.Result.Manifest with { Features = "Bogus" });

        var e = Assert.Throws<ModelLoadException>(() => PostClassifier.Load(path, () => new FakeEmbedder()));

        Assert.Contains(Path.GetFullPath(path), e.Message);
        Assert.Contains("Bogus", e.Message);
        Assert.Contains("train", e.Message);
    }

    [Fact]
    public void A_manifest_whose_labels_do_not_match_the_model_is_a_load_error()
    {
        var path = _dir.File("labels.zip");
        Save(path, model.Result.Manifest with { Labels = ["glutes-draping", "other"] });

        var e = Assert.Throws<ModelLoadException>(() => PostClassifier.Load(path, () => new FakeEmbedder()));

        Assert.Contains(Path.GetFullPath(path), e.Message);
        Assert.Contains("2 labels", e.Message);
        Assert.Contains("4 scores", e.Message);
    }

    public static TheoryData<string, byte[]> CorruptFiles()
    {
        static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
                foreach (var (name, bytes) in entries)
                {
                    using var stream = zip.CreateEntry(name).Open();
                    stream.Write(bytes);
                }
            return buffer.ToArray();
        }

        var manifestJson = JsonSerializer.SerializeToUtf8Bytes(new ModelManifest
        {
            Version = "v",
            CreatedAt = DateTimeOffset.UnixEpoch,
            Features = "NGrams",
            Trainer = "LbfgsMaximumEntropy",
            Labels = ["a", "other"],
            ReplyThreshold = 0.5,
            ReplyPrecisionTarget = 0.95,
            DataFingerprint = "f",
            TrainRows = 0,
            TestIds = [],
            HeldOut = MetricsCalculator.Compute([], ["a", "other"], 0.5),
        }, ModelBundle.Json);
        return new TheoryData<string, byte[]>
        {
            { "random bytes", Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251)).ToArray() },
            { "empty file", [] },
            { "text file", Encoding.UTF8.GetBytes("this is not a model") },
            { "zip without manifest", Zip(("model.zip", [1, 2, 3])) },
            { "zip without pipeline", Zip(("manifest.json", manifestJson)) },
            { "manifest is not JSON", Zip(("manifest.json", Encoding.UTF8.GetBytes("{ nope")), ("model.zip", [1, 2, 3])) },
            { "manifest lacks required fields", Zip(("manifest.json", Encoding.UTF8.GetBytes("""{"version":"x"}""")), ("model.zip", [1, 2, 3])) },
            { "manifest is null", Zip(("manifest.json", Encoding.UTF8.GetBytes("null")), ("model.zip", [1, 2, 3])) },
            { "pipeline is garbage", Zip(("manifest.json", manifestJson), ("model.zip", Encoding.UTF8.GetBytes("garbage, not ML.NET"))) },
            { "pipeline is an empty zip", Zip(("manifest.json", manifestJson), ("model.zip", Zip())) },
        };
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Loading_a_corrupt_file_names_the_path_and_how_to_retrain(string what, byte[] contents)
    {
        var path = _dir.WriteBytes("corrupt.zip", contents);

        var e = Assert.Throws<ModelLoadException>(() => ModelBundle.Load(path, new MLContext()));

        Assert.Contains("corrupt", e.Message);
        Assert.Contains(Path.GetFullPath(path), e.Message);
        Assert.Contains("train --data models/data --out " + path, e.Message);
        Assert.NotNull(e.InnerException);
        Assert.False(string.IsNullOrEmpty(what));
    }
}
