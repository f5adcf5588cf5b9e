using MassageForumBot.Classification.Features;

namespace MassageForumBot.Classification.Tests.Features;

public sealed class PostTextTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    [InlineData(100)]
    public void Text_within_the_limit_is_returned_unchanged(int length)
    {
        var text = new string('a', length);

        Assert.Same(text, PostText.Clip(text, 100));
    }

    [Fact]
    public void Long_text_keeps_two_fifths_head_and_the_tail_within_the_limit()
    {
        var text = "STORY-START " + string.Concat(Enumerable.Range(0, 2000).Select(i => (char)('a' + i % 26))) + " QUESTION-AT-THE-END?";

        var clipped = PostText.Clip(text, 100);

        Assert.Equal(100, clipped.Length);
        Assert.Equal(text[..40], clipped[..40]);
        Assert.Equal(' ', clipped[40]);
        Assert.Equal(text[^59..], clipped[41..]);
        Assert.StartsWith("STORY-START ", clipped);
        Assert.EndsWith(" QUESTION-AT-THE-END?", clipped);
    }

    [Theory]
    [InlineData(PostText.MaxNGramChars)]
    [InlineData(PostText.MaxEmbeddingChars)]
    public void A_100_KB_post_is_clipped_to_the_feature_limits(int max)
    {
        var text = new string('x', 100 * 1024);

        Assert.Equal(max, PostText.Clip(text, max).Length);
    }

    [Fact]
    public void One_character_over_the_limit_is_clipped()
    {
        var clipped = PostText.Clip("0123456789X", 10);

        Assert.Equal("0123 6789X", clipped);
        Assert.Equal(10, clipped.Length);
    }
}
