using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using MassageForumBot.DiscordBot.Interactions;
using MassageForumBot.Moderation;
using MassageForumBot.Replies;
using MassageForumBot.Storage;

namespace MassageForumBot.DiscordBot;

/// <summary>Moderation on Discord: the post's text comes from Discord, replies and drafts are Discord messages.</summary>
public sealed class DiscordPostChannel(DiscordRestClient rest, PostTextSource texts, ModeratorLog modLog, ChannelLookup channels) : IPostChannel
{
    public Task<string?> PostTextAsync(PostDecision decision, CancellationToken cancel) => texts.TextAsync(decision, cancel);

    public async Task DeleteReplyAsync(PostDecision decision, ReplyClaim claim, CancellationToken cancel)
    {
        if (claim.ReplyMessageId is not { } messageId) return;
        // A live reply sits where the post is; a shadow draft in the moderators' log channel.
        var channelId = decision.Outcome == PostOutcome.ShadowDraft ? await modLog.ChannelForAsync(decision.GuildId, cancel) : claim.ChannelId;
        if (channelId is null) return;
        try
        {
            await rest.DeleteMessageAsync(channelId.Value, messageId, cancel);
        }
        catch (DiscordRestException e) when (e.Code == DiscordErrorCodes.UnknownMessage)
        {
            // Someone deleted it already.
        }
    }

    public Task<bool> IsInGuildAsync(ulong channelId, ulong guildId, CancellationToken cancel) => channels.IsInGuildAsync(channelId, guildId, cancel);

    public async Task<ulong?> PublishAsync(PostDecision decision, ReplyClaim claim, ComposedReply reply, CancellationToken cancel)
    {
        // In a thread (forum post) the reply goes into the thread; in a text channel it references the post.
        var reference = claim.ChannelId == decision.ChannelId
            ? new DiscordMessageReference { MessageId = decision.MessageId, FailIfNotExists = false }
            : null;
        var sent = await rest.CreateMessageAsync(claim.ChannelId, ReplyMessageBuilder.Build(reply, decision.MessageId, claim.Nonce + "a", reference), cancel);
        return sent.Id;
    }
}
