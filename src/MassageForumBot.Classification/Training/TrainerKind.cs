using MassageForumBot.Classification.Features;

namespace MassageForumBot.Classification.Training;

/// <summary>The multiclass trainers compared; both give calibrated per-label probabilities.</summary>
public enum TrainerKind
{
    SdcaMaximumEntropy,
    LbfgsMaximumEntropy,
}

/// <summary>A feature set and a trainer: what one candidate model is made of.</summary>
public sealed record ModelSpec(FeatureSet Features, TrainerKind Trainer)
{
    public static ModelSpec Default { get; } = new(FeatureSet.Combined, TrainerKind.LbfgsMaximumEntropy);

    public override string ToString() => $"{Features} + {Trainer}";
}
