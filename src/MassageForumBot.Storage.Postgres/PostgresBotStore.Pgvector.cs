using System.Globalization;

namespace MassageForumBot.Storage.Postgres;

/// <summary>pgvector: each thread's vector is also written as an embedding the server can rank by cosine distance.</summary>
public sealed partial class PostgresBotStore
{
    protected override ThreadExtraColumn? ExtraThreadColumn(RememberedThread thread) =>
        UsesPgvector ? new("embedding", "CAST(CAST(@e AS TEXT) AS vector)", "@e", VectorLiteral(thread.Vector)) : null;

    /// <summary>
    /// With pgvector the server ranks by cosine distance and returns only the nearest; without it, the newest of the
    /// guild and topic (an index range scan), so memory stays bounded either way.
    /// </summary>
    public override async Task<IReadOnlyList<RememberedThread>> SimilarCandidatesAsync(ulong guildId, string topic, float[] vector, int limit, CancellationToken cancel = default)
    {
        if (!UsesPgvector || vector.Length == 0 || !vector.All(float.IsFinite))
            return await ThreadsAsync(guildId, topic, limit, cancel);
        return await QueryAsync(
            $"""
            SELECT {ThreadColumns} FROM threads
            WHERE guild_id = @g AND topic = @t AND embedding IS NOT NULL AND vector_dims(embedding) = @d
            ORDER BY embedding <=> CAST(@e AS vector), at DESC LIMIT @l
            """,
            ReadThread, cancel, ("@g", guildId), ("@t", topic), ("@d", vector.Length), ("@e", VectorLiteral(vector)), ("@l", limit));
    }

    /// <summary>pgvector's text form, '[1,2,3]'; a vector it cannot hold (empty, NaN or infinite) is kept out of the ranking.</summary>
    private static string? VectorLiteral(float[] vector) =>
        vector.Length == 0 || !vector.All(float.IsFinite)
            ? null
            : "[" + string.Join(',', vector.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";
}
