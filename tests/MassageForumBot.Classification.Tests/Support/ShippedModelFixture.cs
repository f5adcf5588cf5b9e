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
    private readonly Lazy<IReadOnlyList<Prediction>> _heldOutPredictions;

    public ShippedModelFixture()
    {
        // A missing model fails every test of the class with the loader's message, which says how to train one.
        Classifier = PostClassifier.Load(RepoPaths.ShippedModel, () => _embedder = new ArcticXsEmbedder());
        Data = DatasetReader.Read(RepoPaths.ShippedData);
        var testIds = Classifier.Manifest.TestIds.ToHashSet(StringComparer.Ordinal);
        HeldOut = Data.Where(r => testIds.Contains(r.Id)).ToList();
        _heldOutPredictions = new(() => HeldOut.AsParallel().AsOrdered().Select(r => Classifier.Classify(r.Text)).ToList());
    }

    public PostClassifier Classifier { get; }

    public IReadOnlyList<LabelledPost> Data { get; }

    public IReadOnlyList<LabelledPost> HeldOut { get; }

    /// <summary>The classifier's predictions for <see cref="HeldOut"/>, in the same order.</summary>
    public IReadOnlyList<Prediction> HeldOutPredictions => _heldOutPredictions.Value;

    public IReadOnlyList<ScoredPost> HeldOutScored => HeldOut.Zip(HeldOutPredictions, (r, p) => new ScoredPost(r, p.Topic, p.Confidence)).ToList();

    public void Dispose() => _embedder?.Dispose();
}
