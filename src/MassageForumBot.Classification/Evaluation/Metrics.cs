namespace MassageForumBot.Classification.Evaluation;

public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>How a model (or the keyword baseline) did on one labelled set.</summary>
public sealed record MetricsSummary
{
    public required IReadOnlyList<string> Labels { get; init; }
    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }
    public required double MacroF1 { get; init; }
    public required double Accuracy { get; init; }

    /// <summary>Rows are the true label, columns the predicted one, both in <see cref="Labels"/> order.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> Confusion { get; init; }

    public required double ReplyThreshold { get; init; }

    /// <summary>Of the posts the bot would answer, the share whose true label is the topic it answered with.</summary>
    public required double ReplyPrecision { get; init; }

    /// <summary>Of the posts the bot would answer, the share that are any recurring topic (a looser reading).</summary>
    public required double ReplyPrecisionAnyTopic { get; init; }

    /// <summary>Of the recurring-topic posts, the share the bot would answer with the right topic.</summary>
    public required double ReplyRecall { get; init; }

    public required int Replies { get; init; }
    public required int Rows { get; init; }
}

/// <summary>Macro-F1 over k group folds: the spread shows how much the score depends on which situations were held out.</summary>
public sealed record CrossValidationSummary(int Folds, IReadOnlyList<double> FoldMacroF1, double MacroF1Mean, double MacroF1StdDev,
    IReadOnlyList<double> FoldAccuracy, double AccuracyMean, double AccuracyStdDev)
{
    public static CrossValidationSummary From(IReadOnlyList<MetricsSummary> folds)
    {
        var f1 = folds.Select(f => f.MacroF1).ToList();
        var acc = folds.Select(f => f.Accuracy).ToList();
        return new CrossValidationSummary(folds.Count, f1, f1.Average(), StdDev(f1), acc, acc.Average(), StdDev(acc));
    }

    private static double StdDev(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
