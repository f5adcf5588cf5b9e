using MassageForumBot.Storage;

namespace MassageForumBot.Worker;

/// <summary>
/// Finds earlier threads on the same question in the same community, most similar first, by cosine similarity of
/// the sentence vectors the classifier already computed (never a keyword match).
/// </summary>
public sealed class EarlierThreadFinder
{
    /// <summary>
    /// How many remembered threads of a guild and topic are compared at most, so a search never loads every vector of
    /// a guild: the nearest by the store's own ranking (PostgreSQL with pgvector), else the newest.
    /// </summary>
    public const int CandidateLimit = 500;

    /// <summary>Below this, a thread is about something else even if it shares the topic.</summary>
    public const double MinimumSimilarity = 0.55;

    private readonly IThreadMemory _memory;

    public EarlierThreadFinder(IThreadMemory memory)
    {
        _memory = memory;
    }

    public async Task<IReadOnlyList<(RememberedThread Thread, double Similarity)>> FindAsync(
        ulong guildId, string topic, float[] vector, ulong excludeMessageId, int count, CancellationToken cancel)
    {
        var candidates = await _memory.SimilarCandidatesAsync(guildId, topic, vector, CandidateLimit, cancel);
        return candidates
            .Where(t => t.MessageId != excludeMessageId && t.Vector.Length == vector.Length)
            .Select(t => (Thread: t, Similarity: Cosine(vector, t.Vector)))
            .Where(x => x.Similarity >= MinimumSimilarity)
            .OrderByDescending(x => x.Similarity)
            .Take(count)
            .ToList();
    }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
