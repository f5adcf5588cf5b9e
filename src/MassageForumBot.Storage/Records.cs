namespace MassageForumBot.Storage;

/// <summary>What the bot decided about a post, and why: the answer to a moderator's `why`.</summary>
public enum PostOutcome
{
    Replied,
    ShadowDraft,
    BelowThreshold,
    AlreadyReplied,
    OptedOut,
    ChannelNotWatched,
    RedFlag,
    EmptyContent,
    Failed,

    /// <summary>Never stored: the post (or its thread, channel or guild) was deleted while it was being handled.</summary>
    Deleted,
}

/// <summary>One classified post. Scores are stored as JSON (label to probability).</summary>
public sealed record PostDecision(
    ulong MessageId,
    ulong GuildId,
    ulong ChannelId,
    ulong AuthorId,
    string Topic,
    double Confidence,
    string ScoresJson,
    PostOutcome Outcome,
    string Reason,
    DateTimeOffset At)
{
    /// <summary>The post's first few words, kept only for posts the bot replied to or drafted a reply for, so
    /// moderators can recognise them on the review page. Forgotten with the post, and purged with the other texts.</summary>
    public string? Excerpt { get; init; }

    /// <summary>The text channel or forum the post was made in (a forum post's <see cref="ChannelId"/> is its thread), so
    /// deleting the forum forgets its posts; null in rows stored before it was recorded.</summary>
    public ulong? WatchedChannelId { get; init; }

    /// <summary>How many words <see cref="Excerpt"/> keeps.</summary>
    public const int ExcerptWords = 12;

    /// <summary>The first <see cref="ExcerptWords"/> words of a post, whitespace collapsed, at most 100 characters.</summary>
    public static string ExcerptOf(string text)
    {
        var words = text.Split((char[]?)null, ExcerptWords + 1, StringSplitOptions.RemoveEmptyEntries);
        var excerpt = string.Join(' ', words.Take(ExcerptWords));
        var cut = words.Length > ExcerptWords;
        if (excerpt.Length > 100)
        {
            excerpt = excerpt[..99];
            cut = true;
        }
        return cut ? excerpt + "…" : excerpt;
    }
}

/// <summary>A claim to reply to a post, taken before sending so a crash or a redelivery cannot make a second reply.
/// The nonce is reused if the send is retried, and Discord then returns the message it already made.</summary>
public sealed record ReplyClaim(ulong PostId, ulong ChannelId, string Nonce, ReplyState State, ulong? ReplyMessageId, DateTimeOffset ClaimedAt);

public enum ReplyState
{
    Sending,
    Sent,
    Removed,
}

/// <summary>A thread the bot recognised as a recurring topic, remembered so later replies can link to it.</summary>
public sealed record RememberedThread(
    ulong MessageId,
    ulong GuildId,
    ulong ChannelId,
    ulong? ThreadId,
    string Topic,
    string Title,
    DateTimeOffset At,
    float[] Vector)
{
    /// <summary>The text channel or forum the post was made in, so deleting it forgets the thread; null when unknown.</summary>
    public ulong? WatchedChannelId { get; init; }

    /// <summary>Who wrote the post, so opting out forgets it; null when unknown.</summary>
    public ulong? AuthorId { get; init; }
}

/// <summary>Gateway session persisted so a restarted process resumes instead of identifying again.</summary>
public sealed record StoredGatewaySession(int ShardId, string SessionId, int Sequence, string ResumeGatewayUrl, DateTimeOffset SavedAt);

/// <summary>A moderator's run-time overrides for one guild; null fields fall back to configuration.</summary>
public sealed record GuildSettings(ulong GuildId, string? Mode, IReadOnlyList<ulong>? WatchedChannels, double? Threshold, DateTimeOffset UpdatedAt)
{
    /// <summary>The guild's own moderators' log channel (`/massagebot logchannel`), a text channel of this guild.</summary>
    public ulong? LogChannelId { get; init; }

    public static GuildSettings Empty(ulong guildId, DateTimeOffset at) => new(guildId, null, null, null, at);
}

/// <summary>Kinds of feedback a reply can get.</summary>
public static class FeedbackKinds
{
    public const string Helpful = "helpful";
    public const string NotHelpful = "unhelpful";
    public const string WrongTopic = "wrongtopic";
    public const string Removed = "remove";
}

/// <summary>One person's feedback on the bot's reply to a post. One row per (post, user): a member's feedback counts once.
/// <see cref="Text"/> is the post text, kept for retraining unless its author opted out.</summary>
public sealed record Feedback(
    ulong PostId,
    ulong UserId,
    ulong GuildId,
    string Kind,
    string PredictedTopic,
    string? CorrectedLabel,
    string? Text,
    bool ByModerator,
    DateTimeOffset At);

/// <summary>What one forget removed: decisions, remembered threads (title and vector), and feedback rows that lost
/// their post text or were deleted.</summary>
public sealed record ForgetResult(int Decisions, int Threads, int Feedback)
{
    public static ForgetResult None { get; } = new(0, 0, 0);

    public int Total => Decisions + Threads + Feedback;
}

/// <summary>What one retention run removed. Decisions and members' feedback are folded into <see cref="DailyCount"/>s first.</summary>
public sealed record RetentionResult(int Decisions, int Threads, int FeedbackRows, int Tombstones)
{
    public int Total => Decisions + Threads + FeedbackRows + Tombstones;
}

/// <summary>
/// How many decisions of one outcome (a <see cref="PostOutcome"/> name), or feedback clicks of one kind
/// (<see cref="FeedbackPrefix"/> + kind), one guild had on one UTC day for one topic. What outlives retention: no
/// author, no text, no message id.
/// </summary>
public sealed record DailyCount(ulong GuildId, DateOnly Day, string Topic, string Outcome, long Count)
{
    public const string FeedbackPrefix = "feedback:";

    public static string Feedback(string kind) => FeedbackPrefix + kind;

    public bool Is(PostOutcome outcome) => Outcome == outcome.ToString();

    public bool IsFeedback => Outcome.StartsWith(FeedbackPrefix, StringComparison.Ordinal);

    /// <summary>The day of a Unix-millisecond instant, as the stores group it (UTC).</summary>
    public static DateOnly DayOf(long unixDay) => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)unixDay);
}

/// <summary>What the bot keeps about one member: their newest stored posts (of <see cref="Posts"/> in all), remembered
/// threads, feedback clicks they gave, and since when they opted out.</summary>
public sealed record MemberData(IReadOnlyList<PostDecision> RecentPosts, int Posts, int RememberedThreads, int FeedbackGiven, DateTimeOffset? OptedOutAt);
