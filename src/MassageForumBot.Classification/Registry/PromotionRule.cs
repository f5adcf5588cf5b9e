using System.Globalization;
using System.Text;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Classification.Registry;

/// <summary>One condition of the promotion rule and whether the staged model met it.</summary>
public sealed record PromotionCheck(bool Passed, string Description);

public sealed record PromotionDecision(bool Promote, IReadOnlyList<string> Reasons)
{
    public IReadOnlyList<PromotionCheck> Checks { get; init; } = [];
}

/// <summary>
/// When a staged model may replace the active one, both scored on the same held-out rows:
/// its reply precision (right topic) must be at least the bar the active model was calibrated to (the model card's
/// precision target), its macro-F1 must not drop by more than <see cref="MaxMacroF1Drop"/>, and it must answer at least
/// one held-out post when there are glutes posts to answer (a model that never replies has a vacuous precision of 1).
/// On real posts (each model's out-of-site figures, recorded when it was trained) its reply F1 with fold-calibrated
/// thresholds must not be lower than the active model's: a candidate that is worse on real posts is refused.
/// </summary>
public static class PromotionRule
{
    public const double MaxMacroF1Drop = 0.01;

    // Metrics are ratios of small counts: compare with a little slack so 0.95 == 0.95 after floating point.
    private const double Slack = 1e-9;

    public static PromotionDecision Decide(MetricsSummary staged, MetricsSummary? active, double precisionBar,
        RealPostFigures? stagedReal = null, RealPostFigures? activeReal = null)
    {
        var checks = new List<PromotionCheck>();
        if (activeReal is not null)
        {
            if (stagedReal is null)
                checks.Add(new PromotionCheck(false, "the candidate has no real-post figures (trained without real posts) and the active model has"));
            else
            {
                var before = activeReal.ModelCrossCalibrated.F1;
                var after = stagedReal.ModelCrossCalibrated.F1;
                var ok = after >= before - Slack;
                checks.Add(new PromotionCheck(ok,
                    $"real posts from unseen sites: reply F1 {F(before)} -> {F(after)} ({(after - before).ToString("+0.000;-0.000;+0.000", CultureInfo.InvariantCulture)}; {activeReal.Rows} -> {stagedReal.Rows} posts){(ok ? "" : ": worse on real posts")}"));
            }
        }
        else if (stagedReal is not null)
            checks.Add(new PromotionCheck(true, $"real posts from unseen sites: reply F1 {F(stagedReal.ModelCrossCalibrated.F1)} (the active model has no real-post figures)"));
        checks.Add(new PromotionCheck(staged.ReplyPrecision >= precisionBar - Slack,
            $"reply precision {F(staged.ReplyPrecision)} {(staged.ReplyPrecision >= precisionBar - Slack ? ">=" : "is below")} the bar {F(precisionBar)} recorded in the {(active is null ? "staged" : "active")} model card"));
        if (active is not null)
        {
            var change = staged.MacroF1 - active.MacroF1;
            var ok = change >= -MaxMacroF1Drop - Slack;
            checks.Add(new PromotionCheck(ok,
                $"macro-F1 {F(active.MacroF1)} -> {F(staged.MacroF1)} ({change.ToString("+0.000;-0.000;+0.000", CultureInfo.InvariantCulture)}){(ok ? "" : ",")} {(ok ? "within" : "drops more than")} the allowed drop of {F(MaxMacroF1Drop)}"));
        }
        var answerable = staged.PerClass.Where(c => ReplyPolicy.IsReplyTopic(c.Label)).Sum(c => c.Support);
        if (answerable > 0)
            checks.Add(new PromotionCheck(staged.Replies > 0,
                staged.Replies > 0 ? $"answers {staged.Replies} of {staged.Rows} held-out posts" : $"answers none of the {answerable} held-out glutes posts"));
        var failed = checks.Where(c => !c.Passed).Select(c => c.Description).ToList();
        return new PromotionDecision(failed.Count == 0, failed) { Checks = checks };
    }

    internal static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}

/// <summary>Both models' figures on the same rows, and the decision.</summary>
public sealed record PromotionComparison(
    ModelManifest Staged,
    ModelManifest? Active,
    MetricsSummary? StagedMetrics,
    MetricsSummary? ActiveMetrics,
    int HeldOutRows,
    int MissingHeldOutIds,
    int AlsoHeldOutByActive,
    PromotionDecision Decision)
{
    /// <summary>A plain-text table, active beside staged, then the checks and the verdict.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append($"held-out set: {HeldOutRows} rows, the staged model's recorded held-out ids");
        if (Active is not null) sb.Append($" ({AlsoHeldOutByActive} of them also held out by the active model)");
        if (MissingHeldOutIds > 0) sb.Append($"; {MissingHeldOutIds} held-out ids are not in the data");
        sb.AppendLine();
        sb.AppendLine();

        var rows = new List<(string Name, string Active, string Staged)>
        {
            ("version", Active?.Version ?? "(none)", Staged.Version),
            ("trained", Date(Active), Date(Staged)),
            ("features + trainer", Active is null ? "" : $"{Active.Features} + {Active.Trainer}", $"{Staged.Features} + {Staged.Trainer}"),
            ("train rows", Active?.TrainRows.ToString(CultureInfo.InvariantCulture) ?? "", Staged.TrainRows.ToString(CultureInfo.InvariantCulture)),
            ("reply threshold", Active is null ? "" : PromotionRule.F(Active.ReplyThreshold), PromotionRule.F(Staged.ReplyThreshold)),
            ("precision bar (card)", Active is null ? "" : PromotionRule.F(Active.ReplyPrecisionTarget), PromotionRule.F(Staged.ReplyPrecisionTarget)),
        };
        if (StagedMetrics is not null)
        {
            rows.Add(("macro-F1", M(ActiveMetrics, m => m.MacroF1), M(StagedMetrics, m => m.MacroF1)));
            rows.Add(("accuracy", M(ActiveMetrics, m => m.Accuracy), M(StagedMetrics, m => m.Accuracy)));
            rows.Add(("reply precision", M(ActiveMetrics, m => m.ReplyPrecision), M(StagedMetrics, m => m.ReplyPrecision)));
            rows.Add(("reply recall", M(ActiveMetrics, m => m.ReplyRecall), M(StagedMetrics, m => m.ReplyRecall)));
            rows.Add(("replies / rows", ActiveMetrics is null ? "" : $"{ActiveMetrics.Replies} / {ActiveMetrics.Rows}", $"{StagedMetrics.Replies} / {StagedMetrics.Rows}"));
            foreach (var c in StagedMetrics.PerClass)
                rows.Add(($"F1 {c.Label}", ActiveMetrics?.PerClass.FirstOrDefault(a => a.Label == c.Label) is { } a ? PromotionRule.F(a.F1) : "", PromotionRule.F(c.F1)));
        }
        var nameWidth = Math.Max(20, rows.Max(r => r.Name.Length));
        var activeWidth = Math.Max(26, rows.Max(r => r.Active.Length));
        sb.AppendLine($"{"".PadRight(nameWidth + 2)}{"active".PadRight(activeWidth)}  staged");
        foreach (var (name, active, staged) in rows)
            sb.AppendLine($"{name.PadRight(nameWidth)}  {active.PadRight(activeWidth)}  {staged}");
        sb.AppendLine();
        foreach (var check in Decision.Checks)
            sb.AppendLine($"  [{(check.Passed ? "ok" : "FAIL")}] {check.Description}");
        foreach (var reason in Decision.Reasons.Where(r => Decision.Checks.All(c => c.Description != r)))
            sb.AppendLine($"  [FAIL] {reason}");
        sb.AppendLine();
        sb.AppendLine(Decision.Promote
            ? "verdict: promote"
            : $"verdict: refused: {string.Join("; ", Decision.Reasons)}");
        return sb.ToString();
    }

    private static string Date(ModelManifest? m) => m is null ? "" : m.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string M(MetricsSummary? m, Func<MetricsSummary, double> pick) => m is null ? "" : PromotionRule.F(pick(m));
}
