using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Inference;


namespace MassageForumBot.Cli;

/// <summary>Loads the classifier once, from an explicit path or the shipped model.</summary>
public static class ClassifierFactory
{
    public static PostClassifier Load(string? modelPath, double? thresholdOverride = null) =>
        PostClassifier.Load(ProjectPaths.Resolve(modelPath ?? ProjectPaths.DefaultModel), () => new ArcticXsEmbedder(), thresholdOverride);
}
