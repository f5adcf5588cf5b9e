using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Classification.Tests.Support;

/// <summary>
/// Loads the shipped models/classifier.zip once, with the real ONNX sentence encoder, reads models/data, and scores the
/// rows the model recorded as held out (once, lazily, in parallel).
/// </summary>
public sealed class ShippedModelFixture : IDisposable
{
    private ArcticXsEmbedder? _embedder;
    private readonly Lazy<IReadOnlyList<ScoredPost>> _heldOutScored;

    public ShippedModelFixture()
    {
        // A missing model fails every test of the class with the loader's message, which says how to train one.
        Classifier = PostClassifier.Load(RepoPaths.ShippedModel, () => _embedder = new ArcticXsEmbedder());
        Data = DatasetReader.Read(RepoPaths.ShippedData);
        var testIds = Classifier.Manifest.TestIds.ToHashSet(StringComparer.Ordinal);
        HeldOut = Data.Where(r => testIds.Contains(r.Id)).ToList();
        _heldOutScored = new(() => HeldOut.AsParallel().AsOrdered()
            .Select(r => { var p = Classifier.Classify(r.Text); return new ScoredPost(r, p.Topic, p.Confidence); })
            .ToList());
    }

    public PostClassifier Classifier { get; }

    public IReadOnlyList<LabelledPost> Data { get; }

    public IReadOnlyList<LabelledPost> HeldOut { get; }

    public IReadOnlyList<ScoredPost> HeldOutScored => _heldOutScored.Value;

    public void Dispose() => _embedder?.Dispose();
}
