using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Classification.Tests.Inference;

public sealed class ReplyPolicyTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.99)]
    [InlineData(0.0)]
    public void Other_never_replies_whatever_the_confidence(double confidence)
    {
        Assert.False(new ReplyPolicy(0.0).ShouldReply("other", confidence));
        Assert.False(ReplyPolicy.IsReplyTopic(ReplyPolicy.NoReplyLabel));
    }

    [Theory]
    [InlineData("glutes-routine", 0.8, true)]     // at the threshold: inclusive
    [InlineData("glutes-routine", 0.8000001, true)]
    [InlineData("glutes-routine", 0.7999999, false)]
    [InlineData("glutes-draping", 0.95, true)]
    [InlineData("glutes-lowback", 0.1, false)]
    public void A_recurring_topic_replies_exactly_from_the_threshold_up(string topic, double confidence, bool expected)
    {
        Assert.Equal(expected, new ReplyPolicy(0.8).ShouldReply(topic, confidence));
    }

    [Fact]
    public void Every_label_but_other_is_a_reply_topic()
    {
        Assert.True(ReplyPolicy.IsReplyTopic("glutes-routine"));
        Assert.True(ReplyPolicy.IsReplyTopic("anything-new"));
        Assert.Equal("other", ReplyPolicy.NoReplyLabel);
    }
}
