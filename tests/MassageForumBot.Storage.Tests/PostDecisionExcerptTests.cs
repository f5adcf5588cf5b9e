namespace MassageForumBot.Storage.Tests;

public sealed class PostDecisionExcerptTests
{
    [Theory]
    [InlineData("one two three", "one two three")]
    [InlineData("  one\n\ttwo   three  ", "one two three")]
    [InlineData("a b c d e f g h i j k l m n", "a b c d e f g h i j k l…")]
    public void The_excerpt_keeps_the_first_twelve_words(string text, string expected) =>
        Assert.Equal(expected, PostDecision.ExcerptOf(text));

    [Fact]
    public void The_excerpt_of_one_very_long_word_is_cut_at_100_characters() =>
        Assert.Equal(new string('x', 99) + "…", PostDecision.ExcerptOf(new string('x', 500)));
}
