namespace MassageForumBot.Replies.Tests;

internal static class TestPaths
{
    private static readonly Lazy<string> RepoRootLazy = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MassageForumBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (MassageForumBot.sln) above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<TopicLibrary> ShippedLazy = new(() => TopicLibrary.Load(TopicsDirectory));

    public static string RepoRoot => RepoRootLazy.Value;

    public static string TopicsDirectory => Path.Combine(RepoRoot, "models", "topics");

    public static string SnapshotsDirectory => Path.Combine(RepoRoot, "tests", "MassageForumBot.Replies.Tests", "Snapshots");

    /// <summary>The shipped content, loaded once.</summary>
    public static TopicLibrary Shipped => ShippedLazy.Value;

    public static readonly string[] ReplyTopics = ["glutes-routine", "glutes-lowback", "glutes-draping"];
}

/// <summary>A temporary topics directory for broken-content fixtures; deleted on dispose.</summary>
internal sealed class TempTopics : IDisposable
{
    public TempTopics()
    {
        Root = Path.Combine(Path.GetTempPath(), "mfb-topics-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "notes"));
    }

    public string Root { get; }

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }

    public string Summary(string topic, string? takeaway = "Ask the client; include the glutes when they want it; drape securely.") =>
        Write(Path.Combine(topic, "summary.md"), $"""
            ---
            topic: {topic}
            title: Title for {topic}
            {(takeaway is null ? string.Empty : "takeaway: " + takeaway)}
            ---

            ## Brief

            Brief text for {topic}.

            ## Full

            Full text for {topic}.
            """);

    public string Note(string id, string topics, string? lastReviewed = "2026-11-30", string[]? sources = null, string? fileName = null, string[]? keyPoints = null)
    {
        sources ??= ["\"Author A (2020) Journal 1:1-2. doi:10.1234/abc.5678\""];
        keyPoints ??= ["\"First key point of " + id + ".\"", "\"Second key point.\""];
        var sourceLines = sources.Length == 0 ? "sources:" : "sources:\n" + string.Join('\n', sources.Select(s => "  - " + s));
        var keyPointLines = keyPoints.Length == 0 ? string.Empty : "key_points:\n" + string.Join('\n', keyPoints.Select(k => "  - " + k));
        return Write(Path.Combine("notes", (fileName ?? id) + ".md"), $"""
            ---
            id: {id}
            title: Note {id}
            summary: One line about {id}.
            topics: [{topics}]
            {(lastReviewed is null ? string.Empty : "last_reviewed: " + lastReviewed)}
            {sourceLines}
            {keyPointLines}
            ---

            ## Body

            Text of {id}.
            """);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
