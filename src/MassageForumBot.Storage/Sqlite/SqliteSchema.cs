namespace MassageForumBot.Storage.Sqlite;

/// <summary>Schema versions, applied in order; PRAGMA user_version records the last one applied.</summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE decisions (
            message_id INTEGER PRIMARY KEY,
            guild_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            author_id INTEGER NOT NULL,
            topic TEXT NOT NULL,
            confidence REAL NOT NULL,
            scores_json TEXT NOT NULL,
            outcome TEXT NOT NULL,
            reason TEXT NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE INDEX decisions_guild_at ON decisions (guild_id, at DESC);
        CREATE TABLE reply_claims (
            post_id INTEGER PRIMARY KEY,
            channel_id INTEGER NOT NULL,
            nonce TEXT NOT NULL,
            state TEXT NOT NULL,
            reply_message_id INTEGER,
            claimed_at INTEGER NOT NULL
        );
        CREATE INDEX reply_claims_reply ON reply_claims (reply_message_id);
        CREATE TABLE threads (
            message_id INTEGER PRIMARY KEY,
            guild_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            thread_id INTEGER,
            topic TEXT NOT NULL,
            title TEXT NOT NULL,
            at INTEGER NOT NULL,
            vector BLOB NOT NULL
        );
        CREATE INDEX threads_guild_topic ON threads (guild_id, topic, at DESC);
        CREATE TABLE gateway_sessions (
            shard_id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            resume_url TEXT NOT NULL,
            saved_at INTEGER NOT NULL
        );
        """,
        """
        CREATE TABLE guild_settings (
            guild_id INTEGER PRIMARY KEY,
            mode TEXT,
            watched_json TEXT,
            threshold REAL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE feedback (
            post_id INTEGER NOT NULL,
            user_id INTEGER NOT NULL,
            guild_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            predicted_topic TEXT NOT NULL,
            corrected_label TEXT,
            text TEXT,
            by_moderator INTEGER NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (post_id, user_id)
        );
        CREATE INDEX feedback_guild_at ON feedback (guild_id, at DESC);
        CREATE TABLE opt_outs (
            user_id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL
        );
        """,
        """
        CREATE TABLE identify_slots (
            bucket INTEGER PRIMARY KEY,
            last_at INTEGER NOT NULL
        );
        """,
        """
        ALTER TABLE decisions ADD COLUMN excerpt TEXT;
        CREATE INDEX decisions_at ON decisions (at DESC);
        """,
        """
        ALTER TABLE decisions ADD COLUMN watched_channel_id INTEGER;
        CREATE INDEX decisions_author ON decisions (author_id);
        CREATE INDEX decisions_channel ON decisions (channel_id);
        CREATE INDEX decisions_watched ON decisions (watched_channel_id);
        ALTER TABLE threads ADD COLUMN watched_channel_id INTEGER;
        ALTER TABLE threads ADD COLUMN author_id INTEGER;
        CREATE INDEX threads_author ON threads (author_id);
        CREATE INDEX feedback_user ON feedback (user_id);
        CREATE TABLE forgotten (
            id INTEGER PRIMARY KEY,
            guild_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE INDEX forgotten_at ON forgotten (at);
        CREATE TABLE daily_counts (
            guild_id INTEGER NOT NULL,
            day INTEGER NOT NULL,
            topic TEXT NOT NULL,
            outcome TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (guild_id, day, topic, outcome)
        );
        """,
        """
        ALTER TABLE guild_settings ADD COLUMN log_channel_id INTEGER;
        """,
    ];
}
