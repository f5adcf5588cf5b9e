using System.Globalization;
using System.Text;

namespace MassageForumBot.Classification.Evaluation;

/// <summary>Renders metrics as Markdown tables, for the model card and the evaluate verb alike.</summary>
public static class MetricsTable
{
    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Per-class precision, recall and F1 for the model and the keyword baseline, side by side.</summary>
    public static string SideBySide(MetricsSummary model, MetricsSummary baseline)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| label | support | model P | model R | model F1 | keyword P | keyword R | keyword F1 |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in model.PerClass)
        {
            var b = baseline.PerClass.FirstOrDefault(x => x.Label == m.Label) ?? new ClassMetrics(m.Label, 0, 0, 0, 0);
            sb.AppendLine($"| {m.Label} | {m.Support} | {F(m.Precision)} | {F(m.Recall)} | {F(m.F1)} | {F(b.Precision)} | {F(b.Recall)} | {F(b.F1)} |");
        }
        sb.AppendLine($"| **macro-F1** | {model.Rows} | | | **{F(model.MacroF1)}** | | | **{F(baseline.MacroF1)}** |");
        sb.AppendLine($"| accuracy | | | | {F(model.Accuracy)} | | | {F(baseline.Accuracy)} |");
        sb.AppendLine($"| reply precision (right topic) | | | | {F(model.ReplyPrecision)} | | | {F(baseline.ReplyPrecision)} |");
        sb.AppendLine($"| reply precision (any glutes topic) | | | | {F(model.ReplyPrecisionAnyTopic)} | | | {F(baseline.ReplyPrecisionAnyTopic)} |");
        sb.AppendLine($"| reply recall (right topic) | | | | {F(model.ReplyRecall)} | | | {F(baseline.ReplyRecall)} |");
        sb.AppendLine($"| replies / rows | | | | {model.Replies} / {model.Rows} | | | {baseline.Replies} / {baseline.Rows} |");
        return sb.ToString();
    }

    /// <summary>The reply decision on real posts, model beside the keyword rule (see <see cref="ReplyFigures"/> for the definition).</summary>
    public static string RealPosts(RealPostFigures real, double threshold)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"| {real.Rows} real posts from {real.Sites} sites, each scored by a model that never saw its site | precision (right topic) | recall (right topic) | F1 (right topic) | precision (reply decision) | recall (reply decision) | F1 (reply decision) | replies | right replies | glutes posts |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Row(sb, $"model, threshold {F(threshold)}", real.Model);
        Row(sb, "model, threshold calibrated fold by fold on the other folds", real.ModelCrossCalibrated);
        Row(sb, $"keyword rule `{KeywordRule.Pattern}`", real.KeywordRule);
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string name, ReplyFigures f) =>
        sb.AppendLine($"| {name} | {F(f.Precision)} | {F(f.Recall)} | {F(f.F1)} | {F(f.PrecisionAnyTopic)} | {F(f.RecallAnyTopic)} | {F(f.F1AnyTopic)} | {f.Replies} | {f.RightReplies} | {f.GlutesPosts} |");

    /// <summary>Confusion matrix: rows are the true label, columns the predicted one.</summary>
    public static string Confusion(MetricsSummary metrics)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"| true \\ predicted | {string.Join(" | ", metrics.Labels)} |");
        sb.AppendLine($"|---|{string.Concat(metrics.Labels.Select(_ => "---:|"))}");
        for (var r = 0; r < metrics.Labels.Count; r++)
            sb.AppendLine($"| {metrics.Labels[r]} | {string.Join(" | ", metrics.Confusion[r])} |");
        return sb.ToString();
    }

    public static string CrossValidation(CrossValidationSummary model, CrossValidationSummary baseline) =>
        $"""
        | | macro-F1 mean | macro-F1 std dev | accuracy mean | accuracy std dev | per-fold macro-F1 |
        |---|---:|---:|---:|---:|---|
        | model | {F(model.MacroF1Mean)} | {F(model.MacroF1StdDev)} | {F(model.AccuracyMean)} | {F(model.AccuracyStdDev)} | {string.Join(", ", model.FoldMacroF1.Select(F))} |
        | keyword baseline | {F(baseline.MacroF1Mean)} | {F(baseline.MacroF1StdDev)} | {F(baseline.AccuracyMean)} | {F(baseline.AccuracyStdDev)} | {string.Join(", ", baseline.FoldMacroF1.Select(F))} |

        """;
}
