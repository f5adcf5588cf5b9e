namespace MassageForumBot.Storage.Sql;

public abstract partial class SqlBotStore
{
    /// <summary>Milliseconds from the Unix epoch to Discord's (2015-01-01): a snowflake's creation time is (id &gt;&gt; 22) + this.</summary>
    private const long DiscordEpochMs = 1_420_070_400_000;

    private const long DayMs = 86_400_000;

    /// <summary>SQL that is true when no tombstone covers a post: none of the given ids (the post, its channels, its guild)
    /// was forgotten at or after the post was made. Nullable ids are passed cast to BIGINT (PostgreSQL cannot type a bare null).</summary>
    private static string NotForgotten(string messageId, params string[] containers) =>
        $"NOT EXISTS (SELECT 1 FROM forgotten f WHERE f.id IN ({messageId}, {string.Join(", ", containers)}) AND ({messageId} >> 22) + {DiscordEpochMs} <= f.at)";

    /// <summary>Records that an id was forgotten; a second forgetting keeps the later time.</summary>
    private string Tombstone =>
        $"INSERT INTO forgotten (id, guild_id, channel_id, at) VALUES (@id, @g, @c, @at) ON CONFLICT (id) DO UPDATE SET at = {Greatest("forgotten.at", "excluded.at")}";

    public Task<ForgetResult> ForgetMessagesAsync(ulong guildId, ulong channelId, IReadOnlyCollection<ulong> messageIds, DateTimeOffset at, CancellationToken cancel = default) =>
        WriteAsync(async run =>
        {
            var result = ForgetResult.None;
            foreach (var id in messageIds.Distinct())
            {
                await run(Tombstone, ("@id", id), ("@g", guildId), ("@c", channelId), ("@at", at));
                var feedback = await run("UPDATE feedback SET text = NULL WHERE post_id = @m AND text IS NOT NULL", ("@m", id));
                var threads = await run("DELETE FROM threads WHERE message_id = @m", ("@m", id));
                var decisions = await run("DELETE FROM decisions WHERE message_id = @m", ("@m", id));
                result = new ForgetResult(result.Decisions + decisions, result.Threads + threads, result.Feedback + feedback);
            }
            return result;
        }, cancel);

    public Task<ForgetResult> ForgetChannelAsync(ulong guildId, ulong channelId, DateTimeOffset at, CancellationToken cancel = default) =>
        WriteAsync(async run =>
        {
            const string inDecisions = "message_id = @c OR channel_id = @c OR watched_channel_id = @c";
            const string inThreads = "message_id = @c OR channel_id = @c OR thread_id = @c OR watched_channel_id = @c";
            await run(Tombstone, ("@id", channelId), ("@g", guildId), ("@c", channelId), ("@at", at));
            var feedback = await run(
                $"UPDATE feedback SET text = NULL WHERE text IS NOT NULL AND post_id IN (SELECT message_id FROM decisions WHERE {inDecisions} UNION SELECT message_id FROM threads WHERE {inThreads})",
                ("@c", channelId));
            var threads = await run($"DELETE FROM threads WHERE {inThreads}", ("@c", channelId));
            var decisions = await run($"DELETE FROM decisions WHERE {inDecisions}", ("@c", channelId));
            return new ForgetResult(decisions, threads, feedback);
        }, cancel);

    public Task<ForgetResult> ForgetGuildAsync(ulong guildId, DateTimeOffset at, CancellationToken cancel = default) =>
        WriteAsync(async run =>
        {
            await run(Tombstone, ("@id", guildId), ("@g", guildId), ("@c", 0UL), ("@at", at));
            var feedback = await run("DELETE FROM feedback WHERE guild_id = @g", ("@g", guildId));
            var threads = await run("DELETE FROM threads WHERE guild_id = @g", ("@g", guildId));
            var decisions = await run("DELETE FROM decisions WHERE guild_id = @g", ("@g", guildId));
            return new ForgetResult(decisions, threads, feedback);
        }, cancel);

    public Task<ForgetResult> ForgetAuthorAsync(ulong userId, CancellationToken cancel = default) =>
        WriteAsync(async run =>
        {
            const string posts = "SELECT message_id FROM decisions WHERE author_id = @u UNION SELECT message_id FROM threads WHERE author_id = @u";
            var texts = await run($"UPDATE feedback SET text = NULL WHERE text IS NOT NULL AND post_id IN ({posts})", ("@u", userId));
            var votes = await run("DELETE FROM feedback WHERE user_id = @u AND NOT by_moderator", ("@u", userId));
            var threads = await run($"DELETE FROM threads WHERE message_id IN ({posts})", ("@u", userId));
            var decisions = await run("DELETE FROM decisions WHERE author_id = @u", ("@u", userId));
            return new ForgetResult(decisions, threads, texts + votes);
        }, cancel);

    public async Task<bool> IsForgottenAsync(ulong messageId, ulong channelId, ulong? watchedChannelId, ulong guildId, CancellationToken cancel = default) =>
        (await QueryAsync($"SELECT 1 WHERE NOT {NotForgotten("@m", "@c", "CAST(@w AS BIGINT)", "@g")}", _ => true, cancel,
            ("@m", messageId), ("@c", channelId), ("@w", watchedChannelId), ("@g", guildId))).Count > 0;

    public async Task<MemberData> MemberDataAsync(ulong userId, int limit, CancellationToken cancel = default)
    {
        var recent = await QueryAsync($"SELECT {DecisionColumns} FROM decisions WHERE author_id = @u ORDER BY at DESC, message_id DESC LIMIT @l",
            ReadDecision, cancel, ("@u", userId), ("@l", limit));
        var counts = (await QueryAsync(
            """
            SELECT (SELECT COUNT(*) FROM decisions WHERE author_id = @u),
                   (SELECT COUNT(*) FROM threads WHERE author_id = @u OR message_id IN (SELECT message_id FROM decisions WHERE author_id = @u)),
                   (SELECT COUNT(*) FROM feedback WHERE user_id = @u),
                   (SELECT at FROM opt_outs WHERE user_id = @u)
            """,
            r => (Posts: (int)r.GetInt64(0), Threads: (int)r.GetInt64(1), Feedback: (int)r.GetInt64(2), OptedOut: r.IsDBNull(3) ? (DateTimeOffset?)null : Time(r, 3)),
            cancel, ("@u", userId)))[0];
        return new MemberData(recent, counts.Posts, counts.Threads, counts.Feedback, counts.OptedOut);
    }

    public async Task<IReadOnlyList<DailyCount>> DailyCountsAsync(ulong? guildId, DateTimeOffset since, CancellationToken cancel = default) =>
        Merge(await QueryAsync(
            $"""
            SELECT guild_id, at / {DayMs}, topic, outcome, COUNT(*) FROM decisions
            WHERE (CAST(@g AS BIGINT) IS NULL OR guild_id = @g) AND at >= @s GROUP BY 1, 2, 3, 4
            UNION ALL
            SELECT guild_id, at / {DayMs}, predicted_topic, '{DailyCount.FeedbackPrefix}' || kind, COUNT(*) FROM feedback
            WHERE (CAST(@g AS BIGINT) IS NULL OR guild_id = @g) AND at >= @s GROUP BY 1, 2, 3, 4
            UNION ALL
            SELECT guild_id, day, topic, outcome, count FROM daily_counts WHERE (CAST(@g AS BIGINT) IS NULL OR guild_id = @g) AND day >= @sd
            """,
            r => new DailyCount(Id(r, 0), DailyCount.DayOf(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetInt64(4)),
            cancel, ("@g", guildId), ("@s", since), ("@sd", since.ToUnixTimeMilliseconds() / DayMs)));

    public Task<RetentionResult> ApplyRetentionAsync(DateTimeOffset cutoff, DateTimeOffset tombstoneCutoff, CancellationToken cancel = default) =>
        WriteAsync(async run =>
        {
            // A moderator's topic, Helpful or Not helpful is a training label (see `feedback export`): that row stays.
            const string membersFeedback = $"at < @c AND NOT (by_moderator AND (corrected_label IS NOT NULL OR kind IN ('{FeedbackKinds.Helpful}', '{FeedbackKinds.NotHelpful}')))";
            const string add = "ON CONFLICT (guild_id, day, topic, outcome) DO UPDATE SET count = daily_counts.count + excluded.count";
            await run($"INSERT INTO daily_counts (guild_id, day, topic, outcome, count) SELECT guild_id, at / {DayMs}, topic, outcome, COUNT(*) FROM decisions WHERE at < @c GROUP BY 1, 2, 3, 4 {add}",
                ("@c", cutoff));
            await run($"INSERT INTO daily_counts (guild_id, day, topic, outcome, count) SELECT guild_id, at / {DayMs}, predicted_topic, '{DailyCount.FeedbackPrefix}' || kind, COUNT(*) FROM feedback WHERE {membersFeedback} GROUP BY 1, 2, 3, 4 {add}",
                ("@c", cutoff));
            var decisions = await run("DELETE FROM decisions WHERE at < @c", ("@c", cutoff));
            var feedback = await run($"DELETE FROM feedback WHERE {membersFeedback}", ("@c", cutoff));
            var threads = await run("DELETE FROM threads WHERE at < @c", ("@c", cutoff));
            var tombstones = await run("DELETE FROM forgotten WHERE at < @t", ("@t", tombstoneCutoff));
            return new RetentionResult(decisions, threads, feedback, tombstones);
        }, cancel);

    /// <summary>Stored rows and kept counts of the same guild, day, topic and outcome become one count.</summary>
    private static List<DailyCount> Merge(IEnumerable<DailyCount> counts) =>
        counts.GroupBy(c => (c.GuildId, c.Day, c.Topic, c.Outcome))
            .Select(g => new DailyCount(g.Key.GuildId, g.Key.Day, g.Key.Topic, g.Key.Outcome, g.Sum(c => c.Count)))
            .OrderBy(c => c.Day).ThenBy(c => c.GuildId).ThenBy(c => c.Outcome, StringComparer.Ordinal).ThenBy(c => c.Topic, StringComparer.Ordinal)
            .ToList();
}
