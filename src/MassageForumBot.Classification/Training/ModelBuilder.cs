using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace MassageForumBot.Classification.Training;

/// <summary>A trained ML.NET pipeline and the label order of its score vector.</summary>
public sealed record TrainedModel(ITransformer Transformer, DataViewSchema InputSchema, IReadOnlyList<string> Labels, ModelSpec Spec);

/// <summary>Builds and fits the ML.NET pipeline for a <see cref="ModelSpec"/>.</summary>
public sealed class ModelBuilder(MLContext ml, PostRowFactory rows)
{
    public TrainedModel Train(IReadOnlyList<LabelledPost> posts, ModelSpec spec)
    {
        var data = ml.Data.LoadFromEnumerable(rows.Create(posts, spec.Features));
        var pipeline = Pipeline(spec);
        var transformer = pipeline.Fit(data);
        var labels = LabelOrder(transformer, data);
        return new TrainedModel(transformer, data.Schema, labels, spec);
    }

    private IEstimator<ITransformer> Pipeline(ModelSpec spec)
    {
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion.MapValueToKey(
            "Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);

        if (spec.Features != FeatureSet.Embeddings)
            pipeline = pipeline.Append(ml.Transforms.Text.FeaturizeText("TextFeatures", new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.Lower,
                KeepDiacritics = false,
                KeepPunctuations = false,
                KeepNumbers = true,
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, nameof(PostRow.Text)));

        string[] featureColumns = spec.Features switch
        {
            FeatureSet.NGrams => ["TextFeatures"],
            FeatureSet.Embeddings => [nameof(PostRow.Embedding)],
            _ => ["TextFeatures", nameof(PostRow.Embedding)],
        };
        pipeline = pipeline.Append(ml.Transforms.Concatenate("Features", featureColumns));

        IEstimator<ITransformer> trainer = spec.Trainer switch
        {
            TrainerKind.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("Label", "Features", maximumNumberOfIterations: 100),
            TrainerKind.LbfgsMaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("Label", "Features", l2Regularization: 0.05f, l1Regularization: 0.001f),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Trainer, "unknown trainer"),
        };
        return pipeline.Append(trainer);
    }

    private static IReadOnlyList<string> LabelOrder(ITransformer transformer, IDataView data)
    {
        var labelColumn = transformer.GetOutputSchema(data.Schema)["Label"];
        VBuffer<ReadOnlyMemory<char>> keys = default;
        labelColumn.GetKeyValues(ref keys);
        return keys.DenseValues().Select(k => k.ToString()).ToList();
    }
}
