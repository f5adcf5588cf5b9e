using System.Text;

namespace MassageForumBot.Replies;

/// <summary>Reads one summary or note file. Structural problems throw <see cref="TopicContentException"/>.</summary>
internal static class TopicContentParser
{
    public const string SummaryFileName = "summary.md";
    public const string NotesDirectoryName = "notes";

    public static TopicSummary ParseSummary(string filePath)
    {
        var fm = FrontMatter.Parse(ReadAll(filePath), filePath);
        var topic = fm.RequiredScalar("topic");
        var title = fm.RequiredScalar("title");
        var takeaway = fm.Scalar("takeaway") ?? string.Empty;
        var sections = Sections(fm.Body);
        if (!sections.TryGetValue("brief", out var brief) || brief.Length == 0)
        {
            throw new TopicContentException(filePath, "missing the '## Brief' section (the text of the default reply)");
        }

        var full = sections.TryGetValue("full", out var f) && f.Length > 0 ? f : brief;
        return new TopicSummary(topic, title, takeaway, brief, full, filePath, fm.List("notes"));
    }

    public static EvidenceNote ParseNote(string filePath)
    {
        var fm = FrontMatter.Parse(ReadAll(filePath), filePath);
        return new EvidenceNote(
            fm.RequiredScalar("id"),
            fm.RequiredScalar("title"),
            fm.Scalar("summary") ?? string.Empty,
            fm.List("topics"),
            fm.Date("last_reviewed"),
            fm.List("sources"),
            fm.Body,
            filePath)
        {
            KeyPoints = fm.List("key_points"),
        };
    }

    /// <summary>Body sections keyed by their lower-case <c>## heading</c>, text trimmed.</summary>
    internal static Dictionary<string, string> Sections(string body)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var text = new StringBuilder();

        void Flush()
        {
            if (current is not null)
            {
                sections[current] = text.ToString().Trim();
            }

            text.Clear();
        }

        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                current = line[3..].Trim().ToLowerInvariant();
                continue;
            }

            text.Append(line).Append('\n');
        }

        Flush();
        return sections;
    }

    private static string ReadAll(string filePath)
    {
        try
        {
            return File.ReadAllText(filePath, Encoding.UTF8);
        }
        catch (IOException ex)
        {
            throw new TopicContentException(filePath, "cannot be read: " + ex.Message, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new TopicContentException(filePath, "cannot be read: " + ex.Message, ex);
        }
    }
}
