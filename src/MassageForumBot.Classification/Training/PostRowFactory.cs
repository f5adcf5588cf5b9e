using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Features;

namespace MassageForumBot.Classification.Training;

/// <summary>A post's model input: the whole text, and the passages of a long post when the model scores passages.</summary>
public sealed record PostInput(PostRow Whole, IReadOnlyList<PostRow> Passages);

/// <summary>
/// Makes model input rows, computing sentence vectors only for feature sets that use them. With passages on, a long
/// post's passages are encoded in one batch and the whole post's vector is their normalised mean (the encoder's window
/// would otherwise cut a long post): training and prediction build rows the same way.
/// </summary>
public sealed class PostRowFactory(ISentenceEmbedder? embedder)
{
    private static readonly float[] NoEmbedding = new float[PostRow.EmbeddingSize];

    public PostRow Create(string text, FeatureSet features, string label = "") => Create(text, features, passages: false, label).Whole;

    public PostInput Create(string text, FeatureSet features, bool passages, string label = "")
    {
        var pieces = passages ? Passages.Of(text) : [];
        var clipped = PostText.Clip(text, PostText.MaxNGramChars);
        if (!features.UsesEmbeddings())
            return new PostInput(new PostRow { Text = clipped, Embedding = NoEmbedding, Cues = CueFeatures.Of(text), Label = label },
                pieces.Select(p => new PostRow { Text = p, Embedding = NoEmbedding, Cues = CueFeatures.Of(p) }).ToList());
        if (embedder is null) throw new InvalidOperationException($"feature set {features} needs a sentence embedder");
        if (pieces.Count == 0)
            return new PostInput(new PostRow { Text = clipped, Embedding = embedder.Embed(text), Cues = CueFeatures.Of(text), Label = label }, []);
        var vectors = embedder.EmbedMany(pieces);
        return new PostInput(new PostRow { Text = clipped, Embedding = NormalisedMean(vectors), Cues = CueFeatures.Of(text), Label = label },
            pieces.Select((p, i) => new PostRow { Text = p, Embedding = vectors[i], Cues = CueFeatures.Of(p) }).ToList());
    }

    public List<PostRow> Create(IEnumerable<LabelledPost> posts, FeatureSet features, bool passages = false) =>
        posts.AsParallel().AsOrdered().Select(p => Create(p.Text, features, passages, p.Label).Whole).ToList();

    public List<PostInput> CreateInputs(IEnumerable<LabelledPost> posts, FeatureSet features, bool passages) =>
        posts.AsParallel().AsOrdered().Select(p => Create(p.Text, features, passages, p.Label)).ToList();

    private static float[] NormalisedMean(IReadOnlyList<float[]> vectors)
    {
        var mean = new float[vectors[0].Length];
        foreach (var v in vectors)
            for (var i = 0; i < mean.Length; i++) mean[i] += v[i];
        var norm = MathF.Sqrt(mean.Sum(x => x * x));
        if (norm > 0) for (var i = 0; i < mean.Length; i++) mean[i] /= norm;
        return mean;
    }
}
