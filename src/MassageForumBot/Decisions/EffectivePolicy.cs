using MassageForumBot.Configuration;

namespace MassageForumBot.Decisions;

/// <summary>Where an effective setting came from, so `status` can say why the bot behaves as it does.</summary>
public enum SettingSource
{
    /// <summary>Stored by a moderator's command for this guild.</summary>
    Moderator,

    /// <summary>The Bot section of the configuration.</summary>
    Configuration,

    /// <summary>The active model's calibrated threshold.</summary>
    Model,
}

/// <summary>How the bot behaves in one guild right now.</summary>
public sealed record EffectivePolicy(
    ulong GuildId,
    BotMode Mode,
    SettingSource ModeSource,
    IReadOnlySet<ulong> WatchedChannels,
    SettingSource WatchedSource,
    double Threshold,
    SettingSource ThresholdSource)
{
    /// <summary>An empty list watches every channel the bot can read.</summary>
    public bool Watches(ulong channelId) => WatchedChannels.Count == 0 || WatchedChannels.Contains(channelId);
}
