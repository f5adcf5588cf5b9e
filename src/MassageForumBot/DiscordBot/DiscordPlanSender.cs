using MassageForumBot.Decisions;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// Renders plans on Discord. A Reply goes into the channel (referencing the post) or into the forum post's thread. A
/// DraftToModerators is logged and, when the guild has a moderators' log channel of its own (<see cref="ModeratorLog"/>),
/// posted there with the same buttons; it is never posted publicly nor in another guild. A red-flag notice goes to
/// that log channel only.
/// </summary>
public sealed class DiscordPlanSender : IPlanSender
{
    private readonly DiscordRestClient _rest;
    private readonly ModeratorLog _modLog;
    private readonly ILogger<DiscordPlanSender> _log;

    public DiscordPlanSender(DiscordRestClient rest, ModeratorLog modLog, ILogger<DiscordPlanSender> log)
    {
        _rest = rest;
        _modLog = modLog;
        _log = log;
    }

    public async Task<ulong?> SendAsync(PostPlan plan, CancellationToken cancel)
    {
        var post = plan.Post;
        var reply = plan.Reply ?? throw new ArgumentException("The plan has no reply to send.", nameof(plan));
        var nonce = plan.Nonce ?? throw new ArgumentException("A dry-run plan is never sent.", nameof(plan));
        if (plan.Kind == PlanKind.Reply)
        {
            var reference = post.ThreadId is null ? new DiscordMessageReference { MessageId = post.MessageId, FailIfNotExists = false } : null;
            var sent = await _rest.CreateMessageAsync(post.ReplyChannelId, ReplyMessageBuilder.Build(reply, post.MessageId, nonce, reference), cancel);
            _log.LogInformation("Replied to post {MessageId} in guild {GuildId} with message {ReplyId}", post.MessageId, post.GuildId, sent.Id);
            return sent.Id;
        }

        var link = DiscordLinks.JumpLink(post.GuildId, post.ReplyChannelId, post.MessageId);
        var prediction = plan.Prediction!;
        _log.LogInformation("Shadow mode: would reply to {Link} as {Topic} ({Confidence:F2})", link, prediction.Topic, prediction.Confidence);
        if (await _modLog.ChannelForAsync(post.GuildId, cancel) is not { } logChannel)
        {
            return null;
        }
        var draft = ReplyMessageBuilder.Build(reply, post.MessageId, nonce, reference: null) with
        {
            Content = $"Shadow mode draft for {link} ({prediction.Topic}, {prediction.Confidence * 100:0}%):",
        };
        draft = draft with { Components = [.. draft.Components ?? [], ReplyMessageBuilder.ApproveRow(post.MessageId)] };
        var posted = await _rest.CreateMessageAsync(logChannel, DiscordLimits.Fit(draft), cancel);
        return posted.Id;
    }

    public async Task NotifyRedFlagAsync(PostPlan plan, CancellationToken cancel)
    {
        var post = plan.Post;
        if (await _modLog.ChannelForAsync(post.GuildId, cancel) is not { } logChannel)
        {
            return;
        }
        var link = DiscordLinks.JumpLink(post.GuildId, post.ReplyChannelId, post.MessageId);
        var content = $"⚠️ Red flag, not answered: {link} mentions '{plan.RedFlag}'. A person should look at it.";
        await _rest.CreateMessageAsync(logChannel, new CreateMessageRequest { Content = content }, cancel);
        _log.LogInformation("Told moderators about the red flag in post {MessageId}", post.MessageId);
    }
}
