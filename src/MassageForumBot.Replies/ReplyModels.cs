namespace MassageForumBot.Replies;

/// <summary>How much the reply says: per community, config <c>Bot:Tone</c>, default brief.</summary>
public enum ReplyTone
{
    /// <summary>Fits a phone screen without scrolling far.</summary>
    Brief,

    /// <summary>Adds the fuller case for each position and one field per note.</summary>
    Full,
}

/// <summary>Parses the <c>Bot:Tone</c> setting.</summary>
public static class ReplyTones
{
    /// <summary><c>brief</c> or <c>full</c> (any case); null or empty means brief; anything else is an error.</summary>
    public static ReplyTone Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "brief" => ReplyTone.Brief,
        "full" => ReplyTone.Full,
        _ => throw new ArgumentException($"Bot:Tone must be 'brief' or 'full', not '{value}'.", nameof(value)),
    };
}

/// <summary>An earlier thread on the same question in the same community.</summary>
/// <param name="Link">The thread's link (for Discord a jump link https://discord.com/channels/{guild}/{channel}/{message}).</param>
/// <param name="Date">When it was posted.</param>
/// <param name="Title">Its title or first line: user text, sanitized before it is shown.</param>
public sealed record EarlierThread(Uri Link, DateTimeOffset Date, string Title);

/// <summary>What to reply to.</summary>
/// <param name="Topic">The classified topic; only topics with a summary get a reply (not <c>other</c>).</param>
/// <param name="Confidence">The classifier's confidence, 0 to 1.</param>
/// <param name="Tone">Brief or full.</param>
/// <param name="EarlierThreads">Earlier threads, most similar first; at most 3 are shown.</param>
public sealed record ReplyRequest(string Topic, double Confidence, ReplyTone Tone, IReadOnlyList<EarlierThread> EarlierThreads);

/// <summary>One embed field.</summary>
public sealed record ReplyCardField(string Name, string Value, bool Inline = false);

/// <summary>The reply as one Discord-style embed, within Discord's embed limits.</summary>
public sealed record ReplyCard(string Title, string Description, IReadOnlyList<ReplyCardField> Fields, string Footer)
{
    /// <summary>Characters counted against Discord's 6,000 total: title, description, field names and values, footer.</summary>
    public int TotalLength => Title.Length + Description.Length + Footer.Length + Fields.Sum(f => f.Name.Length + f.Value.Length);
}

/// <summary>A composed reply: plain text (console channel, Facebook assisted mode) and an embed card (Discord).</summary>
/// <param name="PlainText">Under 2,000 characters, no markup beyond plain URLs.</param>
/// <param name="Card">The embed.</param>
public sealed record ComposedReply(string PlainText, ReplyCard Card)
{
    /// <summary>
    /// The evidence notes Discord shows as buttons under the card, in order: set when the notes are not published
    /// (no <c>Notes:BaseUrl</c>), empty when the card links the notes instead.
    /// </summary>
    public IReadOnlyList<EvidenceButton> Evidence { get; init; } = [];
}

/// <summary>One evidence note offered as a button: a tap shows the member its key points and sources.</summary>
/// <param name="NoteId">The note id (<see cref="EvidenceNote.Id"/>).</param>
/// <param name="Label">The button text, e.g. <c>Evidence: Sitting and the glutes</c> (the host fits it to Discord's limit).</param>
public sealed record EvidenceButton(string NoteId, string Label);

/// <summary>Discord's message and embed limits the composer keeps to.</summary>
public static class DiscordLimits
{
    public const int MessageContent = 2000;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int EmbedFieldName = 256;
    public const int EmbedFieldValue = 1024;
    public const int EmbedFooter = 2048;
    public const int EmbedTotal = 6000;
}
