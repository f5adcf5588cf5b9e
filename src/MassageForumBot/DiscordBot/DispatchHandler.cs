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
    private readonly GuildDirectory _guilds;
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
        GuildDirectory guilds,
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
        _guilds = guilds;
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
                _guilds.AddGuild(guild);
                return _commands.OnGuildAsync(guild.Id, cancel);
            case GuildDeleteEvent left:
                // unavailable=true is an outage; without it the bot was removed from the guild.
                return left.Removed ? OnRemovedFromGuildAsync(left.Id, cancel) : Task.CompletedTask;
            case GuildUpdateEvent updated:
                _guilds.Update(updated);
                return Task.CompletedTask;
            case GuildRoleUpsertEvent role:
                _guilds.UpsertRole(role.GuildId, role.Role);
                return Task.CompletedTask;
            case GuildRoleDeleteEvent role:
                _guilds.RemoveRole(role.GuildId, role.RoleId);
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
                return ForgetChannelAsync(deleted.Channel.GuildId ?? 0, deleted.Channel.Id, cancel);
            case ThreadDeleteEvent deletedThread:
                _channels.Remove(deletedThread.Id);
                return ForgetChannelAsync(deletedThread.GuildId ?? 0, deletedThread.Id, cancel);
            case MessageCreateEvent created:
                return OnMessageAsync(created.Message, cancel);
            case MessageDeleteEvent deletedMessage:
                return OnDeleteAsync(deletedMessage.GuildId ?? 0, deletedMessage.ChannelId, [deletedMessage.Id], cancel);
            case MessageDeleteBulkEvent purge:
                return OnDeleteAsync(purge.GuildId ?? 0, purge.ChannelId, purge.Ids, cancel);
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

    /// <summary>
    /// MESSAGE_DELETE and MESSAGE_DELETE_BULK: deleted posts are forgotten, and their tombstones stop a create still
    /// being handled (another lane, another shard process, a replay) from storing or answering them afterwards. A
    /// deleted reply of ours stays claimed, so it is never posted again.
    /// </summary>
    private async Task OnDeleteAsync(ulong guildId, ulong channelId, IReadOnlyCollection<ulong> ids, CancellationToken cancel)
    {
        var forgot = await _store.ForgetMessagesAsync(guildId, channelId, ids, _time.GetUtcNow(), cancel);
        if (forgot.Decisions > 0 || ids.Count > 1)
        {
            _log.LogInformation("Forgot {Decisions} deleted post(s) of {Deleted} deleted message(s) in channel {ChannelId}", forgot.Decisions, ids.Count, channelId);
        }
        foreach (var id in ids)
        {
            if (await _store.FindClaimByReplyAsync(id, cancel) is { } claim)
            {
                await _store.MarkReplyRemovedAsync(claim.PostId, cancel);
            }
        }
    }

    /// <summary>THREAD_DELETE and CHANNEL_DELETE: every post in it, or made in it (a forum's posts), is forgotten.</summary>
    private async Task ForgetChannelAsync(ulong guildId, ulong channelId, CancellationToken cancel)
    {
        var forgot = await _store.ForgetChannelAsync(guildId, channelId, _time.GetUtcNow(), cancel);
        if (forgot.Total > 0)
        {
            _log.LogInformation("Channel or thread {ChannelId} was deleted: forgot {Decisions} post(s)", channelId, forgot.Decisions);
        }
    }

    /// <summary>GUILD_DELETE without unavailable: the bot was removed, so every post of the guild is forgotten (its settings stay).</summary>
    private async Task OnRemovedFromGuildAsync(ulong guildId, CancellationToken cancel)
    {
        _commands.Forget(guildId);
        _guilds.Remove(guildId);
        var forgot = await _store.ForgetGuildAsync(guildId, _time.GetUtcNow(), cancel);
        _log.LogInformation("Removed from guild {GuildId}: forgot {Decisions} post(s), {Threads} remembered thread(s) and {Feedback} feedback row(s)",
            guildId, forgot.Decisions, forgot.Threads, forgot.Feedback);
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
