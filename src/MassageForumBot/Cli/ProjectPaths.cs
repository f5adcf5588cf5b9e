namespace MassageForumBot.Cli;

/// <summary>
/// Finds the shipped content (models/) whether the bot runs from the repository root, from a sub-folder, or from its build output.
/// </summary>
public static class ProjectPaths
{
    public const string DefaultModel = "models/classifier.zip";
    public const string DefaultData = "models/data";
    public const string DefaultTopics = "models/topics";

    /// <summary>Resolves a relative path against the first folder, walking up from the working directory and then from the
    /// program's own folder, where it exists. Absolute paths and paths that exist as given are returned unchanged.</summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path)) return path;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, path);
                if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
            }
        }
        return path;
    }
}
