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
        var postRows = rows.Create(posts, spec.Features, spec.Passages);
        var weights = Weights(posts, spec);
        for (var i = 0; i < postRows.Count; i++) postRows[i].Weight = weights[i];
        var data = ml.Data.LoadFromEnumerable(postRows);
        var pipeline = Pipeline(spec);
        var transformer = pipeline.Fit(data);
        var labels = LabelOrder(transformer, data);
        return new TrainedModel(transformer, data.Schema, labels, spec);
    }

    /// <summary>Real posts weigh <see cref="ModelSpec.RealWeight"/>, labels optionally count equally; the mean weight is 1,
    /// so the regularisation means the same whatever the weighting.</summary>
    public static float[] Weights(IReadOnlyList<LabelledPost> posts, ModelSpec spec)
    {
        var weights = posts.Select(p => p.IsReal ? spec.RealWeight : 1f).ToArray();
        if (spec.BalanceLabels)
        {
            var totals = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < posts.Count; i++)
                totals[posts[i].Label] = totals.GetValueOrDefault(posts[i].Label) + weights[i];
            var perLabel = weights.Sum() / totals.Count;
            for (var i = 0; i < posts.Count; i++)
                weights[i] = (float)(weights[i] * perLabel / totals[posts[i].Label]);
        }
        var mean = weights.Length == 0 ? 1 : weights.Average();
        for (var i = 0; i < weights.Length; i++) weights[i] = (float)(weights[i] / mean);
        return weights;
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
        if (spec.Cues) featureColumns = [.. featureColumns, nameof(PostRow.Cues)];
        pipeline = pipeline.Append(ml.Transforms.Concatenate("Features", featureColumns));

        IEstimator<ITransformer> trainer = spec.Trainer switch
        {
            TrainerKind.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("Label", "Features", nameof(PostRow.Weight), maximumNumberOfIterations: 100),
            TrainerKind.LbfgsMaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("Label", "Features", nameof(PostRow.Weight), l2Regularization: 0.05f, l1Regularization: 0.001f),
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
