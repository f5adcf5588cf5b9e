namespace MassageForumBot.Storage;

/// <summary>Decisions and the at-most-once reply bookkeeping.</summary>
public interface IPostStore
{
    /// <summary>Stores (or replaces) a decision, unless the post was forgotten meanwhile (see <see cref="IPrivacyStore.IsForgottenAsync"/>)
    /// or its author opted out; the check and the write are one statement. Returns whether it was stored.</summary>
    Task<bool> RecordDecisionAsync(PostDecision decision, CancellationToken cancel = default);

    Task<PostDecision?> GetDecisionAsync(ulong messageId, CancellationToken cancel = default);

    Task<IReadOnlyList<PostDecision>> RecentDecisionsAsync(ulong guildId, int limit, CancellationToken cancel = default);

    /// <summary>Replies and shadow drafts (outcome Replied or ShadowDraft, removed ones included: see the claim) of every
    /// guild and channel, the console channel's included, made at or after <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<PostDecision>> RecentAnswersAsync(DateTimeOffset since, int limit, CancellationToken cancel = default);

    /// <summary>Every guild the store knows of: from decisions and moderators' settings, ascending.</summary>
    Task<IReadOnlyList<ulong>> KnownGuildsAsync(CancellationToken cancel = default);

    /// <summary>Claims the right to reply to a post. Returns the new claim, or the existing one when the post was already claimed.</summary>
    Task<(ReplyClaim Claim, bool IsNew)> ClaimReplyAsync(ulong postId, ulong channelId, string nonce, DateTimeOffset at, CancellationToken cancel = default);

    /// <summary>Records the sent reply's id; null when nothing was posted (a shadow draft without a log channel).</summary>
    Task MarkReplySentAsync(ulong postId, ulong? replyMessageId, CancellationToken cancel = default);

    /// <summary>A moderator removed the reply: the claim stays, so the bot never posts again in that thread.</summary>
    Task MarkReplyRemovedAsync(ulong postId, CancellationToken cancel = default);

    /// <summary>Gives up a claim whose send failed for good, so a later delivery may try again.</summary>
    Task ReleaseClaimAsync(ulong postId, CancellationToken cancel = default);

    Task<ReplyClaim?> GetClaimAsync(ulong postId, CancellationToken cancel = default);

    Task<ReplyClaim?> FindClaimByReplyAsync(ulong replyMessageId, CancellationToken cancel = default);
}

/// <summary>Earlier threads, for "this comes up often" links.</summary>
public interface IThreadMemory
{
    /// <summary>Remembers a thread, unless it was forgotten meanwhile or its author opted out (checked in the same statement).</summary>
    Task RememberAsync(RememberedThread thread, CancellationToken cancel = default);

    Task<IReadOnlyList<RememberedThread>> ThreadsAsync(ulong guildId, string topic, int limit, CancellationToken cancel = default);

    /// <summary>
    /// At most <paramref name="limit"/> remembered threads of one guild and topic to rank against a new post's vector,
    /// so a search never loads every vector of a guild: the nearest by cosine distance where the store can rank
    /// vectors itself (PostgreSQL with pgvector), else the newest.
    /// </summary>
    Task<IReadOnlyList<RememberedThread>> SimilarCandidatesAsync(ulong guildId, string topic, float[] vector, int limit, CancellationToken cancel = default);

    Task ForgetAsync(ulong messageId, CancellationToken cancel = default);

    /// <summary>Deletes remembered threads older than the cut-off; returns how many.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancel = default);
}

/// <summary>Per-shard gateway session.</summary>
public interface ISessionStore
{
    Task<StoredGatewaySession?> LoadSessionAsync(int shardId, CancellationToken cancel = default);

    Task SaveSessionAsync(StoredGatewaySession session, CancellationToken cancel = default);

    Task ClearSessionAsync(int shardId, CancellationToken cancel = default);
}

/// <summary>Identify pacing shared by every shard process that uses the store.</summary>
public interface IIdentifyLeaseStore
{
    /// <summary>
    /// Takes the Identify slot of a rate-limit bucket when the bucket's last Identify was at least
    /// <paramref name="window"/> before <paramref name="now"/> (one atomic statement, so of two processes racing,
    /// one wins). Returns null when taken, else when the slot frees up.
    /// </summary>
    Task<DateTimeOffset?> TryTakeIdentifySlotAsync(int bucket, DateTimeOffset now, TimeSpan window, CancellationToken cancel = default);
}

/// <summary>Moderators' per-guild overrides.</summary>
public interface IGuildSettingsStore
{
    Task<GuildSettings?> GetGuildSettingsAsync(ulong guildId, CancellationToken cancel = default);

    Task SaveGuildSettingsAsync(GuildSettings settings, CancellationToken cancel = default);
}

/// <summary>Feedback on replies, and members who opted out.</summary>
public interface IFeedbackStore
{
    /// <summary>Stores feedback; a second click by the same person on the same reply replaces the first.</summary>
    Task RecordFeedbackAsync(Feedback feedback, CancellationToken cancel = default);

    Task<IReadOnlyList<Feedback>> FeedbackAsync(ulong? guildId, DateTimeOffset since, CancellationToken cancel = default);

    /// <summary>Moderators' feedback of every guild at or after <paramref name="since"/>: the only rows that may become
    /// training labels (members' votes never leave the store for training; alt accounts could steer it).</summary>
    Task<IReadOnlyList<Feedback>> ModeratorFeedbackAsync(DateTimeOffset since, CancellationToken cancel = default);

    Task SetOptedOutAsync(ulong userId, bool optedOut, DateTimeOffset at, CancellationToken cancel = default);

    Task<bool> IsOptedOutAsync(ulong userId, CancellationToken cancel = default);
}

/// <summary>
/// Forgetting and retention. Every forget keeps the reply claims (no content; they stop a second reply) and the
/// guild's settings. Deletes leave a tombstone (the deleted id, its guild and channel, when; no content) so a post
/// still being handled when its delete arrives is never stored afterwards: decisions and remembered threads are
/// written only when no tombstone covers them.
/// </summary>
public interface IPrivacyStore
{
    /// <summary>MESSAGE_DELETE and MESSAGE_DELETE_BULK: forgets these posts and leaves a tombstone for each.</summary>
    Task<ForgetResult> ForgetMessagesAsync(ulong guildId, ulong channelId, IReadOnlyCollection<ulong> messageIds, DateTimeOffset at, CancellationToken cancel = default);

    /// <summary>THREAD_DELETE and CHANNEL_DELETE: forgets every post in the thread or channel, or made in it (a forum's
    /// posts), and leaves a tombstone for the channel.</summary>
    Task<ForgetResult> ForgetChannelAsync(ulong guildId, ulong channelId, DateTimeOffset at, CancellationToken cancel = default);

    /// <summary>The bot was removed from a guild: forgets all its posts and feedback; its settings and day counts stay.
    /// The tombstone refuses posts made before <paramref name="at"/>, so a re-invited bot stores new posts again.</summary>
    Task<ForgetResult> ForgetGuildAsync(ulong guildId, DateTimeOffset at, CancellationToken cancel = default);

    /// <summary>Opt-out or an operator's request: forgets every post of this author in every guild, and the feedback
    /// clicks they gave as a member.</summary>
    Task<ForgetResult> ForgetAuthorAsync(ulong userId, CancellationToken cancel = default);

    /// <summary>True when a tombstone covers the post: its own id, its channel, its watched channel, or its guild
    /// (removed after the post was made, by the post id's snowflake time).</summary>
    Task<bool> IsForgottenAsync(ulong messageId, ulong channelId, ulong? watchedChannelId, ulong guildId, CancellationToken cancel = default);

    /// <summary>What is kept about one member, for `/mydata`: up to <paramref name="limit"/> newest posts of every guild.</summary>
    Task<MemberData> MemberDataAsync(ulong userId, int limit, CancellationToken cancel = default);

    /// <summary>Decisions and feedback counted per guild, UTC day, topic and outcome since <paramref name="since"/>: the
    /// stored rows and the counts that outlived them. Counts kept by retention cover whole days.</summary>
    Task<IReadOnlyList<DailyCount>> DailyCountsAsync(ulong? guildId, DateTimeOffset since, CancellationToken cancel = default);

    /// <summary>
    /// Storage:RetentionDays: decisions older than <paramref name="cutoff"/> become day counts and go (author ids,
    /// red-flag reasons, excerpts), remembered threads go (titles and vectors), members' feedback becomes day counts
    /// and goes, moderator-labelled feedback keeps its text and label (training rows, no author). Tombstones older
    /// than <paramref name="tombstoneCutoff"/> go. One transaction, so nothing is counted twice.
    /// </summary>
    Task<RetentionResult> ApplyRetentionAsync(DateTimeOffset cutoff, DateTimeOffset tombstoneCutoff, CancellationToken cancel = default);
}

/// <summary>
/// Everything the bot keeps. SQLite is the embedded default; shard processes share one PostgreSQL database
/// (MassageForumBot.Storage.Postgres) through the same interfaces.
/// </summary>
public interface IBotStore : IPostStore, IThreadMemory, ISessionStore, IIdentifyLeaseStore, IGuildSettingsStore, IFeedbackStore, IPrivacyStore
{
    /// <summary>Creates or upgrades the schema.</summary>
    Task InitializeAsync(CancellationToken cancel = default);
}
