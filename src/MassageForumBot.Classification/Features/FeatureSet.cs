namespace MassageForumBot.Classification.Features;

/// <summary>Which features a model sees.</summary>
public enum FeatureSet
{
    /// <summary>Word 1-2-grams and character 3-4-grams (ML.NET FeaturizeText).</summary>
    NGrams,

    /// <summary>Sentence vectors from the ONNX encoder.</summary>
    Embeddings,

    /// <summary>Both, concatenated.</summary>
    Combined,
}

public static class FeatureSetExtensions
{
    public static bool UsesEmbeddings(this FeatureSet features) => features is FeatureSet.Embeddings or FeatureSet.Combined;
}
