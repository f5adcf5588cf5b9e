using System.Globalization;
using System.Text;

namespace MassageForumBot.Replies;

/// <summary>
/// Builds the bot's one reply to a glutes-* thread: the topic's balanced summary, the practical takeaway, the
/// evidence and up to three earlier threads, as a Discord-style card and as plain text. Discord-neutral: the
/// caller maps <see cref="ReplyCard"/> to an embed (and sends allowed_mentions parse []).
/// Evidence comes in two forms. With published notes (<c>Notes:BaseUrl</c>) the reply links them. Without, it links
/// nothing on this machine: the card names the notes and <see cref="ComposedReply.Evidence"/> lists them for buttons,
/// and the plain text lists each note's primary source as a DOI or https link.
/// </summary>
public sealed class ReplyComposer
{
    /// <summary>At most this many earlier threads are shown.</summary>
    public const int MaxEarlierThreads = 3;

    /// <summary>Brief replies link at most this many notes.</summary>
    public const int BriefNoteLinks = 3;

    /// <summary>Full replies give at most this many notes a field each.</summary>
    public const int FullNoteFields = 8;

    /// <summary>At most this many evidence buttons: one row of Discord buttons.</summary>
    public const int MaxEvidenceButtons = 5;

    /// <summary>The line that tells members how to open the evidence when the notes are not linked.</summary>
    public const string EvidenceButtonsHint = "Tap an Evidence button below for the key points and sources.";

    /// <summary>The prefix of every evidence button label.</summary>
    public const string EvidenceButtonPrefix = "Evidence: ";

    /// <summary>The plain text stays strictly below this length.</summary>
    public const int PlainTextLimit = DiscordLimits.MessageContent;

    /// <summary>The heading of the earlier-threads section.</summary>
    public const string EarlierThreadsHeading = "This comes up often: here is where it was discussed before.";

    private const int ThreadTitleLength = 80;
    private const string Ellipsis = "…";

    private readonly TopicLibrary _library;
    private readonly NoteLinks _links;

    public ReplyComposer(TopicLibrary library, NoteLinks links)
    {
        _library = library ?? throw new ArgumentNullException(nameof(library));
        _links = links ?? throw new ArgumentNullException(nameof(links));
    }

    /// <summary>True when the topic has a summary and so gets a reply (false for <c>other</c> and unknown topics).</summary>
    public bool CanReply(string topic) => _library.FindSummary(topic) is not null;

    /// <summary>
    /// Composes the reply. Throws <see cref="ArgumentException"/> for a topic without a summary (check
    /// <see cref="CanReply"/> first: <c>other</c> gets no reply) and <see cref="ArgumentOutOfRangeException"/>
    /// for a confidence outside 0..1.
    /// </summary>
    public ComposedReply Compose(ReplyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var summary = _library.FindSummary(request.Topic)
            ?? throw new ArgumentException($"Topic '{request.Topic}' has no summary, so it gets no reply.", nameof(request));
        if (!double.IsFinite(request.Confidence) || request.Confidence is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Confidence, "Confidence must be between 0 and 1.");
        }

        // A note is shown only when members can open something: its published page, or its primary source.
        var notes = _library.NotesFor(summary.Topic)
            .Select(n => new LinkedNote(n, Openable(_links.ForMembers(n)), SourceLinks.For(n.PrimarySource)))
            .Where(n => n.Link is not null || n.Source is not null)
            .ToArray();
        var threads = SelectThreads(request.EarlierThreads);
        var confidence = ((int)Math.Round(request.Confidence * 100, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + "%";
        var buttons = _links.ServedLocally
            ? notes.Take(request.Tone == ReplyTone.Full ? MaxEvidenceButtons : BriefNoteLinks).ToArray()
            : [];

        return new ComposedReply(
            PlainText(summary, request.Tone, notes, threads),
            Card(summary, request.Tone, notes, buttons, threads, confidence))
        {
            Evidence = buttons.Select(n => new EvidenceButton(n.Note.Id, EvidenceButtonPrefix + n.Note.ShortTitle)).ToArray(),
        };
    }

    private static Uri? Openable(Uri? link) => MemberLinks.IsOpenable(link) ? link : null;

    // ---------- plain text ----------

    private static string PlainText(TopicSummary summary, ReplyTone tone, IReadOnlyList<LinkedNote> notes, IReadOnlyList<ShownThread> threads)
    {
        var wanted = tone == ReplyTone.Full ? notes.Count : Math.Min(BriefNoteLinks, notes.Count);
        var body = summary.TextFor(tone);

        // Degrade step by step until it fits: fewer note links and shorter thread titles (keeping the chosen tone's
        // text and two notes), then the brief text, then fewer links again.
        var attempts = new (string Body, int Notes, int TitleLength)[]
        {
            (body, wanted, ThreadTitleLength),
            (body, Math.Min(wanted, 3), ThreadTitleLength),
            (body, Math.Min(wanted, 3), 48),
            (body, Math.Min(wanted, 2), 48),
            (body, Math.Min(wanted, 2), 0),
            (body, Math.Min(wanted, 1), 0),
            (summary.Brief, Math.Min(wanted, 3), ThreadTitleLength),
            (summary.Brief, Math.Min(wanted, 3), 48),
            (summary.Brief, Math.Min(wanted, 2), 48),
            (summary.Brief, Math.Min(wanted, 2), 0),
            (summary.Brief, Math.Min(wanted, 1), 0),
        };
        foreach (var (text, noteCount, titleLength) in attempts)
        {
            var candidate = RenderPlain(summary, text, notes.Take(noteCount), threads, titleLength);
            if (candidate.Length < PlainTextLimit)
            {
                return candidate;
            }
        }

        // Last resort (very long links): shorten the text itself.
        var rest = RenderPlain(summary, string.Empty, notes.Take(1), threads, 0).Length;
        var room = Math.Max(40, PlainTextLimit - 1 - rest);
        var fitted = RenderPlain(summary, SafeText.Truncate(summary.Brief, room), notes.Take(1), threads, 0);
        return fitted.Length < PlainTextLimit ? fitted : SafeText.Truncate(fitted, PlainTextLimit - 1);
    }

    private static string RenderPlain(TopicSummary summary, string body, IEnumerable<LinkedNote> notes, IReadOnlyList<ShownThread> threads, int titleLength)
    {
        var text = new StringBuilder();
        text.Append(summary.Title).Append("\n\n");
        text.Append(body.Trim()).Append("\n\n");
        if (summary.Takeaway.Length > 0)
        {
            text.Append("In practice: ").Append(summary.Takeaway).Append("\n\n");
        }

        var noteList = notes.ToList();
        if (noteList.Count > 0)
        {
            var linked = noteList.TrueForAll(n => n.Link is not null);
            text.Append(linked ? (noteList.Count == 1 ? "Evidence note:" : "Evidence notes:") : "Sources you can open:").Append('\n');
            foreach (var note in noteList)
            {
                var label = note.Note.ShortTitle;
                text.Append("- ").Append(label).Append(label.EndsWith('?') || label.EndsWith('.') ? " " : ": ");
                if (note.Link is { } link)
                {
                    text.Append(link.AbsoluteUri);
                }
                else
                {
                    text.Append(note.Source!.Label).Append(' ').Append(note.Source.Link.AbsoluteUri);
                }

                text.Append('\n');
            }

            text.Append('\n');
        }

        if (threads.Count > 0)
        {
            text.Append(EarlierThreadsHeading).Append('\n');
            foreach (var thread in threads)
            {
                text.Append("- ").Append(thread.Date);
                if (titleLength > 0)
                {
                    text.Append(": ").Append(SafeText.Truncate(thread.Title, titleLength));
                }

                text.Append(' ').Append(thread.Link.AbsoluteUri).Append('\n');
            }

            text.Append('\n');
        }

        text.Append("(Automated summary. Topic: ").Append(summary.Topic).Append(".)");
        return SafeText.NeutralizeMentions(text.ToString());
    }

    // ---------- card ----------

    private static ReplyCard Card(TopicSummary summary, ReplyTone tone, IReadOnlyList<LinkedNote> notes, IReadOnlyList<LinkedNote> buttons, IReadOnlyList<ShownThread> threads, string confidence)
    {
        var description = summary.TextFor(tone).Trim();
        if (summary.Takeaway.Length > 0)
        {
            description += "\n\n**In practice:** " + summary.Takeaway;
        }

        var noteFields = new List<ReplyCardField>();
        if (buttons.Count > 0)
        {
            // Nothing to link: name the notes and point at the buttons under the card.
            if (tone == ReplyTone.Full)
            {
                foreach (var note in buttons)
                {
                    noteFields.Add(Field(note.Note.Title, note.Note.Summary.Length > 0 ? note.Note.Summary : note.Note.ShortTitle));
                }

                noteFields.Add(Field("Evidence", EvidenceButtonsHint));
            }
            else
            {
                var lines = buttons.Select(n => "• " + n.Note.ShortTitle).Append(EvidenceButtonsHint);
                noteFields.Add(Field("Evidence notes", JoinLines(lines, DiscordLimits.EmbedFieldValue)));
            }
        }
        else if (tone == ReplyTone.Full)
        {
            foreach (var note in notes.Where(n => n.Link is not null).Take(FullNoteFields))
            {
                var value = (note.Note.Summary.Length > 0 ? note.Note.Summary + "\n" : string.Empty)
                    + $"[Read the evidence note]({LinkTarget(note.Link!)})";
                noteFields.Add(Field(note.Note.Title, value));
            }
        }
        else if (notes.Any(n => n.Link is not null))
        {
            var lines = notes.Where(n => n.Link is not null).Take(BriefNoteLinks).Select(n => $"• [{LinkText(n.Note.ShortTitle)}]({LinkTarget(n.Link!)})");
            noteFields.Add(Field("Evidence notes", JoinLines(lines, DiscordLimits.EmbedFieldValue)));
        }

        ReplyCardField? threadField = null;
        if (threads.Count > 0)
        {
            var lines = threads.Select(t => $"• {t.Date}: [{t.Title}]({LinkTarget(t.Link)})")
                .Prepend("Here is where it was discussed before:");
            threadField = Field("This comes up often", JoinLines(lines, DiscordLimits.EmbedFieldValue));
        }

        var footer = SafeText.Truncate(
            $"Automated summary · Topic: {summary.Topic} · Confidence: {confidence} · Was this useful? Tap Helpful or Not helpful below.",
            DiscordLimits.EmbedFooter);
        var title = SafeText.Truncate(summary.Title, DiscordLimits.EmbedTitle);

        // Keep within the field count and the 6,000 total: drop trailing note fields first, then shorten the description.
        var maxNoteFields = DiscordLimits.EmbedFields - (threadField is null ? 0 : 1);
        if (noteFields.Count > maxNoteFields)
        {
            noteFields.RemoveRange(maxNoteFields, noteFields.Count - maxNoteFields);
        }

        description = SafeText.Truncate(description, DiscordLimits.EmbedDescription);
        ReplyCard Build() => new(
            SafeText.NeutralizeMentions(title),
            SafeText.NeutralizeMentions(description),
            noteFields.Concat(threadField is null ? [] : [threadField]).ToArray(),
            SafeText.NeutralizeMentions(footer));

        var card = Build();
        while (card.TotalLength > DiscordLimits.EmbedTotal && noteFields.Count > 1)
        {
            noteFields.RemoveAt(noteFields.Count - 1);
            card = Build();
        }

        if (card.TotalLength > DiscordLimits.EmbedTotal)
        {
            description = SafeText.Truncate(description, Math.Max(100, description.Length - (card.TotalLength - DiscordLimits.EmbedTotal) - 4));
            card = Build();
        }

        return card;
    }

    private static ReplyCardField Field(string name, string value) => new(
        SafeText.NeutralizeMentions(SafeText.Truncate(name, DiscordLimits.EmbedFieldName)),
        SafeText.NeutralizeMentions(value.Length <= DiscordLimits.EmbedFieldValue ? value : SafeText.Truncate(value, DiscordLimits.EmbedFieldValue)));

    /// <summary>Joins whole lines while they fit, so a masked link is never cut in half.</summary>
    private static string JoinLines(IEnumerable<string> lines, int limit)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            var needed = (text.Length == 0 ? 0 : 1) + line.Length;
            if (text.Length + needed > limit)
            {
                break;
            }

            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(line);
        }

        return text.Length > 0 ? text.ToString() : Ellipsis;
    }

    private static string LinkText(string text) => text.Replace('[', '(').Replace(']', ')');

    private static string LinkTarget(Uri link) => link.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);

    // ---------- earlier threads ----------

    private static ShownThread[] SelectThreads(IReadOnlyList<EarlierThread>? threads)
    {
        if (threads is null)
        {
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shown = new List<ShownThread>(MaxEarlierThreads);
        foreach (var thread in threads)
        {
            if (thread?.Link is not { IsAbsoluteUri: true } link
                || !MemberLinks.IsOpenable(link)
                || !seen.Add(link.AbsoluteUri))
            {
                continue;
            }

            shown.Add(new ShownThread(
                link,
                thread.Date.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
                SafeText.UserLine(thread.Title, ThreadTitleLength)));
            if (shown.Count == MaxEarlierThreads)
            {
                break;
            }
        }

        return shown.ToArray();
    }

    /// <summary>A note with what members can open: its published page, or (unpublished) its primary source.</summary>
    private sealed record LinkedNote(EvidenceNote Note, Uri? Link, SourceLink? Source);

    private sealed record ShownThread(Uri Link, string Date, string Title);
}
