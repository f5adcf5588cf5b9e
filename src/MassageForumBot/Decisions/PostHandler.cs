using MassageForumBot.Storage;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.Decisions;

/// <summary>What happened to one post: the plan, how it ended, and the message made for it.</summary>
public sealed record HandledPost(PostPlan Plan, PostOutcome Outcome, ulong? SentMessageId)
{
    public string Reason => Plan.Reason;
}

/// <summary>Asks the decision core for a plan, has the channel send it, and records how it went.</summary>
public sealed class PostHandler
{
    private readonly DecisionCore _core;
    private readonly ILogger<PostHandler> _log;

    public PostHandler(DecisionCore core, ILogger<PostHandler> log)
    {
        _core = core;
        _log = log;
    }

    public async Task<HandledPost> HandleAsync(IncomingPost post, IPlanSender sender, CancellationToken cancel)
    {
        var plan = await _core.DecideAsync(post, cancel);
        if (!plan.Sends)
        {
            if (plan.RedFlag is not null)
            {
                _log.LogWarning("Post {MessageId} in channel {ChannelId} has a clinical red flag ('{Phrase}'); not answering, left for moderators",
                    post.MessageId, post.ChannelId, plan.RedFlag);
                await NotifyAsync(sender, plan, cancel);
            }
            return new HandledPost(plan, plan.Outcome, null);
        }

        ulong? sentId;
        try
        {
            sentId = await sender.SendAsync(plan, cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogError(e, "Sending the reply to post {MessageId} failed", post.MessageId);
            await _core.RecordFailedAsync(plan, e, cancel);
            return new HandledPost(plan, PostOutcome.Failed, null);
        }
        await _core.RecordSentAsync(plan, sentId, cancel);
        return new HandledPost(plan, plan.Outcome, sentId);
    }

    private async Task NotifyAsync(IPlanSender sender, PostPlan plan, CancellationToken cancel)
    {
        try
        {
            await sender.NotifyRedFlagAsync(plan, cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The post is still not answered; the warning above is the record of it.
            _log.LogError(e, "Could not tell moderators about the red flag in post {MessageId}", plan.Post.MessageId);
        }
    }
}
