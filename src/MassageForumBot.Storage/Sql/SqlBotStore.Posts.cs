using System.Data.Common;

namespace MassageForumBot.Storage.Sql;

public abstract partial class SqlBotStore
{
    private const string DecisionColumns = "message_id, guild_id, channel_id, author_id, topic, confidence, scores_json, outcome, reason, at, excerpt, watched_channel_id";
    private const string ClaimColumns = "post_id, channel_id, nonce, state, reply_message_id, claimed_at";

    public async Task<bool> RecordDecisionAsync(PostDecision d, CancellationToken cancel = default) =>
        await ExecuteAsync(
            $"""
            INSERT INTO decisions ({DecisionColumns})
            SELECT @m, @g, @c, @a, @t, @conf, @s, @o, @r, @at, CAST(@x AS TEXT), CAST(@w AS BIGINT)
            WHERE {NotForgotten("@m", "@c", "CAST(@w AS BIGINT)", "@g")} AND NOT EXISTS (SELECT 1 FROM opt_outs WHERE user_id = @a)
            ON CONFLICT (message_id) DO UPDATE SET guild_id = excluded.guild_id, channel_id = excluded.channel_id,
                author_id = excluded.author_id, topic = excluded.topic, confidence = excluded.confidence,
                scores_json = excluded.scores_json, outcome = excluded.outcome, reason = excluded.reason, at = excluded.at,
                excerpt = excluded.excerpt, watched_channel_id = excluded.watched_channel_id
            """,
            cancel,
            ("@m", d.MessageId), ("@g", d.GuildId), ("@c", d.ChannelId), ("@a", d.AuthorId), ("@t", d.Topic),
            ("@conf", d.Confidence), ("@s", d.ScoresJson), ("@o", d.Outcome), ("@r", d.Reason), ("@at", d.At), ("@x", d.Excerpt),
            ("@w", d.WatchedChannelId)) == 1;

    public async Task<PostDecision?> GetDecisionAsync(ulong messageId, CancellationToken cancel = default) =>
        (await QueryAsync($"SELECT {DecisionColumns} FROM decisions WHERE message_id = @m", ReadDecision, cancel, ("@m", messageId))).FirstOrDefault();

    public async Task<IReadOnlyList<PostDecision>> RecentDecisionsAsync(ulong guildId, int limit, CancellationToken cancel = default) =>
        await QueryAsync($"SELECT {DecisionColumns} FROM decisions WHERE guild_id = @g ORDER BY at DESC LIMIT @l", ReadDecision, cancel, ("@g", guildId), ("@l", limit));

    public async Task<IReadOnlyList<PostDecision>> RecentAnswersAsync(DateTimeOffset since, int limit, CancellationToken cancel = default) =>
        await QueryAsync(
            $"SELECT {DecisionColumns} FROM decisions WHERE at >= @s AND outcome IN (@o1, @o2) ORDER BY at DESC, message_id DESC LIMIT @l",
            ReadDecision, cancel, ("@s", since), ("@o1", PostOutcome.Replied), ("@o2", PostOutcome.ShadowDraft), ("@l", limit));

    public async Task<IReadOnlyList<ulong>> KnownGuildsAsync(CancellationToken cancel = default) =>
        await QueryAsync("SELECT guild_id FROM decisions UNION SELECT guild_id FROM guild_settings UNION SELECT guild_id FROM daily_counts ORDER BY guild_id", r => Id(r, 0), cancel);

    public async Task<(ReplyClaim Claim, bool IsNew)> ClaimReplyAsync(ulong postId, ulong channelId, string nonce, DateTimeOffset at, CancellationToken cancel = default)
    {
        // One row per post under a primary key: of two deliveries racing, even in two processes, exactly one inserts;
        // the other reads its claim.
        var inserted = await ExecuteAsync(
            $"INSERT INTO reply_claims ({ClaimColumns}) VALUES (@p, @c, @n, @s, NULL, @at) ON CONFLICT (post_id) DO NOTHING",
            cancel, ("@p", postId), ("@c", channelId), ("@n", nonce), ("@s", ReplyState.Sending), ("@at", at));
        var claim = await GetClaimAsync(postId, cancel) ?? throw new InvalidOperationException($"claim for {postId} vanished");
        return (claim, inserted == 1);
    }

    public Task MarkReplySentAsync(ulong postId, ulong? replyMessageId, CancellationToken cancel = default) =>
        ExecuteAsync("UPDATE reply_claims SET state = @s, reply_message_id = @r WHERE post_id = @p", cancel,
            ("@s", ReplyState.Sent), ("@r", replyMessageId), ("@p", postId));

    public Task MarkReplyRemovedAsync(ulong postId, CancellationToken cancel = default) =>
        ExecuteAsync("UPDATE reply_claims SET state = @s WHERE post_id = @p", cancel, ("@s", ReplyState.Removed), ("@p", postId));

    public Task ReleaseClaimAsync(ulong postId, CancellationToken cancel = default) =>
        ExecuteAsync("DELETE FROM reply_claims WHERE post_id = @p AND state = @s", cancel, ("@p", postId), ("@s", ReplyState.Sending));

    public async Task<ReplyClaim?> GetClaimAsync(ulong postId, CancellationToken cancel = default) =>
        (await QueryAsync($"SELECT {ClaimColumns} FROM reply_claims WHERE post_id = @p", ReadClaim, cancel, ("@p", postId))).FirstOrDefault();

    public async Task<ReplyClaim?> FindClaimByReplyAsync(ulong replyMessageId, CancellationToken cancel = default) =>
        (await QueryAsync($"SELECT {ClaimColumns} FROM reply_claims WHERE reply_message_id = @r", ReadClaim, cancel, ("@r", replyMessageId))).FirstOrDefault();

    private static PostDecision ReadDecision(DbDataReader r) => new(
        Id(r, 0), Id(r, 1), Id(r, 2), Id(r, 3), r.GetString(4), r.GetDouble(5), r.GetString(6),
        Enum.Parse<PostOutcome>(r.GetString(7)), r.GetString(8), Time(r, 9))
    {
        Excerpt = r.IsDBNull(10) ? null : r.GetString(10),
        WatchedChannelId = NullableId(r, 11),
    };

    private static ReplyClaim ReadClaim(DbDataReader r) => new(
        Id(r, 0), Id(r, 1), r.GetString(2), Enum.Parse<ReplyState>(r.GetString(3)), NullableId(r, 4), Time(r, 5));
}
