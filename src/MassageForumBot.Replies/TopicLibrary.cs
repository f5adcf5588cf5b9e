namespace MassageForumBot.Replies;

/// <summary>
/// The topic summaries and evidence notes under a topics directory
/// (<c>{dir}/{topic}/summary.md</c> and <c>{dir}/notes/*.md</c>), loaded once and read-only afterwards.
/// </summary>
public sealed class TopicLibrary
{
    private readonly Dictionary<string, TopicSummary> _summaries;
    private readonly Dictionary<string, EvidenceNote> _notes;

    private TopicLibrary(string directory, IReadOnlyList<TopicSummary> summaries, IReadOnlyList<EvidenceNote> notes)
    {
        Directory = directory;
        Summaries = summaries;
        Notes = notes;
        _summaries = summaries.ToDictionary(s => s.Topic, StringComparer.OrdinalIgnoreCase);
        _notes = notes.ToDictionary(n => n.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The directory the content was loaded from.</summary>
    public string Directory { get; }

    /// <summary>All summaries, ordered by topic.</summary>
    public IReadOnlyList<TopicSummary> Summaries { get; }

    /// <summary>All notes, ordered by id.</summary>
    public IReadOnlyList<EvidenceNote> Notes { get; }

    /// <summary>
    /// Loads every summary and note. Throws <see cref="TopicContentException"/> naming the file and the problem
    /// when a file's front matter is malformed, a required field is missing, or a topic or note id is duplicated.
    /// Content problems that do not stop the bot from replying (no sources, no review date) are left to
    /// <see cref="NotesChecker"/>.
    /// </summary>
    public static TopicLibrary Load(string topicsDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicsDirectory);
        var directory = Path.GetFullPath(topicsDirectory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new TopicContentException(directory, "topics directory not found");
        }

        var summaries = new List<TopicSummary>();
        foreach (var file in SummaryFiles(directory))
        {
            var summary = TopicContentParser.ParseSummary(file);
            var twin = summaries.Find(s => string.Equals(s.Topic, summary.Topic, StringComparison.OrdinalIgnoreCase));
            if (twin is not null)
            {
                throw new TopicContentException(file, $"topic '{summary.Topic}' already has a summary in {twin.FilePath}");
            }

            summaries.Add(summary);
        }

        var notes = new List<EvidenceNote>();
        foreach (var file in NoteFiles(directory))
        {
            var note = TopicContentParser.ParseNote(file);
            var twin = notes.Find(n => string.Equals(n.Id, note.Id, StringComparison.OrdinalIgnoreCase));
            if (twin is not null)
            {
                throw new TopicContentException(file, $"note id '{note.Id}' is already used by {twin.FilePath}");
            }

            notes.Add(note);
        }

        summaries.Sort((a, b) => string.CompareOrdinal(a.Topic, b.Topic));
        notes.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new TopicLibrary(directory, summaries, notes);
    }

    /// <summary>The summary for a topic (case-insensitive), or null (e.g. for <c>other</c>).</summary>
    public TopicSummary? FindSummary(string topic) =>
        topic is not null && _summaries.TryGetValue(topic, out var summary) ? summary : null;

    /// <summary>The note with this id (case-insensitive), or null.</summary>
    public EvidenceNote? FindNote(string id) =>
        id is not null && _notes.TryGetValue(id, out var note) ? note : null;

    /// <summary>
    /// The notes that serve a topic (list it in their <c>topics</c>): first those the summary's <c>notes</c> list names,
    /// in that order; then notes listing the topic earlier in their own <c>topics</c>; then by id.
    /// </summary>
    public IReadOnlyList<EvidenceNote> NotesFor(string topic)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            return Array.Empty<EvidenceNote>();
        }

        var preferred = FindSummary(topic)?.NoteOrder ?? Array.Empty<string>();
        return Notes
            .Select(n => (Note: n, Rank: IndexOf(n.Topics, topic), Preferred: IndexOf(preferred, n.Id)))
            .Where(x => x.Rank >= 0)
            .OrderBy(x => x.Preferred < 0 ? int.MaxValue : x.Preferred)
            .ThenBy(x => x.Rank)
            .ThenBy(x => x.Note.Id, StringComparer.Ordinal)
            .Select(x => x.Note)
            .ToArray();
    }

    internal static IEnumerable<string> SummaryFiles(string directory) =>
        System.IO.Directory.EnumerateDirectories(directory)
            .Where(d => !string.Equals(Path.GetFileName(d), TopicContentParser.NotesDirectoryName, StringComparison.OrdinalIgnoreCase))
            .Select(d => Path.Combine(d, TopicContentParser.SummaryFileName))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal);

    internal static IEnumerable<string> NoteFiles(string directory)
    {
        var notesDirectory = Path.Combine(directory, TopicContentParser.NotesDirectoryName);
        return System.IO.Directory.Exists(notesDirectory)
            ? System.IO.Directory.EnumerateFiles(notesDirectory, "*.md").Order(StringComparer.Ordinal)
            : [];
    }

    private static int IndexOf(IReadOnlyList<string> topics, string topic)
    {
        for (var i = 0; i < topics.Count; i++)
        {
            if (string.Equals(topics[i], topic, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
