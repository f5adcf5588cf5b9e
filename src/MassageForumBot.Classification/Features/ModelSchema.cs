using Microsoft.ML.Data;

namespace MassageForumBot.Classification.Features;

/// <summary>The one input row type of every model: trainer, evaluator and predictor all use it (defined once so they cannot drift).</summary>
public sealed class PostRow
{
    public const int EmbeddingSize = 384;

    public string Text { get; set; } = "";

    [VectorType(EmbeddingSize)]
    public float[] Embedding { get; set; } = new float[EmbeddingSize];

    /// <summary>Dense cues from the labelling guide (see <see cref="CueFeatures"/>); used only by models trained with cues.</summary>
    [VectorType(CueFeatures.Count)]
    public float[] Cues { get; set; } = new float[CueFeatures.Count];

    public string Label { get; set; } = "";

    /// <summary>How much the row counts in training (real posts and rare labels can weigh more); ignored when predicting.</summary>
    public float Weight { get; set; } = 1f;
}

/// <summary>The one output row type: a probability per label, in the order of the model's label list.</summary>
public sealed class PostScores
{
    public float[] Score { get; set; } = [];
}
