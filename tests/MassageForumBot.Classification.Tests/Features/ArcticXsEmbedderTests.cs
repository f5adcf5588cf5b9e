using MassageForumBot.Classification.Features;

namespace MassageForumBot.Classification.Tests.Features;

/// <summary>The real ONNX encoder, offline, one instance for the class.</summary>
public sealed class ArcticXsEmbedderTests(ArcticXsEmbedderTests.Encoder encoder) : IClassFixture<ArcticXsEmbedderTests.Encoder>
{
    public sealed class Encoder : IDisposable
    {
        public ArcticXsEmbedder Embedder { get; } = new();

        public void Dispose() => Embedder.Dispose();
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return dot / Math.Sqrt(na * nb);
    }

    [Fact]
    public void Gives_384_finite_values_the_same_for_the_same_text()
    {
        var e = encoder.Embedder;

        var a = e.Embed("Do you include glutes in a full body massage?");
        var b = e.Embed("Do you include glutes in a full body massage?");

        Assert.Equal(384, e.Dimensions);
        Assert.Equal(384, a.Length);
        Assert.All(a, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(a, b);
        Assert.Equal(ArcticXsEmbedder.EncoderName, e.Name);
    }

    [Fact]
    public void A_batch_gives_each_text_the_vector_it_gets_alone()
    {
        string[] texts = ["do you do glutes?", "a much longer passage about draping the sheet and tucking it firmly before any glute work starts", "hips"];

        var batch = encoder.Embedder.EmbedMany(texts);

        Assert.Equal(texts.Length, batch.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = encoder.Embedder.Embed(texts[i]);
            for (var d = 0; d < alone.Length; d++) Assert.Equal(alone[d], batch[i][d], 3);
        }
    }

    [Fact]
    public void Similar_posts_are_closer_than_unrelated_ones()
    {
        var e = encoder.Embedder;

        var drape1 = e.Embed("How do you drape the glutes with a sheet?");
        var drape2 = e.Embed("What is your draping technique for glute work?");
        var invoices = e.Embed("Which accounting software do you use for invoices and taxes?");

        Assert.True(Cosine(drape1, drape2) > Cosine(drape1, invoices), $"{Cosine(drape1, drape2):F3} vs {Cosine(drape1, invoices):F3}");
    }

    [Fact]
    public void A_long_post_is_embedded_as_its_clipped_head_and_tail()
    {
        var e = encoder.Embedder;
        var text = "Glute question first. " + new string('x', 5000) + " And the real question at the end?";

        Assert.Equal(e.Embed(PostText.Clip(text, PostText.MaxEmbeddingChars)), e.Embed(text));
    }
}
