using System.CommandLine;

namespace MassageForumBot.Cli;

/// <summary>Options several verbs share, so they read the same everywhere.</summary>
public static class CommonOptions
{
    public static Option<string?> Model() => new("--model", "-m") { Description = $"Model file (default: {ProjectPaths.DefaultModel})." };

    public static Option<string> Data(bool required = false) => new("--data", "-d")
    {
        Description = $"Labelled posts: a .jsonl/.tsv file or a folder of them (default: {ProjectPaths.DefaultData}).",
        Required = required,
        DefaultValueFactory = _ => ProjectPaths.DefaultData,
    };
}
