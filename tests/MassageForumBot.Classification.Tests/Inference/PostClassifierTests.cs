using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Tests.Support;
using MassageForumBot.Classification.Training;

namespace MassageForumBot.Classification.Tests.Inference;

[Collection(SmallModelCollection.Name)]
public sealed class PostClassifierTests(SmallModelFixture model)
{
    private PostClassifier Classifier(double? threshold = null) =>
        new(model.Ml, model.Result.Model.Transformer, model.Result.Model.InputSchema, model.Result.Manifest, embedder: null, threshold);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t ")]
    public void Empty_posts_are_other_with_full_confidence_and_no_reply(string? text)
    {
        var p = Classifier(0.0).Classify(text);

        Assert.Equal("other", p.Topic);
        Assert.Equal(1.0, p.Confidence);
        Assert.False(p.Reply);
        Assert.Equal(model.Result.Manifest.Labels, p.Scores.Keys);
        Assert.Equal(1.0, p.Scores["other"]);
        Assert.Equal(0.0, p.Scores.Where(s => s.Key != "other").Sum(s => s.Value));
    }

    [Fact]
    public void Every_prediction_is_a_probability_distribution_whose_best_label_is_the_topic()
    {
        var classifier = Classifier();

        foreach (var text in SmallModelFixture.NovelTexts.Concat(model.Rows.Select(r => r.Text)))
        {
            var p = classifier.Classify(text);
            Assert.Equal(model.Result.Manifest.Labels, p.Scores.Keys);
            Assert.All(p.Scores.Values, v => Assert.InRange(v, 0.0, 1.0));
            Assert.Equal(1.0, p.Scores.Values.Sum(), 3);
            Assert.Equal(p.Scores.Values.Max(), p.Confidence, 6);
            Assert.Equal(p.Scores.MaxBy(s => s.Value).Key, p.Topic);
            Assert.Equal(p.Topic != "other" && p.Confidence >= classifier.Policy.Threshold, p.Reply);
            Assert.Null(p.Vector); // an n-gram model has no sentence vector to share
        }
    }

    [Theory]
    [InlineData(0, "glutes-draping")]
    [InlineData(1, "glutes-lowback")]
    [InlineData(2, "glutes-routine")]
    [InlineData(3, "other")]
    public void Unseen_posts_get_the_topic_of_their_words(int index, string topic)
    {
        Assert.Equal(topic, Classifier().Classify(SmallModelFixture.NovelTexts[index]).Topic);
    }

    [Fact]
    public void A_threshold_override_replaces_the_calibrated_threshold()
    {
        var always = Classifier(0.0);
        var never = Classifier(1.01);
        var texts = SmallModelFixture.NovelTexts;

        Assert.Equal(0.0, always.Policy.Threshold);
        Assert.Equal(model.Result.Manifest.ReplyThreshold, Classifier().Policy.Threshold);
        Assert.All(texts, t => Assert.Equal(always.Classify(t).Topic != "other", always.Classify(t).Reply));
        Assert.All(texts, t => Assert.False(never.Classify(t).Reply));
        Assert.Contains(texts, t => always.Classify(t).Reply);
    }

    [Fact]
    public void A_100_KB_post_gives_a_valid_distribution()
    {
        var text = "how should I drape the glutes with the sheet " + string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", 4000)) + " and ask consent before?";
        Assert.True(text.Length > 100_000);

        var p = Classifier().Classify(text);

        Assert.Equal(1.0, p.Scores.Values.Sum(), 3);
        Assert.Contains(p.Topic, model.Result.Manifest.Labels);
        Assert.Equal(p.Scores[p.Topic], p.Confidence, 6);
    }

    [Fact]
    public async Task Parallel_callers_get_exactly_what_a_sequential_run_gets()
    {
        var classifier = Classifier();
        var texts = Enumerable.Range(0, 200).Select(i => model.Rows[i % model.Rows.Count].Text + (i >= model.Rows.Count ? $" variant {i}" : "")).ToList();
        var sequential = texts.Select(classifier.Classify).ToList();

        var parallel = new Prediction[texts.Count];
        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = worker; i < texts.Count; i += 8) parallel[i] = classifier.Classify(texts[i]);
        })).ToArray();
        await Task.WhenAll(tasks);

        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal(sequential[i].Topic, parallel[i].Topic);
            Assert.Equal(sequential[i].Confidence, parallel[i].Confidence);
            Assert.Equal(sequential[i].Reply, parallel[i].Reply);
            Assert.Equal(sequential[i].Scores, parallel[i].Scores);
        }
    }

    [Fact]
    public void Reply_agrees_with_the_reported_confidence_at_the_threshold_boundary()
    {
        // The reported confidence is rounded to 6 decimals; the reply must follow that figure, or a client that checks
        // "reply == confidence >= threshold" sees a contradiction when the threshold sits on the rounded value.
        var scored = new ModelScorer(model.Ml, new PostRowFactory(null))
            .Score(model.Result.Model, model.Rows);
        var raw = scored.First(s => s.Topic != "other" && s.Confidence < Math.Round(s.Confidence, 6));
        var threshold = Math.Round(raw.Confidence, 6);

        var p = Classifier(threshold).Classify(raw.Post.Text);

        Assert.Equal(threshold, p.Confidence);
        Assert.True(p.Reply);
        Assert.False(Classifier(threshold + 1e-6).Classify(raw.Post.Text).Reply);
    }

    [Fact]
    public void A_model_that_needs_sentence_vectors_is_refused_without_an_embedder()
    {
        var manifest = model.Result.Manifest with { Features = nameof(FeatureSet.Embeddings) };

        var e = Assert.Throws<ArgumentException>(() =>
            new PostClassifier(model.Ml, model.Result.Model.Transformer, model.Result.Model.InputSchema, manifest, embedder: null));

        Assert.Contains("Embeddings", e.Message);
    }
}
