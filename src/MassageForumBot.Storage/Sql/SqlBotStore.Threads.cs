using System.Data.Common;

namespace MassageForumBot.Storage.Sql;

public abstract partial class SqlBotStore
{
    protected const string ThreadColumns = "message_id, guild_id, channel_id, thread_id, topic, title, at, vector, watched_channel_id, author_id";

    /// <summary>A column a provider writes with each remembered thread besides the common ones (PostgreSQL's pgvector
    /// embedding): its name, the SQL of its value and that SQL's one parameter.</summary>
    protected sealed record ThreadExtraColumn(string Name, string ValueSql, string ParameterName, object? Value);

    /// <summary>The extra column to write with <paramref name="thread"/>, or null for none.</summary>
    protected virtual ThreadExtraColumn? ExtraThreadColumn(RememberedThread thread) => null;

    public Task RememberAsync(RememberedThread t, CancellationToken cancel = default)
    {
        (string, object?)[] parameters =
        [
            ("@m", t.MessageId), ("@g", t.GuildId), ("@c", t.ChannelId), ("@th", t.ThreadId), ("@t", t.Topic), ("@ti", t.Title),
            ("@at", t.At), ("@v", ToBlob(t.Vector)), ("@w", t.WatchedChannelId), ("@a", t.AuthorId),
        ];
        var extra = ExtraThreadColumn(t);
        return ExecuteAsync(
            $"""
            INSERT INTO threads ({ThreadColumns}{(extra is null ? "" : $", {extra.Name}")})
            SELECT @m, @g, @c, CAST(@th AS BIGINT), @t, @ti, @at, @v, CAST(@w AS BIGINT), CAST(@a AS BIGINT){(extra is null ? "" : $", {extra.ValueSql}")}
            WHERE {NotForgotten("@m", "@c", "CAST(@th AS BIGINT)", "CAST(@w AS BIGINT)", "@g")}
                AND NOT EXISTS (SELECT 1 FROM opt_outs WHERE user_id = CAST(@a AS BIGINT))
            ON CONFLICT (message_id) DO UPDATE SET guild_id = excluded.guild_id, channel_id = excluded.channel_id,
                thread_id = excluded.thread_id, topic = excluded.topic, title = excluded.title, at = excluded.at,
                vector = excluded.vector, watched_channel_id = excluded.watched_channel_id, author_id = excluded.author_id
                {(extra is null ? "" : $", {extra.Name} = excluded.{extra.Name}")}
            """,
            cancel, extra is null ? parameters : [.. parameters, (extra.ParameterName, extra.Value)]);
    }

    public async Task<IReadOnlyList<RememberedThread>> ThreadsAsync(ulong guildId, string topic, int limit, CancellationToken cancel = default) =>
        await QueryAsync(
            $"SELECT {ThreadColumns} FROM threads WHERE guild_id = @g AND topic = @t ORDER BY at DESC LIMIT @l",
            ReadThread, cancel, ("@g", guildId), ("@t", topic), ("@l", limit));

    /// <summary>Plain SQL cannot rank vectors: the newest threads of the guild and topic (an index range scan), bounded.
    /// A provider whose server ranks vectors overrides this.</summary>
    public virtual Task<IReadOnlyList<RememberedThread>> SimilarCandidatesAsync(ulong guildId, string topic, float[] vector, int limit, CancellationToken cancel = default) =>
        ThreadsAsync(guildId, topic, limit, cancel);

    public Task ForgetAsync(ulong messageId, CancellationToken cancel = default) =>
        ExecuteAsync("DELETE FROM threads WHERE message_id = @m", cancel, ("@m", messageId));

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancel = default) =>
        ExecuteAsync("DELETE FROM threads WHERE at < @c", cancel, ("@c", cutoff));

    /// <summary>Reads the columns of <see cref="ThreadColumns"/>, in that order.</summary>
    protected static RememberedThread ReadThread(DbDataReader r) => new(
        Id(r, 0), Id(r, 1), Id(r, 2), NullableId(r, 3), r.GetString(4), r.GetString(5), Time(r, 6), FromBlob((byte[])r[7]))
    {
        WatchedChannelId = NullableId(r, 8),
        AuthorId = NullableId(r, 9),
    };
}
