namespace MassageForumBot.Storage.Sql;

public abstract partial class SqlBotStore
{
    public async Task<StoredGatewaySession?> LoadSessionAsync(int shardId, CancellationToken cancel = default) =>
        (await QueryAsync(
            "SELECT shard_id, session_id, sequence, resume_url, saved_at FROM gateway_sessions WHERE shard_id = @s",
            r => new StoredGatewaySession(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetString(3), Time(r, 4)),
            cancel, ("@s", shardId))).FirstOrDefault();

    public Task SaveSessionAsync(StoredGatewaySession s, CancellationToken cancel = default) =>
        ExecuteAsync(
            """
            INSERT INTO gateway_sessions (shard_id, session_id, sequence, resume_url, saved_at) VALUES (@s, @id, @q, @u, @at)
            ON CONFLICT (shard_id) DO UPDATE SET session_id = excluded.session_id, sequence = excluded.sequence,
                resume_url = excluded.resume_url, saved_at = excluded.saved_at
            """,
            cancel, ("@s", s.ShardId), ("@id", s.SessionId), ("@q", s.Sequence), ("@u", s.ResumeGatewayUrl), ("@at", s.SavedAt));

    public Task ClearSessionAsync(int shardId, CancellationToken cancel = default) =>
        ExecuteAsync("DELETE FROM gateway_sessions WHERE shard_id = @s", cancel, ("@s", shardId));

    public async Task<DateTimeOffset?> TryTakeIdentifySlotAsync(int bucket, DateTimeOffset now, TimeSpan window, CancellationToken cancel = default)
    {
        // An upsert that only overwrites an expired slot, atomic across processes (SQLite's file lock, PostgreSQL's lock
        // on the conflicting row while the WHERE is checked): of two processes racing for a free slot one wins.
        var taken = await ExecuteAsync(
            """
            INSERT INTO identify_slots (bucket, last_at) VALUES (@b, @now)
            ON CONFLICT (bucket) DO UPDATE SET last_at = excluded.last_at WHERE identify_slots.last_at <= @free
            """,
            cancel, ("@b", bucket), ("@now", now), ("@free", now - window));
        if (taken == 1) return null;
        var last = await QueryAsync("SELECT last_at FROM identify_slots WHERE bucket = @b", r => Time(r, 0), cancel, ("@b", bucket));
        return last.Count == 0 ? now : last[0] + window;
    }
}
