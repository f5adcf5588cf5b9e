using System.Collections.Concurrent;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Configuration;
using MassageForumBot.Storage;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Worker;

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

    /// <summary>A recurring topic (not "other") at or above this guild's threshold.</summary>
    public bool ShouldReply(Prediction prediction) =>
        ReplyPolicy.IsReplyTopic(prediction.Topic) && prediction.Confidence >= Threshold;
}

/// <summary>
/// Resolves each guild's mode, watched channels and threshold: a moderator's stored choice, else the configuration
/// (Bot:Mode, Bot:Channels, Bot:ReplyThreshold), else the model's calibrated threshold. Stored settings are cached per
/// guild; this process is the only writer, so the cache is updated on every change.
/// </summary>
public sealed class GuildPolicy(IGuildSettingsStore store, ActiveClassifier classifier, IOptions<BotOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<ulong, GuildSettings> _stored = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly IReadOnlySet<ulong> _configuredChannels = options.Value.Channels.ToHashSet();

    public async Task<EffectivePolicy> ResolveAsync(ulong guildId, CancellationToken cancel = default) =>
        Resolve(await StoredAsync(guildId, cancel));

    /// <summary>
    /// Applies a moderator's change to the stored settings, given the stored and the effective ones (changes are
    /// serialised, so two cannot lose each other).
    /// </summary>
    public async Task<EffectivePolicy> UpdateAsync(ulong guildId, Func<GuildSettings, EffectivePolicy, GuildSettings> change, CancellationToken cancel = default)
    {
        await _writing.WaitAsync(cancel);
        try
        {
            var stored = await StoredAsync(guildId, cancel);
            var next = change(stored, Resolve(stored)) with { GuildId = guildId, UpdatedAt = time.GetUtcNow() };
            await store.SaveGuildSettingsAsync(next, cancel);
            _stored[guildId] = next;
            return Resolve(next);
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task<GuildSettings> StoredAsync(ulong guildId, CancellationToken cancel)
    {
        if (_stored.TryGetValue(guildId, out var cached)) return cached;
        var loaded = await store.GetGuildSettingsAsync(guildId, cancel) ?? GuildSettings.Empty(guildId, time.GetUtcNow());
        return _stored.GetOrAdd(guildId, loaded);
    }

    private EffectivePolicy Resolve(GuildSettings stored)
    {
        var (mode, modeSource) = ParseMode(stored.Mode) is { } m ? (m, SettingSource.Moderator) : (options.Value.Mode, SettingSource.Configuration);
        var (watched, watchedSource) = stored.WatchedChannels is { } list
            ? ((IReadOnlySet<ulong>)list.ToHashSet(), SettingSource.Moderator)
            : (_configuredChannels, SettingSource.Configuration);
        var (threshold, thresholdSource) = (stored.Threshold, options.Value.ReplyThreshold) switch
        {
            ({ } byModerator, _) => (byModerator, SettingSource.Moderator),
            (null, { } configured) => (configured, SettingSource.Configuration),
            _ => (classifier.Current.Manifest.ReplyThreshold, SettingSource.Model), // follows a reloaded model
        };
        return new EffectivePolicy(stored.GuildId, mode, modeSource, watched, watchedSource, threshold, thresholdSource);
    }

    /// <summary>The stored form of a mode: "live" or "shadow".</summary>
    public static string ModeName(BotMode mode) => mode.ToString().ToLowerInvariant();

    public static BotMode? ParseMode(string? text) => Enum.TryParse<BotMode>(text, ignoreCase: true, out var mode) ? mode : null;
}
