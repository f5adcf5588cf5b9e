using System.Collections.Concurrent;
using MassageForumBot.Configuration;
using MassageForumBot.Decisions;
using MassageForumBot.Storage;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Worker;

/// <summary>
/// Resolves each guild's mode, watched channels and threshold: a moderator's stored choice, else the configuration
/// (Bot:Mode, Bot:Channels, Bot:ReplyThreshold), else the model's calibrated threshold. Stored settings are cached per
/// guild; this process is the only writer, so the cache is updated on every change.
/// </summary>
public sealed class GuildPolicy : IPolicyStore
{
    private readonly ConcurrentDictionary<ulong, GuildSettings> _stored = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly IGuildSettingsStore _store;
    private readonly IPostClassifier _classifier;
    private readonly BotOptions _options;
    private readonly IReadOnlySet<ulong> _configuredChannels;
    private readonly TimeProvider _time;

    public GuildPolicy(IGuildSettingsStore store, IPostClassifier classifier, IOptions<BotOptions> options, TimeProvider time)
    {
        _store = store;
        _classifier = classifier;
        _options = options.Value;
        _configuredChannels = _options.Channels.ToHashSet();
        _time = time;
    }

    public async Task<EffectivePolicy> ResolveAsync(ulong guildId, CancellationToken cancel = default) =>
        Resolve(await StoredAsync(guildId, cancel));

    /// <summary>The guild's own moderators' log channel (`/massagebot logchannel`), or null when it set none.</summary>
    public async Task<ulong?> LogChannelAsync(ulong guildId, CancellationToken cancel = default) =>
        (await StoredAsync(guildId, cancel)).LogChannelId;

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
            var next = change(stored, Resolve(stored)) with { GuildId = guildId, UpdatedAt = _time.GetUtcNow() };
            await _store.SaveGuildSettingsAsync(next, cancel);
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
        if (_stored.TryGetValue(guildId, out var cached))
        {
            return cached;
        }
        var loaded = await _store.GetGuildSettingsAsync(guildId, cancel) ?? GuildSettings.Empty(guildId, _time.GetUtcNow());
        return _stored.GetOrAdd(guildId, loaded);
    }

    private EffectivePolicy Resolve(GuildSettings stored)
    {
        var (mode, modeSource) = ParseMode(stored.Mode) is { } m ? (m, SettingSource.Moderator) : (_options.Mode, SettingSource.Configuration);
        var (watched, watchedSource) = stored.WatchedChannels is { } list
            ? ((IReadOnlySet<ulong>)list.ToHashSet(), SettingSource.Moderator)
            : (_configuredChannels, SettingSource.Configuration);
        var (threshold, thresholdSource) = (stored.Threshold, _options.ReplyThreshold) switch
        {
            ({ } byModerator, _) => (byModerator, SettingSource.Moderator),
            (null, { } configured) => (configured, SettingSource.Configuration),
            _ => (_classifier.ModelThreshold, SettingSource.Model), // follows a reloaded model
        };
        return new EffectivePolicy(stored.GuildId, mode, modeSource, watched, watchedSource, threshold, thresholdSource);
    }

    /// <summary>The stored form of a mode: "live" or "shadow".</summary>
    public static string ModeName(BotMode mode) => mode.ToString().ToLowerInvariant();

    public static BotMode? ParseMode(string? text) => Enum.TryParse<BotMode>(text, ignoreCase: true, out var mode) ? mode : null;
}
