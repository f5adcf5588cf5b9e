using System.Text.Json;

namespace MassageForumBot.Storage.Sqlite;

public sealed partial class SqliteBotStore
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
            "INSERT OR REPLACE INTO guild_settings (guild_id, mode, watched_json, threshold, updated_at, log_channel_id) VALUES (@g, @m, @w, @t, @at, @l)",
            cancel, ("@g", s.GuildId), ("@m", s.Mode), ("@w", s.WatchedChannels is null ? null : JsonSerializer.Serialize(s.WatchedChannels)),
            ("@t", s.Threshold), ("@at", s.UpdatedAt), ("@l", s.LogChannelId));

    public Task RecordFeedbackAsync(Feedback f, CancellationToken cancel = default) =>
        ExecuteAsync(
            $"INSERT OR REPLACE INTO feedback ({FeedbackColumns}) VALUES (@p, @u, @g, @k, @pt, @c, @tx, @mod, @at)",
            cancel, ("@p", f.PostId), ("@u", f.UserId), ("@g", f.GuildId), ("@k", f.Kind), ("@pt", f.PredictedTopic),
            ("@c", f.CorrectedLabel), ("@tx", f.Text), ("@mod", f.ByModerator ? 1 : 0), ("@at", f.At));

    public async Task<IReadOnlyList<Feedback>> FeedbackAsync(ulong? guildId, DateTimeOffset since, CancellationToken cancel = default) =>
        await QueryAsync(
            $"SELECT {FeedbackColumns} FROM feedback WHERE (@g IS NULL OR guild_id = @g) AND at >= @s ORDER BY at, post_id, user_id",
            r => new Feedback(Id(r, 0), Id(r, 1), Id(r, 2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.GetInt64(7) != 0, Time(r, 8)),
            cancel, ("@g", guildId), ("@s", since));

    public async Task<IReadOnlyList<Feedback>> ModeratorFeedbackAsync(DateTimeOffset since, CancellationToken cancel = default) =>
        await QueryAsync(
            $"SELECT {FeedbackColumns} FROM feedback WHERE by_moderator = 1 AND at >= @s ORDER BY at, post_id, user_id",
            r => new Feedback(Id(r, 0), Id(r, 1), Id(r, 2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.GetInt64(7) != 0, Time(r, 8)),
            cancel, ("@s", since));

    public Task SetOptedOutAsync(ulong userId, bool optedOut, DateTimeOffset at, CancellationToken cancel = default) =>
        optedOut
            ? ExecuteAsync("INSERT OR REPLACE INTO opt_outs (user_id, at) VALUES (@u, @at)", cancel, ("@u", userId), ("@at", at))
            : ExecuteAsync("DELETE FROM opt_outs WHERE user_id = @u", cancel, ("@u", userId));

    public async Task<bool> IsOptedOutAsync(ulong userId, CancellationToken cancel = default) =>
        (await QueryAsync("SELECT 1 FROM opt_outs WHERE user_id = @u", _ => true, cancel, ("@u", userId))).Count > 0;
}
