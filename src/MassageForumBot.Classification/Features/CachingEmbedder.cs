using System.Collections.Concurrent;

namespace MassageForumBot.Classification.Features;

/// <summary>Remembers vectors by text for one training or experiment run, where every post is embedded once per fold otherwise.</summary>
public sealed class CachingEmbedder(ISentenceEmbedder inner) : ISentenceEmbedder
{
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    public string Name => inner.Name;

    public int Dimensions => inner.Dimensions;

    public float[] Embed(string text) => _cache.GetOrAdd(text, inner.Embed);
}
