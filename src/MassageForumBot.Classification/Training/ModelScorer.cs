using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Features;
using Microsoft.ML;

namespace MassageForumBot.Classification.Training;

/// <summary>Scores labelled posts with a model in one batch (much faster than a prediction engine per row).</summary>
public sealed class ModelScorer(MLContext ml, PostRowFactory rows)
{
    public IReadOnlyList<ScoredPost> Score(ITransformer transformer, IReadOnlyList<string> labels, FeatureSet features, IReadOnlyList<LabelledPost> posts)
    {
        var data = ml.Data.LoadFromEnumerable(rows.Create(posts, features));
        var scores = ml.Data.CreateEnumerable<PostScores>(transformer.Transform(data), reuseRowObject: false).ToList();
        var result = new List<ScoredPost>(posts.Count);
        for (var i = 0; i < posts.Count; i++)
        {
            var score = scores[i].Score;
            var best = 0;
            for (var c = 1; c < score.Length; c++)
                if (score[c] > score[best]) best = c;
            result.Add(new ScoredPost(posts[i], labels[best], score[best]));
        }
        return result;
    }

    public IReadOnlyList<ScoredPost> Score(TrainedModel model, IReadOnlyList<LabelledPost> posts) =>
        Score(model.Transformer, model.Labels, model.Spec.Features, posts);
}
