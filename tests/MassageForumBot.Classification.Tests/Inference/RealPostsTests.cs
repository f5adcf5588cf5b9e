using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Tests.Support;

namespace MassageForumBot.Classification.Tests.Inference;

/// <summary>
/// Fast checks on the shipped model's stored out-of-site predictions (models/real-predictions.jsonl, written by train):
/// no model is loaded, only its manifest. Each real post there was scored by a cross-validation model that never saw its site.
/// </summary>
public sealed class RealPostsTests
{
    private static readonly Lazy<(RealPredictionsFile.Header Header, IReadOnlyList<RealPredictionsFile.Line> Lines)> Stored =
        new(() => RealPredictionsFile.Read(RepoPaths.ShippedRealPredictions));

    private static readonly Lazy<IReadOnlyList<LabelledPost>> Data = new(() => DatasetReader.Read(RepoPaths.ShippedData));

    [Fact]
    public void The_stored_predictions_are_the_shipped_models_and_cover_every_real_post_once()
    {
        var manifest = ModelBundle.ReadManifestOnly(RepoPaths.ShippedModel);
        var (header, lines) = Stored.Value;
        var real = Data.Value.Where(r => r.IsReal).ToDictionary(r => r.Id);

        Assert.Equal(manifest.Version, header.Model);
        Assert.Equal(manifest.ReplyThreshold, header.Threshold);
        Assert.Equal(KeywordRule.Pattern, header.KeywordRule);
        Assert.Equal(real.Keys.Order(StringComparer.Ordinal), lines.Select(l => l.Id).Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Equal(real[l.Id].Label, l.Label));
        Assert.All(lines, l => Assert.Equal(PostOrigin.Site(real[l.Id].Source), l.Site));
    }

    [Fact]
    public void The_shipped_model_beats_the_keyword_rule_on_real_posts_from_sites_it_never_saw()
    {
        var (header, lines) = Stored.Value;
        var policy = new ReplyPolicy(header.Threshold);
        var byId = Data.Value.ToDictionary(r => r.Id);

        // The reply decision is recomputed from topic and confidence, and the rule from the text: neither is trusted from the file.
        var model = ReplyFigures.From(lines.Select(l => (l.Label, policy.ShouldReply(l.Topic, l.Confidence), (string?)l.Topic)));
        var rule = ReplyFigures.ForKeywordRule(lines.Select(l => byId[l.Id]));

        Assert.True(lines.Count >= 200, $"{lines.Count} real posts");
        // The reply decision, one definition for both (a reply is right when the post is a glutes post): better F1.
        Assert.True(model.F1AnyTopic > rule.F1AnyTopic,
            $"reply decision: model F1 {model.F1AnyTopic:F3} (P {model.PrecisionAnyTopic:F3}, R {model.RecallAnyTopic:F3}) vs keyword rule F1 {rule.F1AnyTopic:F3} (P {rule.PrecisionAnyTopic:F3}, R {rule.RecallAnyTopic:F3})");
        // Even when the model must also name the right topic (the rule never has to), its replies are more often right.
        Assert.True(model.Precision > rule.Precision, $"model precision (right topic) {model.Precision:F3} vs keyword rule {rule.Precision:F3}");
    }
}
