using MassageForumBot.Classification.Features;

namespace MassageForumBot.Classification.Training;

/// <summary>The multiclass trainers compared; both give calibrated per-label probabilities.</summary>
public enum TrainerKind
{
    SdcaMaximumEntropy,
    LbfgsMaximumEntropy,
}

/// <summary>
/// What one candidate model is made of: a feature set, a trainer, how much real posts weigh against written ones,
/// whether labels are weighted to count equally, and whether long posts are also scored passage by passage.
/// </summary>
public sealed record ModelSpec(FeatureSet Features, TrainerKind Trainer)
{
    public static ModelSpec Default { get; } = new(FeatureSet.Combined, TrainerKind.LbfgsMaximumEntropy) { RealWeight = 5f, Passages = true, ReplyScore = ReplyScore.AnyGlutesTopic, Cues = true };

    /// <summary>Training weight of a real post (source is a web page); written posts weigh 1.</summary>
    public float RealWeight { get; init; } = 1f;

    /// <summary>Weight each label's rows so that every label counts the same in total.</summary>
    public bool BalanceLabels { get; init; }

    /// <summary>Score long posts on passages as well as the whole text (see <see cref="Features.Passages"/>).</summary>
    public bool Passages { get; init; }

    /// <summary>How scores become a topic and the confidence the reply threshold applies to.</summary>
    public ReplyScore ReplyScore { get; init; } = ReplyScore.TopLabel;

    /// <summary>Add the labelling guide's dense cues (<see cref="Features.CueFeatures"/>) to the features.</summary>
    public bool Cues { get; init; }

    public override string ToString() =>
        $"{Features} + {Trainer}{(RealWeight != 1f ? $", real x{RealWeight:0.#}" : "")}{(BalanceLabels ? ", balanced labels" : "")}{(Passages ? ", passages" : "")}{(ReplyScore == ReplyScore.AnyGlutesTopic ? ", reply on P(any glutes topic)" : "")}{(Cues ? ", cues" : "")}";
}
