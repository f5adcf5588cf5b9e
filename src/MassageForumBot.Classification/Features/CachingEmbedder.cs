using System.Collections.Concurrent;

namespace MassageForumBot.Classification.Features;

/// <summary>Remembers vectors by text for one training or experiment run, where every post is embedded once per fold otherwise.</summary>
public sealed class CachingEmbedder(ISentenceEmbedder inner) : ISentenceEmbedder
{
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    public string Name => inner.Name;

    public int Dimensions => inner.Dimensions;

    public float[] Embed(string text) => _cache.GetOrAdd(text, inner.Embed);

    public IReadOnlyList<float[]> EmbedMany(IReadOnlyList<string> texts)
    {
        var missing = texts.Where(t => !_cache.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var vectors = inner.EmbedMany(missing);
            for (var i = 0; i < missing.Count; i++) _cache.TryAdd(missing[i], vectors[i]);
        }
        return texts.Select(t => _cache[t]).ToList();
    }
}
