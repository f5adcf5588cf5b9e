using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Training;
using Microsoft.ML;

namespace MassageForumBot.Classification.Tests.Support;

/// <summary>Trains the small in-test dataset once (n-grams, no encoder) and shares the result with a test class.</summary>
public sealed class SmallModelFixture
{
    public static readonly ModelSpec Spec = new(FeatureSet.NGrams, TrainerKind.LbfgsMaximumEntropy);

    public SmallModelFixture()
    {
        Rows = Support.Rows.SmallDataset();
        Ml = new MLContext(seed: 1);
        Log = new StringWriter();
        Result = new TrainingRun(Ml, embedder: null, Log).Run(Rows, Spec);
    }

    public IReadOnlyList<LabelledPost> Rows { get; }

    public MLContext Ml { get; }

    public StringWriter Log { get; }

    public TrainingResult Result { get; }

    /// <summary>Posts the model never saw, one per label and a few odd ones.</summary>
    public static readonly string[] NovelTexts =
    [
        "how should I drape the glutes with the sheet for a new client",
        "my client has lower back pain, is glute work useful for the lumbar ache",
        "is it normal to include glutes in every full body session",
        "which booking software do you use for invoices",
        "completely unrelated words about the weather and cats",
        "x",
    ];
}

/// <summary>The test classes that share one trained small model.</summary>
[CollectionDefinition(Name)]
public sealed class SmallModelCollection : ICollectionFixture<SmallModelFixture>
{
    public const string Name = "small trained model";
}
