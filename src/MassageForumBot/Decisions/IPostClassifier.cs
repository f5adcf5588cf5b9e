using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Decisions;

/// <summary>The classifier as the decision core sees it. The reply threshold is applied by the core, once.</summary>
public interface IPostClassifier
{
    /// <summary>The active model's calibrated reply threshold: the default when neither a moderator nor the configuration set one.</summary>
    double ModelThreshold { get; }

    /// <summary>Topic, confidence and scores for the post (the prediction's own Reply flag is not used).</summary>
    Prediction Classify(string text);
}
