namespace MassageForumBot.Replies;

/// <summary>
/// One topic's summary, read from <c>{topicsDirectory}/{topic}/summary.md</c>.
/// </summary>
/// <param name="Topic">The topic label, e.g. <c>glutes-lowback</c>.</param>
/// <param name="Title">The reply title.</param>
/// <param name="Takeaway">The one-line practical takeaway (empty if the file has none; the checker reports that).</param>
/// <param name="Brief">The phone-sized text (section <c>## Brief</c>).</param>
/// <param name="Full">The longer text (section <c>## Full</c>; the brief text when the file has no such section).</param>
/// <param name="FilePath">Where the summary was read from.</param>
/// <param name="NoteOrder">Front matter <c>notes</c>: note ids to show first, in this order (may be empty).</param>
public sealed record TopicSummary(string Topic, string Title, string Takeaway, string Brief, string Full, string FilePath, IReadOnlyList<string> NoteOrder)
{
    /// <summary>The text for a tone.</summary>
    public string TextFor(ReplyTone tone) => tone == ReplyTone.Full ? Full : Brief;
}

/// <summary>
/// One evidence note, read from <c>{topicsDirectory}/notes/{id}.md</c>.
/// </summary>
/// <param name="Id">The note id (also its file name without <c>.md</c> and its path under <c>/notes/</c>).</param>
/// <param name="Title">The note title.</param>
/// <param name="Summary">A one-line summary shown next to the note link (may be empty).</param>
/// <param name="Topics">The topics the note serves, most relevant first.</param>
/// <param name="LastReviewed">When the note was last reviewed against its sources (null if missing).</param>
/// <param name="Sources">Full citations, as written in the note.</param>
/// <param name="Body">The Markdown body.</param>
/// <param name="FilePath">Where the note was read from.</param>
public sealed record EvidenceNote(
    string Id,
    string Title,
    string Summary,
    IReadOnlyList<string> Topics,
    DateOnly? LastReviewed,
    IReadOnlyList<string> Sources,
    string Body,
    string FilePath)
{
    /// <summary>The title up to its first " - " or ": " (for compact link lists), e.g. <c>Sitting and the glutes</c>.</summary>
    public string ShortTitle
    {
        get
        {
            var cut = Title.Length;
            foreach (var separator in new[] { " - ", ": " })
            {
                var at = Title.IndexOf(separator, StringComparison.Ordinal);
                if (at > 0 && at < cut)
                {
                    cut = at;
                }
            }

            return Title[..cut].Trim();
        }
    }

    /// <summary>The note's file name, e.g. <c>what-release-means.md</c>.</summary>
    public string FileName => Path.GetFileName(FilePath);

    /// <summary>Front matter <c>key_points</c>: the short lines a member sees when they open the note from a reply.</summary>
    public IReadOnlyList<string> KeyPoints { get; init; } = [];

    /// <summary>The first source: the one a plain-text reply lists for this note.</summary>
    public string? PrimarySource => Sources.Count > 0 ? Sources[0] : null;
}
