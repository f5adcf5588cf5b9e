namespace MassageForumBot.Classification.Tests.Support;

/// <summary>Finds the repository root by walking up from the test binaries to the folder holding MassageForumBot.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ShippedModel => Path.Combine(Root, "models", "classifier.zip");

    public static string ShippedData => Path.Combine(Root, "models", "data");

    public static string ShippedRealPredictions => Path.Combine(Root, "models", "real-predictions.jsonl");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MassageForumBot.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no MassageForumBot.sln above {AppContext.BaseDirectory}");
    }
}
