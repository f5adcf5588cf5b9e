using System.Text.Json;

namespace MassageForumBot.Tests.Moderation;

public sealed class CommandRegistrationTests(ClassifierFixture model) : IClassFixture<ClassifierFixture>, IAsyncLifetime
{
    private ModerationRig _rig = null!;

    public async Task InitializeAsync() => _rig = await ModerationRig.StartAsync(model.Classifier);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private IReadOnlyList<Discord.Testing.RecordedRequest> Registrations() =>
        _rig.Server.Requests.Where(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Ready_and_guild_create_register_the_commands_with_one_bulk_put_per_guild()
    {
        await _rig.ConnectAsync();

        var put = Assert.Single(Registrations());
        Assert.Equal($"/applications/{ModerationRig.Id(_rig.Server.ApplicationId)}/guilds/{ModerationRig.Id(ModerationRig.GuildId)}/commands", put.Path);
        var commands = put.Body!.Value.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["massagebot", "mydata", "optin", "optout"], commands.Keys.Order());

        var group = commands["massagebot"];
        Assert.Equal(JsonValueKind.String, group.GetProperty("default_member_permissions").ValueKind);
        Assert.Equal("8192", group.GetProperty("default_member_permissions").GetString());
        Assert.Equal([0], group.GetProperty("contexts").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(1, group.GetProperty("type").GetInt32());
        var subs = group.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal(["status", "mode", "watch", "unwatch", "threshold", "logchannel", "why", "review"], subs.Keys);
        Assert.All(subs.Values, s => Assert.Equal(1, s.GetProperty("type").GetInt32()));
        Assert.All(subs.Values, s => Assert.InRange(s.GetProperty("description").GetString()!.Length, 1, 100));

        var mode = Assert.Single(subs["mode"].GetProperty("options").EnumerateArray());
        Assert.Equal(3, mode.GetProperty("type").GetInt32());
        Assert.True(mode.GetProperty("required").GetBoolean());
        Assert.Equal(["live", "shadow"], mode.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()));

        foreach (var name in new[] { "watch", "unwatch" })
        {
            var channel = Assert.Single(subs[name].GetProperty("options").EnumerateArray());
            Assert.Equal("channel", channel.GetProperty("name").GetString());
            Assert.Equal(7, channel.GetProperty("type").GetInt32());
            Assert.Equal([0, 15], channel.GetProperty("channel_types").EnumerateArray().Select(t => t.GetInt32()));
        }

        var threshold = Assert.Single(subs["threshold"].GetProperty("options").EnumerateArray());
        Assert.Equal(10, threshold.GetProperty("type").GetInt32());
        Assert.Equal(0, threshold.GetProperty("min_value").GetDouble());
        Assert.Equal(1, threshold.GetProperty("max_value").GetDouble());

        var why = Assert.Single(subs["why"].GetProperty("options").EnumerateArray());
        Assert.Equal(3, why.GetProperty("type").GetInt32());
        Assert.False(subs["status"].TryGetProperty("options", out _));

        foreach (var member in new[] { "optout", "optin", "mydata" })
        {
            Assert.False(commands[member].TryGetProperty("default_member_permissions", out _));
            Assert.Equal([0], commands[member].GetProperty("contexts").EnumerateArray().Select(c => c.GetInt32()));
        }
    }

    [Fact]
    public async Task A_replayed_guild_create_does_not_register_again()
    {
        await _rig.ConnectAsync();
        await _rig.GuildCreateAsync(); // as after a reconnect that identified anew
        await _rig.GuildCreateAsync();

        Assert.Single(Registrations());
    }

    [Fact]
    public async Task A_guild_the_bot_rejoins_gets_its_commands_again_but_an_outage_does_not_count()
    {
        await _rig.ConnectAsync();
        await _rig.DispatchAsync("GUILD_DELETE", $$"""{"id":"{{ModerationRig.GuildId}}","unavailable":true}""");
        await _rig.GuildCreateAsync();
        Assert.Single(Registrations());

        await _rig.DispatchAsync("GUILD_DELETE", $$"""{"id":"{{ModerationRig.GuildId}}"}""");
        await _rig.GuildCreateAsync();
        Assert.Equal(2, Registrations().Count);
    }

    [Fact]
    public async Task A_guild_create_handled_before_ready_is_registered_once_ready_arrives()
    {
        await _rig.GuildCreateAsync(); // handlers run concurrently: this one won the race
        Assert.Empty(Registrations());

        await _rig.ConnectAsync(); // READY (listing the guild), then GUILD_CREATE again

        Assert.Single(Registrations());
    }

    [Fact]
    public async Task A_new_guild_whose_guild_create_beats_ready_is_registered_when_ready_arrives()
    {
        await _rig.DispatchAsync("GUILD_CREATE", $$"""{"id":"{{ModerationRig.OtherGuildId}}","name":"New","channels":[],"threads":[]}""");

        await _rig.ConnectAsync(); // READY lists only the first guild

        Assert.Equal(2, Registrations().Count);
        Assert.Contains(Registrations(), r => r.Path.Contains($"/guilds/{ModerationRig.OtherGuildId}/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_registration_is_logged_and_tried_again_on_the_next_guild_create()
    {
        _rig.Server.EnqueueResponse("PUT", "/applications/", 403, new { message = "Missing Access", code = 50001 });
        await _rig.ConnectAsync();
        Assert.Contains(_rig.Logs.GetSnapshot(), l => l.Message.Contains("applications.commands", StringComparison.Ordinal));

        await _rig.GuildCreateAsync();
        Assert.Equal([403, 200], Registrations().Select(r => r.ResponseStatus));
    }
}
