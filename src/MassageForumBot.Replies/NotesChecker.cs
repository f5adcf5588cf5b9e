using System.Text.RegularExpressions;

namespace MassageForumBot.Replies;

/// <summary>One problem found by <see cref="NotesChecker"/>.</summary>
/// <param name="File">The file with the problem, relative to the topics directory (e.g. <c>notes/x.md</c>).</param>
/// <param name="Message">What is wrong, in words a content maintainer can act on.</param>
public sealed record NoteProblem(string File, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}

/// <summary>
/// Checks the content under a topics directory without stopping at the first problem:
/// every note has sources and a review date, ids are unique and match file names, every topic a note names exists,
/// every glutes-* topic has a summary and at least two notes, every DOI, URL and PMID is well formed,
/// and summary text is plain (it is posted as plain text too).
/// </summary>
public static partial class NotesChecker
{
    /// <summary>Topics with this prefix are the ones the bot replies to.</summary>
    public const string ReplyTopicPrefix = "glutes-";

    /// <summary>The fewest notes a reply topic needs.</summary>
    public const int MinimumNotesPerTopic = 2;

    /// <summary>The longest note id: a Discord button's custom_id ("mfb:note:" + id) holds at most 100 characters.</summary>
    public const int MaxNoteIdLength = 64;

    /// <summary>Phrases the tone rules in models/topics/README.md forbid, with what to write instead.</summary>
    internal static readonly (string Phrase, string Instead)[] ForbiddenPhrases =
    [
        ("stories", "'hypotheses' or 'not findings'"),
        ("a story", "'a hypothesis' or 'an opinion'"),
        ("anyone claiming", "say what the evidence does or does not show"),
        ("anyone saying", "say what the evidence does or does not show"),
        ("the right way", "'practice varies'"),
    ];

    public static IReadOnlyList<NoteProblem> Check(string topicsDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicsDirectory);
        var directory = Path.GetFullPath(topicsDirectory);
        var problems = new List<NoteProblem>();
        if (!Directory.Exists(directory))
        {
            problems.Add(new NoteProblem(topicsDirectory, "topics directory not found"));
            return problems;
        }

        string Rel(string path) => Path.GetRelativePath(directory, path).Replace('\\', '/');

        // Summaries.
        var summaries = new List<TopicSummary>();
        foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(sub);
            if (string.Equals(name, TopicContentParser.NotesDirectoryName, StringComparison.OrdinalIgnoreCase) || name.StartsWith('.'))
            {
                continue;
            }

            var file = Path.Combine(sub, TopicContentParser.SummaryFileName);
            if (!File.Exists(file))
            {
                problems.Add(new NoteProblem(Rel(sub), $"topic directory has no {TopicContentParser.SummaryFileName}"));
                continue;
            }

            TopicSummary summary;
            try
            {
                summary = TopicContentParser.ParseSummary(file);
            }
            catch (TopicContentException ex)
            {
                problems.Add(new NoteProblem(Rel(file), Describe(ex)));
                continue;
            }

            if (!string.Equals(summary.Topic, name, StringComparison.Ordinal))
            {
                problems.Add(new NoteProblem(Rel(file), $"topic '{summary.Topic}' does not match its directory name '{name}'"));
            }

            if (summaries.Exists(s => string.Equals(s.Topic, summary.Topic, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(new NoteProblem(Rel(file), $"topic '{summary.Topic}' has more than one summary"));
                continue;
            }

            if (summary.Takeaway.Length == 0)
            {
                problems.Add(new NoteProblem(Rel(file), "missing 'takeaway' (the one-line practical takeaway)"));
            }

            foreach (var (section, text) in new[] { ("Brief", summary.Brief), ("Full", summary.Full) })
            {
                if (MarkupPattern().Match(text) is { Success: true } markup)
                {
                    problems.Add(new NoteProblem(Rel(file), $"'{section}' text contains Markdown markup '{markup.Value}'; summaries are also posted as plain text"));
                }

                problems.AddRange(ToneProblems(text).Select(m => new NoteProblem(Rel(file), $"'{section}' text {m}")));
            }

            summaries.Add(summary);
        }

        // Notes.
        var notes = new List<(EvidenceNote Note, string File)>();
        foreach (var file in TopicLibrary.NoteFiles(directory))
        {
            EvidenceNote note;
            try
            {
                note = TopicContentParser.ParseNote(file);
            }
            catch (TopicContentException ex)
            {
                problems.Add(new NoteProblem(Rel(file), Describe(ex)));
                continue;
            }

            var rel = Rel(file);
            if (!string.Equals(note.Id + ".md", Path.GetFileName(file), StringComparison.Ordinal))
            {
                problems.Add(new NoteProblem(rel, $"id '{note.Id}' does not match the file name (expected {note.Id}.md); links use both"));
            }

            if (!IdPattern().IsMatch(note.Id))
            {
                problems.Add(new NoteProblem(rel, $"id '{note.Id}' should use only lower-case letters, digits and hyphens"));
            }

            if (note.Id.Length > MaxNoteIdLength)
            {
                problems.Add(new NoteProblem(rel, $"id '{note.Id}' is {note.Id.Length} characters; at most {MaxNoteIdLength} fit in a Discord button"));
            }

            if (note.KeyPoints.Count == 0)
            {
                problems.Add(new NoteProblem(rel, "has no key points (list two to five short lines under 'key_points:'; members see them when they tap the note's button)"));
            }

            var twin = notes.Find(n => string.Equals(n.Note.Id, note.Id, StringComparison.OrdinalIgnoreCase));
            if (twin.Note is not null)
            {
                problems.Add(new NoteProblem(rel, $"note id '{note.Id}' is also used by {Rel(twin.File)}"));
            }

            if (note.Sources.Count == 0)
            {
                problems.Add(new NoteProblem(rel, "has no sources (list full citations under 'sources:')"));
            }

            if (note.LastReviewed is null)
            {
                problems.Add(new NoteProblem(rel, "has no review date ('last_reviewed: yyyy-MM-dd')"));
            }

            if (note.Topics.Count == 0)
            {
                problems.Add(new NoteProblem(rel, "names no topics ('topics: [glutes-...]')"));
            }

            foreach (var source in note.Sources)
            {
                if (source.Contains("recalled", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new NoteProblem(rel, $"source is marked 'recalled' and must be verified before it is cited: {Shorten(source)}"));
                }

                foreach (var message in CitationFormat.Problems(source))
                {
                    problems.Add(new NoteProblem(rel, message));
                }

                if (SourceLinks.LinkFor(source) is null)
                {
                    problems.Add(new NoteProblem(rel, $"source has neither a DOI nor an https URL members can open: {Shorten(source)}"));
                }
            }

            foreach (var text in note.KeyPoints.Append(note.Summary).Append(note.Body))
            {
                problems.AddRange(ToneProblems(text).Select(m => new NoteProblem(rel, m)));
            }

            foreach (var message in CitationFormat.Problems(note.Body))
            {
                problems.Add(new NoteProblem(rel, message + " (in the note text)"));
            }

            notes.Add((note, file));
        }

        // Topics named by notes must exist.
        foreach (var (note, file) in notes)
        {
            foreach (var topic in note.Topics)
            {
                if (!summaries.Exists(s => string.Equals(s.Topic, topic, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add(new NoteProblem(Rel(file), $"names topic '{topic}', which has no summary"));
                }
            }
        }

        // A summary's preferred notes must exist and serve its topic.
        foreach (var summary in summaries)
        {
            foreach (var id in summary.NoteOrder)
            {
                var listed = notes.Find(n => string.Equals(n.Note.Id, id, StringComparison.OrdinalIgnoreCase)).Note;
                if (listed is null)
                {
                    problems.Add(new NoteProblem(Rel(summary.FilePath), $"'notes' lists '{id}', but there is no such note"));
                }
                else if (!listed.Topics.Contains(summary.Topic, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add(new NoteProblem(Rel(summary.FilePath), $"'notes' lists '{id}', but that note does not name topic '{summary.Topic}'"));
                }
            }
        }

        // Every reply topic has enough notes.
        foreach (var summary in summaries.Where(s => s.Topic.StartsWith(ReplyTopicPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            var count = notes.Count(n => n.Note.Topics.Contains(summary.Topic, StringComparer.OrdinalIgnoreCase));
            if (count < MinimumNotesPerTopic)
            {
                problems.Add(new NoteProblem(
                    Rel(summary.FilePath),
                    $"topic '{summary.Topic}' has {count} note{(count == 1 ? string.Empty : "s")}; at least {MinimumNotesPerTopic} are needed"));
            }
        }

        return problems;
    }

    private static IEnumerable<string> ToneProblems(string text)
    {
        foreach (var (phrase, instead) in ForbiddenPhrases)
        {
            if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"uses '{phrase}', which the tone rules forbid (models/topics/README.md): {instead}";
            }
        }
    }

    private static string Describe(TopicContentException ex) =>
        ex.Line is { } line ? $"line {line}: {ex.Problem}" : ex.Problem;

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    [GeneratedRegex(@"\*\*|__|`|~~|\|\||\]\(")]
    private static partial Regex MarkupPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
