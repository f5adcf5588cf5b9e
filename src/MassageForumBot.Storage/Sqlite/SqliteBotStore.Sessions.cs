namespace MassageForumBot.Storage.Sqlite;

public sealed partial class SqliteBotStore
{
    public async Task<StoredGatewaySession?> LoadSessionAsync(int shardId, CancellationToken cancel = default) =>
        (await QueryAsync(
            "SELECT shard_id, session_id, sequence, resume_url, saved_at FROM gateway_sessions WHERE shard_id = @s",
            r => new StoredGatewaySession(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetString(3), Time(r, 4)),
            cancel, ("@s", shardId))).FirstOrDefault();

    public Task SaveSessionAsync(StoredGatewaySession s, CancellationToken cancel = default) =>
        ExecuteAsync(
            "INSERT OR REPLACE INTO gateway_sessions (shard_id, session_id, sequence, resume_url, saved_at) VALUES (@s, @id, @q, @u, @at)",
            cancel, ("@s", s.ShardId), ("@id", s.SessionId), ("@q", s.Sequence), ("@u", s.ResumeGatewayUrl), ("@at", s.SavedAt));

    public Task ClearSessionAsync(int shardId, CancellationToken cancel = default) =>
        ExecuteAsync("DELETE FROM gateway_sessions WHERE shard_id = @s", cancel, ("@s", shardId));
}
