using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Tests.Support;
using MassageForumBot.Classification.Training;
using Microsoft.ML;

namespace MassageForumBot.Classification.Tests.Training;

public sealed class ModelBuilderTests
{
    private static readonly string[] Labels = ["glutes-draping", "glutes-lowback", "glutes-routine", "other"];

    [Fact]
    public void Labels_come_out_in_ordinal_order_whatever_the_row_order()
    {
        var rows = Rows.SmallDataset().OrderByDescending(r => r.Label, StringComparer.Ordinal).ToList();
        Assert.Equal("other", rows[0].Label);

        var model = new ModelBuilder(new MLContext(1), new PostRowFactory(null)).Train(rows, new ModelSpec(FeatureSet.NGrams, TrainerKind.SdcaMaximumEntropy));

        Assert.Equal(Labels, model.Labels);
    }

    [Theory]
    [InlineData(FeatureSet.NGrams, TrainerKind.SdcaMaximumEntropy)]
    [InlineData(FeatureSet.Embeddings, TrainerKind.LbfgsMaximumEntropy)]
    [InlineData(FeatureSet.Combined, TrainerKind.LbfgsMaximumEntropy)]
    public void Each_feature_set_learns_the_small_dataset_and_the_scorer_reports_argmax(FeatureSet features, TrainerKind trainer)
    {
        var ml = new MLContext(1);
        var embedder = new FakeEmbedder();
        var factory = new PostRowFactory(embedder);
        var rows = Rows.SmallDataset();

        var model = new ModelBuilder(ml, factory).Train(rows, new ModelSpec(features, trainer));
        var scored = new ModelScorer(ml, factory).Score(model, rows);

        Assert.Equal(rows.Count, scored.Count);
        Assert.Equal(rows.Select(r => r.Id), scored.Select(s => s.Post.Id));
        var accuracy = scored.Count(s => s.Topic == s.Post.Label) / (double)rows.Count;
        Assert.True(accuracy >= 0.95, $"{features}: training accuracy {accuracy}");
        Assert.All(scored, s => Assert.InRange(s.Confidence, 0.25, 1.0));
        Assert.Equal(features.UsesEmbeddings(), embedder.Calls > 0);
    }

    [Fact]
    public void Scorer_and_classifier_agree_on_topic_and_confidence()
    {
        var ml = new MLContext(1);
        var factory = new PostRowFactory(null);
        var rows = Rows.SmallDataset();
        var model = new ModelBuilder(ml, factory).Train(rows, new ModelSpec(FeatureSet.NGrams, TrainerKind.SdcaMaximumEntropy));
        var manifest = Manifest(model, FeatureSet.NGrams);
        var classifier = new PostClassifier(ml, model.Transformer, model.InputSchema, manifest, null);

        var scored = new ModelScorer(ml, factory).Score(model, rows);

        foreach (var s in scored)
        {
            var p = classifier.Classify(s.Post.Text);
            Assert.Equal(s.Topic, p.Topic);
            Assert.Equal(s.Confidence, p.Confidence, tolerance: 1e-6);
        }
    }

    [Fact]
    public void A_model_with_sentence_vectors_round_trips_and_loading_it_creates_the_embedder_once()
    {
        var ml = new MLContext(1);
        var embedder = new FakeEmbedder();
        var rows = Rows.SmallDataset();
        var model = new ModelBuilder(ml, new PostRowFactory(embedder)).Train(rows, new ModelSpec(FeatureSet.Combined, TrainerKind.LbfgsMaximumEntropy));
        var original = new PostClassifier(ml, model.Transformer, model.InputSchema, Manifest(model, FeatureSet.Combined), embedder);
        using var dir = new TempFolder();
        var path = dir.File("combined.zip");
        ModelBundle.Save(path, ml, model, Manifest(model, FeatureSet.Combined));

        var created = 0;
        var loaded = PostClassifier.Load(path, () => { created++; return new FakeEmbedder(); });

        Assert.Equal(1, created);
        foreach (var text in SmallModelFixture.NovelTexts)
        {
            var p = loaded.Classify(text);
            Assert.Equal(original.Classify(text).Scores, p.Scores);
            // The prediction carries the sentence vector the model saw, for finding similar threads.
            Assert.Equal(new FakeEmbedder().Embed(text), p.Vector);
        }
    }

    [Fact]
    public void Row_factory_clips_text_and_refuses_vectors_without_an_embedder()
    {
        var longText = new string('a', 10_000);

        var row = new PostRowFactory(null).Create(longText, FeatureSet.NGrams, "other");

        Assert.Equal(PostText.MaxNGramChars, row.Text.Length);
        Assert.Equal("other", row.Label);
        Assert.All(row.Embedding, v => Assert.Equal(0f, v));
        Assert.Equal(PostRow.EmbeddingSize, row.Embedding.Length);
        var e = Assert.Throws<InvalidOperationException>(() => new PostRowFactory(null).Create("x", FeatureSet.Embeddings));
        Assert.Contains("Embeddings", e.Message);
    }

    [Fact]
    public void Caching_embedder_embeds_each_distinct_text_once()
    {
        var inner = new FakeEmbedder();
        var cache = new CachingEmbedder(inner);

        var a = cache.Embed("glute work");
        var b = cache.Embed("glute work");
        cache.Embed("other words");

        Assert.Same(a, b);
        Assert.Equal(2, inner.Calls);
        Assert.Equal(inner.Name, cache.Name);
        Assert.Equal(inner.Dimensions, cache.Dimensions);
    }

    private static ModelManifest Manifest(TrainedModel model, FeatureSet features) => new()
    {
        Version = "test",
        CreatedAt = DateTimeOffset.UnixEpoch,
        Features = features.ToString(),
        Trainer = model.Spec.Trainer.ToString(),
        Labels = model.Labels,
        ReplyThreshold = 0.6,
        ReplyPrecisionTarget = 0.95,
        DataFingerprint = "none",
        TrainRows = 60,
        TestIds = [],
        HeldOut = Classification.Evaluation.MetricsCalculator.Compute([], model.Labels, 0.6),
    };
}
