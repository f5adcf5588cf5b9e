using MassageForumBot.Classification.Data;

namespace MassageForumBot.Classification.Evaluation;

/// <summary>One stored out-of-site prediction: what a cross-validation model that never saw the post's site said about it.</summary>
public sealed record StoredPrediction(string Id, string Topic, double Confidence);

/// <summary>
/// The model on real posts from sites it never saw (each post scored by the cross-validation model whose training left
/// out the post's whole web domain), beside the keyword rule on the same posts.
/// </summary>
public sealed record RealPostFigures
{
    public required int Rows { get; init; }

    public required int Sites { get; init; }

    /// <summary>The model at the shipped threshold, which was calibrated on these same predictions.</summary>
    public required ReplyFigures Model { get; init; }

    /// <summary>The model when each fold's threshold is calibrated on the other folds only (no peeking at the fold scored).</summary>
    public required ReplyFigures ModelCrossCalibrated { get; init; }

    public required ReplyFigures KeywordRule { get; init; }

    /// <summary>Macro-F1 of the model's argmax topic on these posts (threshold-free).</summary>
    public required double MacroF1 { get; init; }

    public required IReadOnlyList<StoredPrediction> Predictions { get; init; }

    /// <summary>Joins stored predictions to the rows they were made for (rows missing from the data are skipped).</summary>
    public static IReadOnlyList<ScoredPost> Join(IEnumerable<StoredPrediction> predictions, IReadOnlyList<LabelledPost> rows)
    {
        var byId = rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
        return predictions.Where(p => byId.ContainsKey(p.Id)).Select(p => new ScoredPost(byId[p.Id], p.Topic, p.Confidence)).ToList();
    }
}
