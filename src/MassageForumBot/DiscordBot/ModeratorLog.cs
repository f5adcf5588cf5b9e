using MassageForumBot.Classification.Inference;
using MassageForumBot.Configuration;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// The moderators' log channel (Bot:ModLogChannel): shadow drafts and red-flag notices go there. It is used only for
/// posts from the guild that channel belongs to, so one guild's posts never show up in another guild's log.
/// </summary>
public sealed class ModeratorLog(DiscordRestClient rest, ChannelDirectory channels, IOptions<BotOptions> options, ILogger<ModeratorLog> log) : IModeratorNotifier
{
    /// <summary>The log channel for this guild, or null when none is set or it belongs to another guild.</summary>
    public ulong? ChannelFor(ulong guildId)
    {
        if (options.Value.ModLogChannel is not { } channelId) return null;
        var known = channels.Find(channelId);
        return known is null || known.GuildId == guildId || known.GuildId == 0 ? channelId : null;
    }

    public async Task RedFlagAsync(IncomingPost post, Prediction prediction, string phrase, CancellationToken cancel)
    {
        if (ChannelFor(post.GuildId) is not { } channelId) return;
        var link = EarlierThreadFinder.JumpLink(post.GuildId, post.ThreadId ?? post.ChannelId, post.MessageId);
        var content = $"⚠️ Red flag, not answered: {link} mentions '{phrase}'. A person should look at it " +
                      $"(the model read it as {prediction.Topic} at {prediction.Confidence * 100:0}%).";
        await rest.CreateMessageAsync(channelId, new CreateMessageRequest { Content = content, AllowedMentions = AllowedMentions.None }, cancel);
        log.LogInformation("Told moderators about the red flag in post {MessageId}", post.MessageId);
    }
}
