using MassageForumBot.Classification.Features;

namespace MassageForumBot.Classification.Tests.Features;

public sealed class PassagesTests
{
    private static string Words(int count, string word = "w") => string.Join(' ', Enumerable.Range(0, count).Select(i => $"{word}{i}"));

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(Passages.LongPostWords)]
    public void A_post_that_is_not_long_has_no_passages(int words) =>
        Assert.Empty(Passages.Of(Words(words)));

    [Theory]
    [InlineData(111, 2)]
    [InlineData(131, 2)]
    [InlineData(250, 4)]
    [InlineData(280, 4)]
    public void A_long_post_is_cut_into_evenly_spread_passages_that_cover_every_word_about_once(int words, int expected)
    {
        var text = Words(words).Replace(" w100 ", "\n\nw100\n", StringComparison.Ordinal);

        var passages = Passages.Of(text);

        Assert.Equal(expected, passages.Count);
        Assert.All(passages, p => Assert.Equal(Passages.PassageWords, p.Split(' ').Length));
        Assert.StartsWith("w0 ", passages[0]);
        Assert.EndsWith($" w{words - 1}", passages[^1]);
        Assert.Equal(words, passages.SelectMany(p => p.Split(' ')).Distinct().Count());
        // About as many words as the post: the encoder does about the work of one pass over it.
        Assert.True(passages.Count * Passages.PassageWords < words * 1.3, $"{passages.Count} passages for {words} words");
    }

    [Fact]
    public void A_huge_paste_gives_a_bounded_number_of_passages() =>
        Assert.Equal(Passages.MaxPassages, Passages.Of(string.Join(' ', Enumerable.Repeat("ab", 50_000))).Count);
}
