using MassageForumBot.Classification.Evaluation;

namespace MassageForumBot.Classification.Tests.Evaluation;

public sealed class KeywordBaselineTests
{
    [Theory]
    [InlineData("Do you include glutes in a full body?", "glutes-routine")]
    [InlineData("Working the gluteus medius today", "glutes-routine")]
    [InlineData("BUTT work in every session?", "glutes-routine")]
    [InlineData("Client with low back pain, should I work the glutes?", "glutes-lowback")]
    [InlineData("sciatica and a tight bum", "glutes-lowback")]
    [InlineData("Lower back ache, glute med trigger points", "glutes-lowback")]
    [InlineData("How do you drape the glutes?", "glutes-draping")]
    [InlineData("Underwear on or off for buttock work", "glutes-draping")]
    [InlineData("Consent before working the booty", "glutes-draping")]
    public void A_glute_word_replies_and_the_second_keyword_list_picks_the_topic(string text, string expected)
    {
        Assert.Equal(expected, KeywordBaseline.Predict(text));
    }

    [Fact]
    public void Back_words_win_over_draping_words()
    {
        Assert.Equal("glutes-lowback", KeywordBaseline.Predict("draping the glutes for a client with lumbar pain"));
    }

    [Theory]
    [InlineData("Best lotion for a hot stone massage?")]
    [InlineData("low back pain and a sheet question")]   // back and draping words, but no glute word
    [InlineData("butterfly stroke swimmers have tight shoulders")] // "butt" only as part of a word
    [InlineData("")]
    public void Without_a_glute_word_it_says_other(string text)
    {
        Assert.Equal("other", KeywordBaseline.Predict(text));
    }

    [Fact]
    public void It_is_fooled_by_a_gym_post_which_is_why_it_is_only_a_baseline()
    {
        Assert.Equal("glutes-routine", KeywordBaseline.Predict("glute day at the gym, my butt is sore"));
    }
}
