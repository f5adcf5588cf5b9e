using System.Data.Common;
using System.Text.Json;

namespace MassageForumBot.Storage.Sql;

public abstract partial class SqlBotStore
{
    private const string FeedbackColumns = "post_id, user_id, guild_id, kind, predicted_topic, corrected_label, text, by_moderator, at";

    public async Task<GuildSettings?> GetGuildSettingsAsync(ulong guildId, CancellationToken cancel = default) =>
        (await QueryAsync(
            "SELECT guild_id, mode, watched_json, threshold, updated_at, log_channel_id FROM guild_settings WHERE guild_id = @g",
            r => new GuildSettings(Id(r, 0), r.IsDBNull(1) ? null : r.GetString(1),
                r.IsDBNull(2) ? null : JsonSerializer.Deserialize<List<ulong>>(r.GetString(2)),
                r.IsDBNull(3) ? null : r.GetDouble(3), Time(r, 4))
            {
                LogChannelId = NullableId(r, 5),
            },
            cancel, ("@g", guildId))).FirstOrDefault();

    public Task SaveGuildSettingsAsync(GuildSettings s, CancellationToken cancel = default) =>
        ExecuteAsync(
            """
            INSERT INTO guild_settings (guild_id, mode, watched_json, threshold, updated_at, log_channel_id) VALUES (@g, @m, @w, @t, @at, @l)
            ON CONFLICT (guild_id) DO UPDATE SET mode = excluded.mode, watched_json = excluded.watched_json,
                threshold = excluded.threshold, updated_at = excluded.updated_at, log_channel_id = excluded.log_channel_id
            """,
            cancel, ("@g", s.GuildId), ("@m", s.Mode), ("@w", s.WatchedChannels is null ? null : JsonSerializer.Serialize(s.WatchedChannels)),
            ("@t", s.Threshold), ("@at", s.UpdatedAt), ("@l", s.LogChannelId));

    /// <summary>by_moderator goes in as a bool parameter: a BOOLEAN in PostgreSQL, 0 or 1 in SQLite.</summary>
    public Task RecordFeedbackAsync(Feedback f, CancellationToken cancel = default) =>
        ExecuteAsync(
            $"""
            INSERT INTO feedback ({FeedbackColumns}) VALUES (@p, @u, @g, @k, @pt, @c, @tx, @mod, @at)
            ON CONFLICT (post_id, user_id) DO UPDATE SET guild_id = excluded.guild_id, kind = excluded.kind,
                predicted_topic = excluded.predicted_topic, corrected_label = excluded.corrected_label, text = excluded.text,
                by_moderator = excluded.by_moderator, at = excluded.at
            """,
            cancel, ("@p", f.PostId), ("@u", f.UserId), ("@g", f.GuildId), ("@k", f.Kind), ("@pt", f.PredictedTopic),
            ("@c", f.CorrectedLabel), ("@tx", f.Text), ("@mod", f.ByModerator), ("@at", f.At));

    public async Task<IReadOnlyList<Feedback>> FeedbackAsync(ulong? guildId, DateTimeOffset since, CancellationToken cancel = default) =>
        await QueryAsync(
            $"SELECT {FeedbackColumns} FROM feedback WHERE (CAST(@g AS BIGINT) IS NULL OR guild_id = @g) AND at >= @s ORDER BY at, post_id, user_id",
            ReadFeedback, cancel, ("@g", guildId), ("@s", since));

    public async Task<IReadOnlyList<Feedback>> ModeratorFeedbackAsync(DateTimeOffset since, CancellationToken cancel = default) =>
        await QueryAsync(
            $"SELECT {FeedbackColumns} FROM feedback WHERE by_moderator AND at >= @s ORDER BY at, post_id, user_id",
            ReadFeedback, cancel, ("@s", since));

    public Task SetOptedOutAsync(ulong userId, bool optedOut, DateTimeOffset at, CancellationToken cancel = default) =>
        optedOut
            ? ExecuteAsync("INSERT INTO opt_outs (user_id, at) VALUES (@u, @at) ON CONFLICT (user_id) DO UPDATE SET at = excluded.at", cancel, ("@u", userId), ("@at", at))
            : ExecuteAsync("DELETE FROM opt_outs WHERE user_id = @u", cancel, ("@u", userId));

    public async Task<bool> IsOptedOutAsync(ulong userId, CancellationToken cancel = default) =>
        (await QueryAsync("SELECT 1 FROM opt_outs WHERE user_id = @u", _ => true, cancel, ("@u", userId))).Count > 0;

    /// <summary>GetBoolean reads PostgreSQL's BOOLEAN and SQLite's 0/1 alike.</summary>
    private static Feedback ReadFeedback(DbDataReader r) => new(
        Id(r, 0), Id(r, 1), Id(r, 2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6), r.GetBoolean(7), Time(r, 8));
}
