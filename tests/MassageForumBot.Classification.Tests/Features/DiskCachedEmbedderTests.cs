using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Tests.Support;

namespace MassageForumBot.Classification.Tests.Features;

public sealed class DiskCachedEmbedderTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_second_run_encodes_only_the_texts_the_first_did_not_see_and_gets_the_same_vectors()
    {
        var path = _dir.File("cache.bin");
        var first = new FakeEmbedder();
        var cache = new DiskCachedEmbedder(first, path);
        var a = cache.Embed("do you do glutes");
        var batch = cache.EmbedMany(["undies on or off", "do you do glutes"]);
        cache.Save();
        Assert.Equal(2, first.Calls);
        Assert.Same(a, batch[1]);

        var second = new FakeEmbedder();
        var reloaded = new DiskCachedEmbedder(second, path);

        Assert.Equal(2, reloaded.Count);
        Assert.Equal(a, reloaded.Embed("do you do glutes"));
        Assert.Equal(batch[0], reloaded.EmbedMany(["undies on or off"])[0]);
        Assert.Equal(0, second.Calls);
        reloaded.Embed("sciatica and the piriformis");
        Assert.Equal(1, second.Calls);
    }

    [Fact]
    public void A_damaged_cache_file_is_a_cold_cache()
    {
        var path = _dir.WriteText("cache.bin", "not a cache");
        var inner = new FakeEmbedder();

        var cache = new DiskCachedEmbedder(inner, path);
        cache.Embed("hips");

        Assert.Equal(1, inner.Calls);
    }
}
