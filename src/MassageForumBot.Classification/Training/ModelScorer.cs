using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Features;
using Microsoft.ML;

namespace MassageForumBot.Classification.Training;

/// <summary>Scores labelled posts with a model in one batch (much faster than a prediction engine per row),
/// the same way <see cref="Inference.PostClassifier"/> scores one post: whole text, plus passages of long posts when the model uses them.</summary>
public sealed class ModelScorer(MLContext ml, PostRowFactory rows)
{
    public IReadOnlyList<ScoredPost> Score(ITransformer transformer, IReadOnlyList<string> labels, FeatureSet features, IReadOnlyList<LabelledPost> posts,
        bool passages = false, ReplyScore mode = ReplyScore.TopLabel)
    {
        // Every post's whole-text row first, then the passages of long posts, remembering whose they are.
        var built = rows.CreateInputs(posts, features, passages);
        var inputs = built.Select(b => b.Whole).ToList();
        var owners = new List<int>();
        for (var i = 0; i < built.Count; i++)
        {
            inputs.AddRange(built[i].Passages);
            owners.AddRange(Enumerable.Repeat(i, built[i].Passages.Count));
        }
        var data = ml.Data.LoadFromEnumerable(inputs);
        var scores = ml.Data.CreateEnumerable<PostScores>(transformer.Transform(data), reuseRowObject: false).Select(s => s.Score).ToList();
        var passageScores = posts.Select(_ => new List<float[]>()).ToList();
        for (var j = 0; j < owners.Count; j++) passageScores[owners[j]].Add(scores[posts.Count + j]);

        var result = new List<ScoredPost>(posts.Count);
        for (var i = 0; i < posts.Count; i++)
        {
            var score = ScoreCombiner.Combine(labels, scores[i], passageScores[i], mode);
            var (topic, confidence) = ScoreCombiner.Decide(labels, score, mode);
            result.Add(new ScoredPost(posts[i], labels[topic], confidence));
        }
        return result;
    }

    public IReadOnlyList<ScoredPost> Score(TrainedModel model, IReadOnlyList<LabelledPost> posts) =>
        Score(model.Transformer, model.Labels, model.Spec.Features, posts, model.Spec.Passages, model.Spec.ReplyScore);
}
