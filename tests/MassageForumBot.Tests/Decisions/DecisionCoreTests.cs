using MassageForumBot.Configuration;
using MassageForumBot.Decisions;
using MassageForumBot.Storage;

namespace MassageForumBot.Tests.Decisions;

/// <summary>The decision core's rules, in the order it applies them, on a scripted classifier and an in-memory store.</summary>
public sealed class DecisionCoreTests(TopicsFixture topics) : IClassFixture<TopicsFixture>
{
    private const string Glutes = "do you include glutes in a full body?";
    private const string Flagged = "her calf is swollen and hot, should I still do glutes?";

    [Fact]
    public async Task A_post_in_an_unwatched_channel_is_ignored_unclassified_and_nothing_about_it_is_kept()
    {
        await using var rig = await DecisionRig.CreateAsync(topics.Library);
        var post = rig.Post(rig.Classifier.Answer(Glutes, "glutes-routine", 0.99), channel: DecisionRig.Unwatched);

        var plan = await rig.Core.DecideAsync(post, CancellationToken.None);

        Assert.Equal((PlanKind.Ignore, IgnoreReason.NotWatched), (plan.Kind, plan.Ignored));
        Assert.Equal(0, rig.Classifier.Calls);
        Assert.Null(await rig.Store.GetDecisionAsync(post.MessageId));
    }

    [Fact]
    public async Task An_opted_out_author_is_skipped_before_red_flags_and_the_model_and_only_the_skip_is_recorded()
    {
        await using var rig = await DecisionRig.CreateAsync(topics.Library);
        await rig.Store.SetOptedOutAsync(DecisionRig.Member, true, rig.Time.GetUtcNow());
        var post = rig.Post(Flagged);

        var plan = await rig.Core.DecideAsync(post, CancellationToken.None);

        Assert.Equal((PlanKind.Ignore, IgnoreReason.OptedOut, null), (plan.Kind, plan.Ignored, plan.RedFlag));
        Assert.Equal(0, rig.Classifier.Calls);
        var recorded = await rig.Store.GetDecisionAsync(post.MessageId);
        Assert.Equal((PostOutcome.OptedOut, "", "{}"), (recorded!.Outcome, recorded.Topic, recorded.ScoresJson));
    }

    [Fact]
    public async Task A_red_flag_is_decided_before_the_model_however_confident_it_would_be()
    {
        await using var rig = await DecisionRig.CreateAsync(topics.Library);
        var post = rig.Post(rig.Classifier.Answer(Flagged, "glutes-routine", 0.999));

        var handled = await rig.Handler.HandleAsync(post, rig.Sender, CancellationToken.None);

        Assert.Equal((PlanKind.Ignore, IgnoreReason.RedFlag), (handled.Plan.Kind, handled.Plan.Ignored));
        Assert.Contains("swollen", handled.Plan.RedFlag, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, rig.Classifier.Calls);
        Assert.Empty(rig.Sender.Sent);
        Assert.Same(handled.Plan, Assert.Single(rig.Sender.RedFlags));
        Assert.Null(await rig.Store.GetClaimAsync(post.MessageId));
        Assert.Equal(PostOutcome.RedFlag, (await rig.Store.GetDecisionAsync(post.MessageId))!.Outcome);
    }

    [Theory]
    [InlineData("other", 0.99, IgnoreReason.NotRecurringTopic)]
    [InlineData("glutes-routine", 0.79, IgnoreReason.BelowThreshold)]
    [InlineData("glutes-routine", 0.80, null)]
    public async Task The_configured_threshold_replaces_the_models_and_is_applied_once(string topic, double confidence, IgnoreReason? expected)
    {
        // The model alone would answer anything from 0.5, and the prediction's own Reply flag says the opposite.
        await using var rig = await DecisionRig.CreateAsync(topics.Library, configuredThreshold: 0.8, modelThreshold: 0.5);
        var post = rig.Post(rig.Classifier.Answer(Glutes, topic, confidence));

        var plan = await rig.Core.DecideAsync(post, CancellationToken.None);

        Assert.Equal(expected, plan.Ignored);
        Assert.Equal(expected is null ? PlanKind.Reply : PlanKind.Ignore, plan.Kind);
        Assert.Equal(1, rig.Classifier.Calls);
        Assert.Equal(expected is null, await rig.Store.GetClaimAsync(post.MessageId) is not null);
    }

    [Fact]
    public async Task A_moderators_threshold_wins_over_the_configuration()
    {
        await using var rig = await DecisionRig.CreateAsync(topics.Library, configuredThreshold: 0.6);
        await rig.Policies.UpdateAsync(DecisionRig.Guild, (s, _) => s with { Threshold = 0.95 });

        var plan = await rig.Core.DecideAsync(rig.Post(rig.Classifier.Answer(Glutes, "glutes-routine", 0.9)), CancellationToken.None);

        Assert.Equal(IgnoreReason.BelowThreshold, plan.Ignored);
        Assert.Equal("confidence 0.90 below threshold 0.95", plan.Reason);
    }

    [Theory]
    [InlineData(BotMode.Live, PlanKind.Reply, PostOutcome.Replied)]
    [InlineData(BotMode.Shadow, PlanKind.DraftToModerators, PostOutcome.ShadowDraft)]
    public async Task The_mode_decides_between_a_reply_and_a_draft_for_moderators(BotMode mode, PlanKind kind, PostOutcome outcome)
    {
        await using var rig = await DecisionRig.CreateAsync(topics.Library, mode);
        var post = rig.Post(rig.Classifier.Answer(Glutes, "glutes-routine", 0.97));

        var handled = await rig.Handler.HandleAsync(post, rig.Sender, CancellationToken.None);

        Assert.Equal(kind, Assert.Single(rig.Sender.Sent).Kind);
        Assert.Equal(outcome, handled.Outcome);
        Assert.Contains("Topic: glutes-routine", handled.Plan.Reply!.PlainText, StringComparison.Ordinal);
        Assert.Equal(outcome, (await rig.Store.GetDecisionAsync(post.MessageId))!.Outcome);
        Assert.Equal((ReplyState.Sent, handled.SentMessageId), ((await rig.Store.GetClaimAsync(post.MessageId))!.State, (await rig.Store.GetClaimAsync(post.MessageId))!.ReplyMessageId));
    }

    [Fact]
    public async Task A_redelivered_post_is_answered_once_and_a_send_interrupted_by_a_crash_is_retried_with_its_nonce()
    {
        await using var rig = await DecisionRig.CreateAsync(topics.Library);
        var post = rig.Post(rig.Classifier.Answer(Glutes, "glutes-routine", 0.97));

        var first = await rig.Core.DecideAsync(post, CancellationToken.None);
        var afterCrash = await rig.Core.DecideAsync(post, CancellationToken.None); // claimed, never marked sent
        await rig.Core.RecordSentAsync(afterCrash, 4242, CancellationToken.None);
        var redelivered = await rig.Core.DecideAsync(post, CancellationToken.None);

        Assert.Equal(PlanKind.Reply, afterCrash.Kind);
        Assert.NotNull(first.Nonce);
        Assert.Equal(first.Nonce, afterCrash.Nonce);
        Assert.Equal((PlanKind.Ignore, IgnoreReason.AlreadyReplied), (redelivered.Kind, redelivered.Ignored));
    }

    [Fact]
    public async Task A_dry_run_claims_and_records_nothing_and_still_knows_a_post_was_answered()
    {
        await using var rig = await DecisionRig.CreateAsync(topics.Library);
        var post = rig.Post(rig.Classifier.Answer(Glutes, "glutes-routine", 0.97));
        var ignored = rig.Post(rig.Classifier.Answer("what do you charge?", "other", 0.9));

        var dry = await rig.Core.DryRunAsync(post, CancellationToken.None);
        var dryIgnored = await rig.Core.DryRunAsync(ignored, CancellationToken.None);

        Assert.Equal((PlanKind.Reply, null), (dry.Kind, dry.Nonce));
        Assert.NotNull(dry.Reply);
        Assert.Equal(IgnoreReason.NotRecurringTopic, dryIgnored.Ignored);
        Assert.Null(await rig.Store.GetClaimAsync(post.MessageId));
        Assert.Null(await rig.Store.GetDecisionAsync(post.MessageId));
        Assert.Null(await rig.Store.GetDecisionAsync(ignored.MessageId));
        await Assert.ThrowsAsync<ArgumentException>(() => rig.Core.RecordSentAsync(dry, 1, CancellationToken.None));

        await rig.Handler.HandleAsync(post, rig.Sender, CancellationToken.None);
        Assert.Equal(IgnoreReason.AlreadyReplied, (await rig.Core.DryRunAsync(post, CancellationToken.None)).Ignored);
    }

    [Fact]
    public async Task Earlier_threads_are_linked_only_through_the_channels_link_builder()
    {
        float[] vector = [1, 0, 0.5f];
        await using var forum = await DecisionRig.CreateAsync(topics.Library, links: new ForumLinks());
        await using var console = await DecisionRig.CreateAsync(topics.Library, links: new NoLinks());
        foreach (var rig in new[] { forum, console })
        {
            var earlier = rig.Post(rig.Classifier.Answer("glutes or not, in a full body?", "glutes-routine", 0.97, vector), id: 1);
            await rig.Handler.HandleAsync(earlier, rig.Sender, CancellationToken.None);
        }

        var later = await forum.Core.DryRunAsync(forum.Post(forum.Classifier.Answer(Glutes, "glutes-routine", 0.97, vector)), CancellationToken.None);
        var onConsole = await console.Core.DryRunAsync(console.Post(console.Classifier.Answer(Glutes, "glutes-routine", 0.97, vector)), CancellationToken.None);

        Assert.Contains($"https://forum.example.org/{DecisionRig.Guild}/{DecisionRig.Watched}/1", later.Reply!.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain(ReplyComposerHeading, onConsole.Reply!.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("discord.com", later.Reply.PlainText + onConsole.Reply.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_send_gives_up_the_claim_so_a_redelivery_tries_again()
    {
        await using var rig = await DecisionRig.CreateAsync(topics.Library);
        var post = rig.Post(rig.Classifier.Answer(Glutes, "glutes-routine", 0.97));
        rig.Sender.Failure = new HttpRequestException("503 from Discord");

        var failed = await rig.Handler.HandleAsync(post, rig.Sender, CancellationToken.None);
        rig.Sender.Failure = null;
        var retried = await rig.Handler.HandleAsync(post, rig.Sender, CancellationToken.None);

        Assert.Equal(PostOutcome.Failed, failed.Outcome);
        Assert.Equal(PostOutcome.Replied, retried.Outcome);
        Assert.Single(rig.Sender.Sent);
        Assert.Equal(ReplyState.Sent, (await rig.Store.GetClaimAsync(post.MessageId))!.State);
    }

    private const string ReplyComposerHeading = MassageForumBot.Replies.ReplyComposer.EarlierThreadsHeading;
}
