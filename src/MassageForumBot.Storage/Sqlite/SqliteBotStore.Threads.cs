namespace MassageForumBot.Storage.Sqlite;

public sealed partial class SqliteBotStore
{
    private const string ThreadColumns = "message_id, guild_id, channel_id, thread_id, topic, title, at, vector, watched_channel_id, author_id";

    public Task RememberAsync(RememberedThread t, CancellationToken cancel = default) =>
        ExecuteAsync(
            $"""
            INSERT OR REPLACE INTO threads ({ThreadColumns}) SELECT @m, @g, @c, @th, @t, @ti, @at, @v, @w, @a
            WHERE {NotForgotten("@m", "@c", "@th", "@w", "@g")} AND NOT EXISTS (SELECT 1 FROM opt_outs WHERE user_id = @a)
            """,
            cancel,
            ("@m", t.MessageId), ("@g", t.GuildId), ("@c", t.ChannelId), ("@th", t.ThreadId), ("@t", t.Topic), ("@ti", t.Title), ("@at", t.At),
            ("@v", ToBlob(t.Vector)), ("@w", t.WatchedChannelId), ("@a", t.AuthorId));

    public async Task<IReadOnlyList<RememberedThread>> ThreadsAsync(ulong guildId, string topic, int limit, CancellationToken cancel = default) =>
        await QueryAsync(
            $"SELECT {ThreadColumns} FROM threads WHERE guild_id = @g AND topic = @t ORDER BY at DESC LIMIT @l",
            r => new RememberedThread(Id(r, 0), Id(r, 1), Id(r, 2), NullableId(r, 3), r.GetString(4), r.GetString(5), Time(r, 6), FromBlob((byte[])r[7]))
            {
                WatchedChannelId = NullableId(r, 8),
                AuthorId = NullableId(r, 9),
            },
            cancel, ("@g", guildId), ("@t", topic), ("@l", limit));

    /// <summary>SQLite cannot rank vectors itself: the newest threads of the guild and topic, bounded.</summary>
    public Task<IReadOnlyList<RememberedThread>> SimilarCandidatesAsync(ulong guildId, string topic, float[] vector, int limit, CancellationToken cancel = default) =>
        ThreadsAsync(guildId, topic, limit, cancel);

    public Task ForgetAsync(ulong messageId, CancellationToken cancel = default) =>
        ExecuteAsync("DELETE FROM threads WHERE message_id = @m", cancel, ("@m", messageId));

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancel = default) =>
        ExecuteAsync("DELETE FROM threads WHERE at < @c", cancel, ("@c", cutoff));
}
