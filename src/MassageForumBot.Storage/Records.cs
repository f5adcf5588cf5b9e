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
    float[] Vector);

/// <summary>Gateway session persisted so a restarted process resumes instead of identifying again.</summary>
public sealed record StoredGatewaySession(int ShardId, string SessionId, int Sequence, string ResumeGatewayUrl, DateTimeOffset SavedAt);

/// <summary>A moderator's run-time overrides for one guild; null fields fall back to configuration.</summary>
public sealed record GuildSettings(ulong GuildId, string? Mode, IReadOnlyList<ulong>? WatchedChannels, double? Threshold, DateTimeOffset UpdatedAt)
{
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
