using MassageForumBot.Configuration;
using MassageForumBot.Decisions;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>`mode`, `watch`, `unwatch`, `threshold` and `logchannel`: a moderator's run-time changes, stored per guild.</summary>
public sealed class SettingsCommands(GuildPolicy guilds, ChannelLookup channels, ILogger<SettingsCommands> log)
{
    /// <summary>The guild's own log channel; it must be a text channel of this same guild.</summary>
    public async Task<Answer> LogChannelAsync(ulong guildId, ulong moderatorId, CommandOptions options, CancellationToken cancel)
    {
        if (options.Snowflake("channel") is not { } channelId) return new Answer("Pick a text channel of this server.");
        var channel = await channels.FindAsync(channelId, cancel);
        if (channel is null || channel.GuildId != guildId || channel.Type != Discord.Models.ChannelType.GuildText)
            return new Answer($"<#{channelId}> is not a text channel of this server, so it cannot be the moderators' log. Nothing was changed.");
        await guilds.UpdateAsync(guildId, (s, _) => s with { LogChannelId = channelId }, cancel);
        log.LogInformation("Moderator {UserId} set the log channel of guild {GuildId} to {ChannelId}", moderatorId, guildId, channelId);
        return new Answer($"Moderators' log is now <#{channelId}>: shadow drafts and red-flag notices of this server go there. " +
                          "Give the bot View Channel and Send Messages in it.");
    }

    public async Task<Answer> ModeAsync(ulong guildId, ulong moderatorId, CommandOptions options, CancellationToken cancel)
    {
        if (GuildPolicy.ParseMode(options.String("mode")) is not { } mode) return new Answer("Mode must be `live` or `shadow`.");
        await guilds.UpdateAsync(guildId, (s, _) => s with { Mode = GuildPolicy.ModeName(mode) }, cancel);
        log.LogInformation("Moderator {UserId} set guild {GuildId} to {Mode} mode", moderatorId, guildId, mode);
        return new Answer(mode == BotMode.Live
            ? "Mode is now **live**: the bot replies in watched channels."
            : "Mode is now **shadow**: the bot never posts publicly; drafts go to the moderators' log channel when one is set.");
    }

    public async Task<Answer> WatchAsync(ulong guildId, ulong moderatorId, CommandOptions options, CancellationToken cancel)
    {
        if (options.Snowflake("channel") is not { } channel) return new Answer("Pick a text or forum channel.");
        // The first `watch` adds to the configured list; with none configured (every channel) it starts a list.
        var policy = await guilds.UpdateAsync(guildId, (s, now) => s with { WatchedChannels = now.WatchedChannels.Append(channel).Distinct().ToList() }, cancel);
        log.LogInformation("Moderator {UserId} added channel {ChannelId} to the watch list of guild {GuildId}", moderatorId, channel, guildId);
        return new Answer($"Now watching <#{channel}>. Watched channels: {Channels(policy)}.");
    }

    public async Task<Answer> UnwatchAsync(ulong guildId, ulong moderatorId, CommandOptions options, CancellationToken cancel)
    {
        if (options.Snowflake("channel") is not { } channel) return new Answer("Pick a text or forum channel.");
        string? refusal = null;
        var policy = await guilds.UpdateAsync(guildId, (s, now) =>
        {
            refusal = now.WatchedChannels.Count switch
            {
                0 => "Every channel is watched (no list yet). Use `/massagebot watch` to pick the channels to watch instead.",
                _ when !now.WatchedChannels.Contains(channel) => $"<#{channel}> is not watched. Watched channels: {Channels(now)}.",
                1 => $"<#{channel}> is the only watched channel, and an empty list would watch every channel. " +
                     "Watch another channel first, or use `/massagebot mode shadow` to stop public replies.",
                _ => null,
            };
            return refusal is null ? s with { WatchedChannels = now.WatchedChannels.Where(c => c != channel).ToList() } : s;
        }, cancel);
        if (refusal is not null) return new Answer(refusal);
        log.LogInformation("Moderator {UserId} removed channel {ChannelId} from the watch list of guild {GuildId}", moderatorId, channel, guildId);
        return new Answer($"Stopped watching <#{channel}>. Watched channels: {Channels(policy)}.");
    }

    public async Task<Answer> ThresholdAsync(ulong guildId, ulong moderatorId, CommandOptions options, CancellationToken cancel)
    {
        if (options.Number("value") is not { } value || double.IsNaN(value) || value is < 0 or > 1)
            return new Answer("The threshold is a number between 0 and 1, for example 0.65.");
        await guilds.UpdateAsync(guildId, (s, _) => s with { Threshold = value }, cancel);
        log.LogInformation("Moderator {UserId} set the reply threshold of guild {GuildId} to {Threshold}", moderatorId, guildId, value);
        return new Answer($"Reply threshold is now **{value:0.###}**: the bot replies only when it is at least {value * 100:0.#}% sure of a recurring topic.");
    }

    public static string Channels(EffectivePolicy policy) =>
        policy.WatchedChannels.Count == 0 ? "every channel the bot can read" : string.Join(", ", policy.WatchedChannels.Order().Select(c => $"<#{c}>"));
}
