namespace MassageForumBot.Replies;

/// <summary>
/// Thrown when a summary or evidence note cannot be read: the message names the file and the problem
/// (and the line, when there is one), so a maintainer can fix the content without reading code.
/// </summary>
public sealed class TopicContentException : Exception
{
    public TopicContentException(string filePath, string problem, int? line = null)
        : base(FormatMessage(filePath, problem, line))
    {
        FilePath = filePath;
        Problem = problem;
        Line = line;
    }

    public TopicContentException(string filePath, string problem, Exception innerException)
        : base(FormatMessage(filePath, problem, null), innerException)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file (or directory) that has the problem.</summary>
    public string FilePath { get; }

    /// <summary>The problem, without the file name.</summary>
    public string Problem { get; }

    /// <summary>The 1-based line in the file, when the problem is on one line.</summary>
    public int? Line { get; }

    private static string FormatMessage(string filePath, string problem, int? line) =>
        line is { } l ? $"{filePath}, line {l}: {problem}" : $"{filePath}: {problem}";
}
