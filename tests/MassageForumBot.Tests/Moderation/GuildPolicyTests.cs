using MassageForumBot.Configuration;
using MassageForumBot.Decisions;
using MassageForumBot.Storage;
using MassageForumBot.Storage.Sqlite;
using MassageForumBot.Tests.Support;
using MassageForumBot.Worker;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Tests.Moderation;

public sealed class GuildPolicyTests(ClassifierFixture model) : IClassFixture<ClassifierFixture>, IAsyncLifetime
{
    private const ulong Guild = 42;
    private readonly FakeTimeProvider _time = new();
    private TempStore _temp = null!;

    private SqliteBotStore Store => _temp.Store;

    public async Task InitializeAsync() => _temp = await TempStore.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private GuildPolicy Policy(BotOptions options) => new(Store, model.Classifier, Options.Create(options), _time);

    [Fact]
    public async Task Without_stored_settings_the_configuration_applies_and_the_threshold_falls_back_to_the_model()
    {
        var policy = await Policy(new BotOptions { Mode = BotMode.Shadow, Channels = [7] }).ResolveAsync(Guild);

        Assert.Equal((BotMode.Shadow, SettingSource.Configuration), (policy.Mode, policy.ModeSource));
        Assert.Equal([7UL], policy.WatchedChannels);
        Assert.Equal((model.Classifier.Current.Manifest.ReplyThreshold, SettingSource.Model), (policy.Threshold, policy.ThresholdSource));
        Assert.True(policy.Watches(7));
        Assert.False(policy.Watches(8));
    }

    [Fact]
    public async Task A_configured_threshold_overrides_the_model_and_a_stored_one_overrides_both()
    {
        var configured = await Policy(new BotOptions { ReplyThreshold = 0.7 }).ResolveAsync(Guild);
        Assert.Equal((0.7, SettingSource.Configuration), (configured.Threshold, configured.ThresholdSource));

        await Store.SaveGuildSettingsAsync(new GuildSettings(Guild, "live", [], 0.9, _time.GetUtcNow()));
        var stored = await Policy(new BotOptions { ReplyThreshold = 0.7, Mode = BotMode.Shadow, Channels = [7] }).ResolveAsync(Guild);

        Assert.Equal((0.9, SettingSource.Moderator), (stored.Threshold, stored.ThresholdSource));
        Assert.Equal((BotMode.Live, SettingSource.Moderator), (stored.Mode, stored.ModeSource));
        Assert.True(stored.Watches(8)); // a stored empty list watches every channel, like an empty Bot:Channels
        Assert.Empty(stored.WatchedChannels);
    }

    [Fact]
    public async Task Updates_are_stored_and_seen_by_a_new_instance()
    {
        var first = Policy(new BotOptions());
        await first.UpdateAsync(Guild, (s, now) => s with { Mode = "live", WatchedChannels = [.. now.WatchedChannels, 5UL] });

        var reopened = await Policy(new BotOptions()).ResolveAsync(Guild);

        Assert.Equal(BotMode.Live, reopened.Mode);
        Assert.Equal([5UL], reopened.WatchedChannels);
    }
}
