using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Features;

namespace MassageForumBot.Classification.Inference;

/// <summary>What travels with a model: how it was made, its calibrated threshold, and the held-out figures it earned.</summary>
public sealed record ModelManifest
{
    public required string Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Features { get; init; }
    public required string Trainer { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required double ReplyThreshold { get; init; }

    /// <summary>How the threshold was chosen (the precision rule, or best F1 when the precision target was out of reach).</summary>
    public string? ThresholdRule { get; init; }

    /// <summary>The precision that the threshold was calibrated to reach on held-out data.</summary>
    public required double ReplyPrecisionTarget { get; init; }

    public string? Encoder { get; init; }
    public required string DataFingerprint { get; init; }
    public required int TrainRows { get; init; }

    /// <summary>Ids of the held-out rows, so evaluate and promote can score any model on the same set.</summary>
    public required IReadOnlyList<string> TestIds { get; init; }

    public required MetricsSummary HeldOut { get; init; }
    public CrossValidationSummary? CrossValidation { get; init; }

    /// <summary>Long posts are also scored passage by passage (see Features.Passages); false for older models.</summary>
    public bool Passages { get; init; }

    /// <summary>Training weight of a real post against a written one.</summary>
    public double RealWeight { get; init; } = 1;

    public bool BalanceLabels { get; init; }

    /// <summary>The labelling guide's dense cues are among the features; false for older models.</summary>
    public bool Cues { get; init; }

    /// <summary>How scores become a topic and the confidence the reply threshold applies to.</summary>
    public ReplyScore ReplyScore { get; init; } = ReplyScore.TopLabel;

    /// <summary>Web domains of the real posts the model was trained on: a post from any other site is new to it.</summary>
    public IReadOnlyList<string> TrainingSites { get; init; } = [];

    /// <summary>Real posts scored out of site in training, with the keyword rule beside; null when it had none.</summary>
    public RealPostFigures? Real { get; init; }
}
