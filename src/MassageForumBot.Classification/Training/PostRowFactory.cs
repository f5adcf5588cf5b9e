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

    public List<PostRow> Create(IEnumerable<LabelledPost> posts, FeatureSet features) =>
        posts.AsParallel().AsOrdered().Select(p => Create(p.Text, features, p.Label)).ToList();
}
