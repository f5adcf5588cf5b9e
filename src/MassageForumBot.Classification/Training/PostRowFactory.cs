using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Features;

namespace MassageForumBot.Classification.Training;

/// <summary>Makes model input rows, computing sentence vectors only for feature sets that use them.</summary>
public sealed class PostRowFactory(ISentenceEmbedder? embedder)
{
    private static readonly float[] NoEmbedding = new float[PostRow.EmbeddingSize];

    public PostRow Create(string text, FeatureSet features, string label = "")
    {
        var embedding = NoEmbedding;
        if (features.UsesEmbeddings())
        {
            if (embedder is null) throw new InvalidOperationException($"feature set {features} needs a sentence embedder");
            embedding = embedder.Embed(text);
        }
        return new PostRow { Text = PostText.Clip(text, PostText.MaxNGramChars), Embedding = embedding, Label = label };
    }

    /// <summary>Rows for several texts at once, so the encoder can take them in one batch (a post's passages).</summary>
    public List<PostRow> CreateMany(IReadOnlyList<string> texts, FeatureSet features)
    {
        IReadOnlyList<float[]>? embeddings = null;
        if (features.UsesEmbeddings())
        {
            if (embedder is null) throw new InvalidOperationException($"feature set {features} needs a sentence embedder");
            embeddings = embedder.EmbedMany(texts);
        }
        return texts.Select((t, i) => new PostRow { Text = PostText.Clip(t, PostText.MaxNGramChars), Embedding = embeddings?[i] ?? NoEmbedding }).ToList();
    }

    public List<PostRow> Create(IEnumerable<LabelledPost> posts, FeatureSet features) =>
        posts.AsParallel().AsOrdered().Select(p => Create(p.Text, features, p.Label)).ToList();
}
