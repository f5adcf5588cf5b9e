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

    [Fact]
    public void A_long_post_is_cut_into_overlapping_passages_that_cover_every_word()
    {
        var text = Words(250).Replace(" w100 ", "\n\nw100\n", StringComparison.Ordinal);

        var passages = Passages.Of(text);

        Assert.All(passages, p => Assert.Equal(Passages.PassageWords, p.Split(' ').Length));
        Assert.StartsWith("w0 ", passages[0]);
        Assert.EndsWith(" w249", passages[^1]);
        var covered = passages.SelectMany(p => p.Split(' ')).ToHashSet();
        Assert.Equal(250, covered.Count);
        // Every stretch of StrideWords words lies whole inside one passage.
        for (var start = 0; start + Passages.StrideWords <= 250; start++)
        {
            var stretch = string.Join(' ', Enumerable.Range(start, Passages.StrideWords).Select(i => $"w{i}"));
            Assert.Contains(passages, p => p.Contains(stretch, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_huge_paste_gives_a_bounded_number_of_passages() =>
        Assert.Equal(Passages.MaxPassages, Passages.Of(string.Join(' ', Enumerable.Repeat("ab", 50_000))).Count);
}
