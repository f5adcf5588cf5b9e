using MassageForumBot.Decisions;
using Xunit;

namespace MassageForumBot.Tests.Decisions;

public sealed class RedFlagDetectorTests
{
    private readonly RedFlagDetector _detector = new();

    [Theory]
    [InlineData("Can I work on a client with can\u0441er in remission?")] // Cyrillic es
    [InlineData("Client has can\u200Bcer, should I adapt?")] // zero-width space
    [InlineData("Client has c\u00ADa\u200Cn\u200Dc\u2060e\uFEFFr, okay?")] // soft hyphen, joiners, word joiner, BOM
    [InlineData("Client mentioned ｃａｎｃｅｒ last week")] // fullwidth
    [InlineData("Client has a CAN\u0421ER history")] // uppercase Cyrillic Es
    [InlineData("possible d\u03BD\u0442 in the calf")] // Greek nu, Cyrillic te
    [InlineData("a bl\u03BF\u043Ed clot behind the knee")] // Greek omicron, Cyrillic o
    public void Hidden_red_flags_are_caught(string text)
    {
        Assert.NotNull(_detector.Find(text));
    }

    [Fact]
    public void Hidden_cancer_is_reported_as_the_plain_phrase()
    {
        Assert.Equal("cancer", _detector.Find("can\u200B\u0441er"));
    }

    [Theory]
    [InlineData("Best way to release tight glutes after long runs? Client says her hips feel locked.")]
    [InlineData("Glute medius trigger points: which stretches do you pair with deep tissue work?")]
    public void Ordinary_posts_are_not_flagged(string text)
    {
        Assert.Null(_detector.Find(text));
    }
}
