using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Decisions;

/// <summary>One loaded model as the decision core's classifier (the CLI verbs; the worker uses the reloadable ActiveClassifier).</summary>
public sealed class LoadedClassifier : IPostClassifier
{
    private readonly PostClassifier _classifier;

    public LoadedClassifier(PostClassifier classifier)
    {
        _classifier = classifier;
    }

    public double ModelThreshold => _classifier.Manifest.ReplyThreshold;

    public Prediction Classify(string text) => _classifier.Classify(text);
}
