using MassageForumBot.Classification.Inference;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using MassageForumBot.Replies;
using DiscordLimits = MassageForumBot.Discord.Models.DiscordLimits;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot;

/// <summary>Live mode: replies in the channel (referencing the post) or inside the forum post's thread.</summary>
public sealed class DiscordLiveTarget(DiscordRestClient rest) : IReplyTarget
{
    public bool IsLive => true;

    public async Task<ulong?> SendAsync(IncomingPost post, ComposedReply reply, Prediction prediction, string nonce, CancellationToken cancel)
    {
        var inThread = post.ThreadId is not null;
        var reference = inThread ? null : new DiscordMessageReference { MessageId = post.MessageId, FailIfNotExists = false };
        var request = ReplyMessageBuilder.Build(reply, post.MessageId, nonce, reference);
        var sent = await rest.CreateMessageAsync(post.ThreadId ?? post.ChannelId, request, cancel);
        return sent.Id;
    }
}

/// <summary>
/// Shadow mode: never posts publicly. Logs the would-be reply and, when a moderators' log channel is set, posts the
/// draft there with the same buttons so moderators can label traffic before going live.
/// </summary>
public sealed class DiscordShadowTarget(DiscordRestClient rest, ulong? modLogChannel, ILogger log) : IReplyTarget
{
    public bool IsLive => false;

    public async Task<ulong?> SendAsync(IncomingPost post, ComposedReply reply, Prediction prediction, string nonce, CancellationToken cancel)
    {
        var link = Worker.EarlierThreadFinder.JumpLink(post.GuildId, post.ThreadId ?? post.ChannelId, post.MessageId);
        log.LogInformation("Shadow mode: would reply to {Link} as {Topic} ({Confidence:F2})", link, prediction.Topic, prediction.Confidence);
        if (modLogChannel is null) return null;
        var request = ReplyMessageBuilder.Build(reply, post.MessageId, nonce, reference: null) with
        {
            Content = $"Shadow mode draft for {link} ({prediction.Topic}, {prediction.Confidence * 100:0}%):",
        };
        var sent = await rest.CreateMessageAsync(modLogChannel.Value, DiscordLimits.Fit(request), cancel);
        return sent.Id;
    }
}
