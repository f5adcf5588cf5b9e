using MassageForumBot.Classification.Features;

namespace MassageForumBot.Classification.Tests.Support;

/// <summary>A deterministic bag-of-words "sentence vector": enough for a model to learn the small dataset, with no ONNX.
/// Counts its calls so tests can tell whether the classifier used it.</summary>
public sealed class FakeEmbedder : ISentenceEmbedder
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public string Name => "fake-bag-of-words";

    public int Dimensions => PostRow.EmbeddingSize;

    public float[] Embed(string text)
    {
        Interlocked.Increment(ref _calls);
        var vector = new float[PostRow.EmbeddingSize];
        foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = 2166136261u;
            foreach (var c in word) hash = (hash ^ c) * 16777619u;
            vector[hash % PostRow.EmbeddingSize] += 1;
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0) for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }
}

/// <summary>An embedder that must never be called (n-gram models need none).</summary>
public sealed class ForbiddenEmbedder : ISentenceEmbedder
{
    public string Name => "forbidden";

    public int Dimensions => PostRow.EmbeddingSize;

    public float[] Embed(string text) => throw new InvalidOperationException("an n-gram model asked for a sentence vector");
}
