namespace MassageForumBot.Storage.Postgres;

/// <summary>
/// Schema versions, applied in order; the schema_version table records the last one applied. The tables mirror the
/// SQLite store: snowflakes as BIGINT (they fit in 63 bits), instants as Unix milliseconds.
/// </summary>
internal static class PostgresSchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE decisions (
            message_id BIGINT PRIMARY KEY,
            guild_id BIGINT NOT NULL,
            channel_id BIGINT NOT NULL,
            author_id BIGINT NOT NULL,
            topic TEXT NOT NULL,
            confidence DOUBLE PRECISION NOT NULL,
            scores_json TEXT NOT NULL,
            outcome TEXT NOT NULL,
            reason TEXT NOT NULL,
            at BIGINT NOT NULL
        );
        CREATE INDEX decisions_guild_at ON decisions (guild_id, at DESC);
        CREATE TABLE reply_claims (
            post_id BIGINT PRIMARY KEY,
            channel_id BIGINT NOT NULL,
            nonce TEXT NOT NULL,
            state TEXT NOT NULL,
            reply_message_id BIGINT,
            claimed_at BIGINT NOT NULL
        );
        CREATE INDEX reply_claims_reply ON reply_claims (reply_message_id);
        CREATE TABLE threads (
            message_id BIGINT PRIMARY KEY,
            guild_id BIGINT NOT NULL,
            channel_id BIGINT NOT NULL,
            thread_id BIGINT,
            topic TEXT NOT NULL,
            title TEXT NOT NULL,
            at BIGINT NOT NULL,
            vector BYTEA NOT NULL
        );
        CREATE INDEX threads_guild_topic ON threads (guild_id, topic, at DESC);
        CREATE TABLE gateway_sessions (
            shard_id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            resume_url TEXT NOT NULL,
            saved_at BIGINT NOT NULL
        );
        CREATE TABLE guild_settings (
            guild_id BIGINT PRIMARY KEY,
            mode TEXT,
            watched_json TEXT,
            threshold DOUBLE PRECISION,
            updated_at BIGINT NOT NULL
        );
        CREATE TABLE feedback (
            post_id BIGINT NOT NULL,
            user_id BIGINT NOT NULL,
            guild_id BIGINT NOT NULL,
            kind TEXT NOT NULL,
            predicted_topic TEXT NOT NULL,
            corrected_label TEXT,
            text TEXT,
            by_moderator BOOLEAN NOT NULL,
            at BIGINT NOT NULL,
            PRIMARY KEY (post_id, user_id)
        );
        CREATE INDEX feedback_guild_at ON feedback (guild_id, at DESC);
        CREATE TABLE opt_outs (
            user_id BIGINT PRIMARY KEY,
            at BIGINT NOT NULL
        );
        CREATE TABLE identify_slots (
            bucket INTEGER PRIMARY KEY,
            last_at BIGINT NOT NULL
        );
        """,
        """
        ALTER TABLE decisions ADD COLUMN excerpt TEXT;
        CREATE INDEX decisions_at ON decisions (at DESC);
        """,
        """
        ALTER TABLE decisions ADD COLUMN watched_channel_id BIGINT;
        CREATE INDEX decisions_author ON decisions (author_id);
        CREATE INDEX decisions_channel ON decisions (channel_id);
        CREATE INDEX decisions_watched ON decisions (watched_channel_id);
        ALTER TABLE threads ADD COLUMN watched_channel_id BIGINT;
        ALTER TABLE threads ADD COLUMN author_id BIGINT;
        CREATE INDEX threads_author ON threads (author_id);
        CREATE INDEX feedback_user ON feedback (user_id);
        CREATE TABLE forgotten (
            id BIGINT PRIMARY KEY,
            guild_id BIGINT NOT NULL,
            channel_id BIGINT NOT NULL,
            at BIGINT NOT NULL
        );
        CREATE INDEX forgotten_at ON forgotten (at);
        CREATE TABLE daily_counts (
            guild_id BIGINT NOT NULL,
            day BIGINT NOT NULL,
            topic TEXT NOT NULL,
            outcome TEXT NOT NULL,
            count BIGINT NOT NULL,
            PRIMARY KEY (guild_id, day, topic, outcome)
        );
        """,
        """
        ALTER TABLE guild_settings ADD COLUMN log_channel_id BIGINT;
        """,
    ];

    /// <summary>
    /// Applied after the numbered migrations when the server offers pgvector (it is optional, so it is not a numbered
    /// step): a copy of each thread's vector that the server can rank by cosine distance.
    /// </summary>
    public const string VectorColumn =
        """
        CREATE EXTENSION IF NOT EXISTS vector;
        ALTER TABLE threads ADD COLUMN IF NOT EXISTS embedding vector;
        """;
}
