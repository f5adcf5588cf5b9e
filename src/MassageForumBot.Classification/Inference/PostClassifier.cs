using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Training;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace MassageForumBot.Classification.Inference;

/// <summary>
/// Classifies posts with a loaded model. Safe for many threads: PredictionEngine is not thread-safe,
/// so engines come from a pool, one per concurrent caller; the model itself is loaded once. Disposing it disposes the
/// pooled engines and, when it created it, the sentence embedder (an ONNX session): only once no call is running.
/// </summary>
public sealed class PostClassifier : IDisposable
{
    private readonly ObjectPool<PredictionEngine<PostRow, PostScores>> _engines;
    private readonly PostRowFactory _rows;
    private readonly FeatureSet _features;
    private readonly IDisposable? _ownedEmbedder;
    private int _disposed;

    /// <param name="ownsEmbedder">True when this classifier created <paramref name="embedder"/> and disposes it with itself.</param>
    public PostClassifier(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, ModelManifest manifest,
        ISentenceEmbedder? embedder, double? thresholdOverride = null, bool ownsEmbedder = false)
    {
        Manifest = manifest;
        Labels = manifest.Labels;
        Policy = new ReplyPolicy(thresholdOverride ?? manifest.ReplyThreshold);
        _features = Enum.Parse<FeatureSet>(manifest.Features);
        if (_features.UsesEmbeddings() && embedder is null)
            throw new ArgumentException($"the model uses {_features} features and needs a sentence embedder", nameof(embedder));
        _rows = new PostRowFactory(embedder);
        _ownedEmbedder = ownsEmbedder ? embedder as IDisposable : null;
        // The provider's pool of disposable objects disposes the engines it keeps, and any returned after it is disposed.
        _engines = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 2 }
            .Create(new EnginePolicy(() => ml.Model.CreatePredictionEngine<PostRow, PostScores>(transformer, inputSchema)));
    }

    public ModelManifest Manifest { get; }

    public IReadOnlyList<string> Labels { get; }

    public ReplyPolicy Policy { get; }

    /// <summary>Loads a model bundle from disk; the embedder is created only when the model's features need it.</summary>
    public static PostClassifier Load(string modelPath, Func<ISentenceEmbedder> embedderFactory, double? thresholdOverride = null)
    {
        var ml = new MLContext(seed: 1);
        var (transformer, schema, manifest) = ModelBundle.Load(modelPath, ml);
        var embedder = Enum.TryParse<FeatureSet>(manifest.Features, out var features) && features.UsesEmbeddings() ? embedderFactory() : null;
        return new PostClassifier(ml, transformer, schema, manifest, embedder, thresholdOverride, ownsEmbedder: true);
    }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        (_engines as IDisposable)?.Dispose();
        _ownedEmbedder?.Dispose();
    }

    public Prediction Classify(string? text)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (string.IsNullOrWhiteSpace(text))
            return new Prediction(ReplyPolicy.NoReplyLabel, 1.0, false, Labels.ToDictionary(l => l, l => l == ReplyPolicy.NoReplyLabel ? 1.0 : 0.0));

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // Long posts are also scored passage by passage, so a question in one paragraph of a long story is seen.
        var (row, passageRows) = _rows.Create(text, _features, Manifest.Passages);
        float[] score;
        var engine = _engines.Get();
        try
        {
            score = engine.Predict(row).Score;
            if (passageRows.Count > 0)
                score = ScoreCombiner.Combine(Labels, score, passageRows.Select(p => engine.Predict(p).Score).ToList(), Manifest.ReplyScore);
        }
        finally { _engines.Return(engine); }
        ClassifierMetrics.ClassifyDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);

        var scores = new Dictionary<string, double>(Labels.Count, StringComparer.Ordinal);
        for (var i = 0; i < Labels.Count; i++)
            scores[Labels[i]] = Math.Round(score[i], 6);
        var (best, raw) = ScoreCombiner.Decide(Labels, score, Manifest.ReplyScore);
        var topic = Labels[best];
        // Decide on the confidence that is reported, so "reply" never contradicts "confidence >= threshold".
        var confidence = Math.Round(raw, 6);
        return new Prediction(topic, confidence, Policy.ShouldReply(topic, confidence), scores,
            _features.UsesEmbeddings() ? row.Embedding : null);
    }

    private sealed class EnginePolicy(Func<PredictionEngine<PostRow, PostScores>> create) : IPooledObjectPolicy<PredictionEngine<PostRow, PostScores>>
    {
        public PredictionEngine<PostRow, PostScores> Create() => create();

        public bool Return(PredictionEngine<PostRow, PostScores> engine) => true;
    }
}
