using System.Globalization;

namespace MassageForumBot.Storage.Postgres;

public sealed partial class PostgresBotStore
{
    private const string ThreadColumns = "message_id, guild_id, channel_id, thread_id, topic, title, at, vector, watched_channel_id, author_id";

    public Task RememberAsync(RememberedThread t, CancellationToken cancel = default)
    {
        (string, object?)[] parameters =
        [
            ("@m", t.MessageId), ("@g", t.GuildId), ("@c", t.ChannelId), ("@th", t.ThreadId), ("@t", t.Topic), ("@ti", t.Title),
            ("@at", t.At), ("@v", ToBlob(t.Vector)), ("@w", t.WatchedChannelId), ("@a", t.AuthorId),
        ];
        return ExecuteAsync(
            $"""
            INSERT INTO threads ({ThreadColumns}{(UsesPgvector ? ", embedding" : "")})
            SELECT @m, @g, @c, CAST(@th AS BIGINT), @t, @ti, @at, @v, CAST(@w AS BIGINT), CAST(@a AS BIGINT){(UsesPgvector ? ", CAST(CAST(@e AS TEXT) AS vector)" : "")}
            WHERE {NotForgotten("@m", "@c", "CAST(@th AS BIGINT)", "CAST(@w AS BIGINT)", "@g")}
                AND NOT EXISTS (SELECT 1 FROM opt_outs WHERE user_id = CAST(@a AS BIGINT))
            ON CONFLICT (message_id) DO UPDATE SET guild_id = excluded.guild_id, channel_id = excluded.channel_id,
                thread_id = excluded.thread_id, topic = excluded.topic, title = excluded.title, at = excluded.at,
                vector = excluded.vector, watched_channel_id = excluded.watched_channel_id, author_id = excluded.author_id
                {(UsesPgvector ? ", embedding = excluded.embedding" : "")}
            """,
            cancel, UsesPgvector ? [.. parameters, ("@e", VectorLiteral(t.Vector))] : parameters);
    }

    public async Task<IReadOnlyList<RememberedThread>> ThreadsAsync(ulong guildId, string topic, int limit, CancellationToken cancel = default) =>
        await QueryAsync(
            $"SELECT {ThreadColumns} FROM threads WHERE guild_id = @g AND topic = @t ORDER BY at DESC LIMIT @l",
            ReadThread, cancel, ("@g", guildId), ("@t", topic), ("@l", limit));

    /// <summary>
    /// With pgvector the server ranks by cosine distance and returns only the nearest; without it, the newest of the
    /// guild and topic (an index range scan), so memory stays bounded either way.
    /// </summary>
    public async Task<IReadOnlyList<RememberedThread>> SimilarCandidatesAsync(ulong guildId, string topic, float[] vector, int limit, CancellationToken cancel = default)
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

    public Task ForgetAsync(ulong messageId, CancellationToken cancel = default) =>
        ExecuteAsync("DELETE FROM threads WHERE message_id = @m", cancel, ("@m", messageId));

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancel = default) =>
        ExecuteAsync("DELETE FROM threads WHERE at < @c", cancel, ("@c", cutoff));

    private static RememberedThread ReadThread(Npgsql.NpgsqlDataReader r) => new(
        Id(r, 0), Id(r, 1), Id(r, 2), NullableId(r, 3), r.GetString(4), r.GetString(5), Time(r, 6), FromBlob((byte[])r[7]))
    {
        WatchedChannelId = NullableId(r, 8),
        AuthorId = NullableId(r, 9),
    };

    /// <summary>pgvector's text form, '[1,2,3]'; a vector it cannot hold (empty, NaN or infinite) is kept out of the ranking.</summary>
    private static string? VectorLiteral(float[] vector) =>
        vector.Length == 0 || !vector.All(float.IsFinite)
            ? null
            : "[" + string.Join(',', vector.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";
}
