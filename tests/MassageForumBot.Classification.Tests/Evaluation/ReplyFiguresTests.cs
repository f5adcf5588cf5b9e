using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Tests.Support;

namespace MassageForumBot.Classification.Tests.Evaluation;

public sealed class ReplyFiguresTests
{
    [Theory]
    [InlineData("do u do glutes?", true)]
    [InlineData("Gluteal work on every client", true)]
    [InlineData("my BUTT hurts", true)]
    [InlineData("numb bum after driving", true)]
    [InlineData("booty day", true)]
    [InlineData("buttocks and draping", true)]
    [InlineData("button on the table broke", false)]
    [InlineData("butter or lotion?", false)]
    [InlineData("bumper sticker", false)]
    [InlineData("sore backside and hips", false)]
    [InlineData("butts", false)]
    public void The_keyword_rule_is_the_issue_8_regex(string text, bool replies) =>
        Assert.Equal(replies, KeywordRule.Replies(text));

    [Fact]
    public void The_model_needs_the_right_topic_and_the_keyword_rule_any_glutes_post()
    {
        var posts = new[]
        {
            Rows.Post("1", "glutes-routine", text: "do you do glutes"),
            Rows.Post("2", "glutes-lowback", text: "glutes and sciatica"),
            Rows.Post("3", "glutes-draping", text: "undies on or off?"),
            Rows.Post("4", "other", text: "glute day at the gym"),
        };
        var scored = new[]
        {
            new ScoredPost(posts[0], "glutes-routine", 0.9), // right
            new ScoredPost(posts[1], "glutes-routine", 0.9), // a glutes post, wrong topic
            new ScoredPost(posts[2], "glutes-draping", 0.6), // below the threshold
            new ScoredPost(posts[3], "other", 0.8),
        };

        var model = ReplyFigures.ForModel(scored, threshold: 0.7);
        var rule = ReplyFigures.ForKeywordRule(posts);

        Assert.Equal((4, 3, 2, 1, 2), (model.Rows, model.GlutesPosts, model.Replies, model.RightReplies, model.RepliesToGlutesPosts));
        Assert.Equal(0.5, model.Precision, 10);
        Assert.Equal(1.0, model.PrecisionAnyTopic, 10);
        Assert.Equal(1.0 / 3, model.Recall, 10);
        Assert.Equal(0.4, model.F1, 10);
        // The rule answers 1, 2 and 4 (no glute word in 3): both glutes posts count as right, it names no topic.
        Assert.Equal((3, 2), (rule.Replies, rule.RightReplies));
        Assert.Equal(2.0 / 3, rule.Precision, 10);
        Assert.Equal(2.0 / 3, rule.Recall, 10);
    }

    [Fact]
    public void No_replies_is_a_vacuous_precision_and_no_recall()
    {
        var figures = ReplyFigures.ForModel([new ScoredPost(Rows.Post("1", "glutes-routine"), "other", 0.9)], 0.5);

        Assert.Equal(1.0, figures.Precision);
        Assert.Equal(0.0, figures.Recall);
        Assert.Equal(0.0, figures.F1);
    }
}
