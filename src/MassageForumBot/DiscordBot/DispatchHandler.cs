using MassageForumBot.Decisions;
using MassageForumBot.Discord.Gateway;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using MassageForumBot.DiscordBot.Interactions;
using MassageForumBot.Storage;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot;

/// <summary>Routes gateway dispatches to what the bot does with them. Unknown event types are ignored.</summary>
public sealed class DispatchHandler
{
    private readonly PostHandler _posts;
    private readonly DiscordPlanSender _sender;
    private readonly ChannelDirectory _channels;
    private readonly IBotStore _store;
    private readonly DiscordRestClient _rest;
    private readonly CommandRegistrar _commands;
    private readonly InteractionRouter _interactions;
    private readonly TimeProvider _time;
    private readonly ILogger<DispatchHandler> _log;
    private int _warnedEmptyContent;

    public DispatchHandler(
        PostHandler posts,
        DiscordPlanSender sender,
        ChannelDirectory channels,
        IBotStore store,
        DiscordRestClient rest,
        CommandRegistrar commands,
        InteractionRouter interactions,
        TimeProvider time,
        ILogger<DispatchHandler> log)
    {
        _posts = posts;
        _sender = sender;
        _channels = channels;
        _store = store;
        _rest = rest;
        _commands = commands;
        _interactions = interactions;
        _time = time;
        _log = log;
    }

    /// <summary>The bot's own user id, from READY.</summary>
    public ulong SelfId { get; private set; }

    public ulong ApplicationId { get; private set; }

    public Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancel)
    {
        // Interactions must be answered within 3 s of receipt: the gateway stamps each event as it arrives, so time
        // spent in the dispatch queue counts (events built elsewhere carry no stamp: then it is now).
        var receivedAt = dispatch.ReceivedTimestamp != 0 ? dispatch.ReceivedTimestamp : _time.GetTimestamp();
        switch (dispatch.Event)
        {
            case ReadyEvent ready:
                SelfId = ready.User.Id;
                ApplicationId = ready.Application.Id;
                _log.LogInformation("Ready as {User} ({Id}) in {Guilds} guild(s)", ready.User.Username, ready.User.Id, ready.Guilds.Count);
                return _commands.OnReadyAsync(ApplicationId, ready.Guilds.Select(g => g.Id), cancel);
            case GuildCreateEvent guild:
                if (guild.Unavailable == true)
                {
                    return Task.CompletedTask;
                }
                _channels.AddGuild(guild);
                return _commands.OnGuildAsync(guild.Id, cancel);
            case GuildDeleteEvent left:
                // unavailable=true is an outage; without it the bot was removed from the guild.
                if (left.Removed)
                {
                    _commands.Forget(left.Id);
                }
                return Task.CompletedTask;
            case InteractionCreateEvent interaction:
                return _interactions.HandleAsync(interaction, receivedAt, cancel);
            case ChannelUpsertEvent upsert:
                _channels.Upsert(upsert.Channel);
                return Task.CompletedTask;
            case ThreadUpsertEvent thread:
                _channels.Upsert(thread.Thread);
                return Task.CompletedTask;
            case ChannelDeleteEvent deleted:
                _channels.Remove(deleted.Channel.Id);
                return Task.CompletedTask;
            case ThreadDeleteEvent deletedThread:
                _channels.Remove(deletedThread.Id);
                return Task.CompletedTask;
            case MessageCreateEvent created:
                return OnMessageAsync(created.Message, cancel);
            case MessageDeleteEvent deletedMessage:
                return OnDeleteAsync(deletedMessage, cancel);
            default:
                return Task.CompletedTask;
        }
    }

    private async Task OnMessageAsync(DiscordMessage message, CancellationToken cancel)
    {
        // Direct messages are not community threads. The bot never answers bots, webhooks or itself: checked here, once.
        if (message.GuildId is not { } guildId
            || message.Author is null || message.Author.Bot || message.WebhookId is not null || message.Author.Id == SelfId)
        {
            return;
        }

        var channel = _channels.Find(message.ChannelId) ?? await FetchChannelAsync(message.ChannelId, guildId, cancel);
        if (channel is null || ThreadStarterFilter.Find(message, channel) is not { } starter)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(message.Content) && Interlocked.Exchange(ref _warnedEmptyContent, 1) == 0)
        {
            // Without the MESSAGE_CONTENT intent every message arrives empty.
            _log.LogWarning("A thread starter arrived with empty content. Enable the MESSAGE_CONTENT privileged intent for this bot in the Discord Developer Portal (Bot > Privileged Gateway Intents); until then the bot cannot read _posts.");
        }

        var post = new IncomingPost(message.Id, guildId, message.ChannelId, starter.ThreadId, message.Author.Id, message.Content ?? "",
            message.Timestamp == default ? _time.GetUtcNow() : message.Timestamp, starter.WatchedChannelId);
        await _posts.HandleAsync(post, _sender, cancel);
    }

    private async Task OnDeleteAsync(MessageDeleteEvent deleted, CancellationToken cancel)
    {
        // A deleted post is forgotten; a deleted reply of ours stays claimed, so it is never posted again.
        await _store.ForgetPostAsync(deleted.Id, cancel);
        if (await _store.FindClaimByReplyAsync(deleted.Id, cancel) is { } claim)
        {
            await _store.MarkReplyRemovedAsync(claim.PostId, cancel);
        }
    }

    private async Task<ChannelInfo?> FetchChannelAsync(ulong channelId, ulong guildId, CancellationToken cancel)
    {
        try
        {
            // THREAD_CREATE and a forum post's first MESSAGE_CREATE come in either order: ask when the thread is not known yet.
            var channel = await _rest.GetChannelAsync(channelId, cancel);
            _channels.Upsert(channel, guildId);
            return _channels.Find(channelId);
        }
        catch (DiscordRestException e)
        {
            _log.LogWarning("Could not look up channel {ChannelId}: {Message}", channelId, e.Message);
            return null;
        }
    }
}
