using MassageForumBot.Configuration;
using MassageForumBot.Discord.Models;
using MassageForumBot.Storage;

namespace MassageForumBot.Tests.Moderation;

/// <summary>
/// Guild-wide settings need MANAGE_GUILD at guild level, computed from the roles and the owner; the channel-level
/// member.permissions Discord sends (where an overwrite can grant Manage Messages in one channel) is not enough.
/// </summary>
public sealed class GuildAuthorityTests(ClassifierFixture model) : IClassFixture<ClassifierFixture>, IAsyncLifetime
{
    private const ulong HelperId = 222_000_000_000_000_020;
    private ModerationRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await ModerationRig.StartAsync(model.Classifier, BotMode.Shadow);
        await _rig.ConnectAsync();
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    public static TheoryData<string, string> Settings => new()
    {
        { "mode", """[{"name":"mode","type":3,"value":"live"}]""" },
        { "watch", $$"""[{"name":"channel","type":7,"value":"{{ModerationRig.UnwatchedChannel}}"}]""" },
        { "unwatch", $$"""[{"name":"channel","type":7,"value":"{{ModerationRig.Forum}}"}]""" },
        { "threshold", """[{"name":"value","type":10,"value":0.9}]""" },
        { "logchannel", $$"""[{"name":"channel","type":7,"value":"{{ModerationRig.UnwatchedChannel}}"}]""" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Settings_are_refused_to_manage_messages_granted_by_a_channel_overwrite(string setting, string options)
    {
        // The helper's roles grant nothing; an overwrite in this channel grants Manage Messages, so Discord's
        // member.permissions for the interaction says moderator.
        var attempt = await _rig.CommandAsync(setting, options, userId: HelperId, roles: [ModerationRig.HelperRole],
            permissions: ModerationRig.ModeratorPermissions);

        Assert.Contains("Only members with **Manage Server**", _rig.AnswerText(attempt), StringComparison.Ordinal);
        Assert.Null(await _rig.Store.GetGuildSettingsAsync(ModerationRig.GuildId));
    }

    [Fact]
    public async Task The_same_member_may_still_act_per_channel_where_the_overwrite_grants_manage_messages()
    {
        var review = await _rig.CommandAsync("review", userId: HelperId, roles: [ModerationRig.HelperRole], permissions: ModerationRig.ModeratorPermissions);

        Assert.Contains("No replies or shadow drafts yet", _rig.AnswerText(review), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_are_accepted_from_a_role_with_manage_server_even_where_a_channel_overwrite_denies_manage_messages()
    {
        var mode = await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"live"}]""", roles: [ModerationRig.ModeratorRole],
            permissions: ModerationRig.MemberPermissions);

        Assert.Contains("Mode is now **live**", _rig.AnswerText(mode), StringComparison.Ordinal);
        Assert.Equal("live", (await _rig.Store.GetGuildSettingsAsync(ModerationRig.GuildId))!.Mode);
    }

    [Fact]
    public async Task Settings_are_accepted_from_an_administrator_role()
    {
        var threshold = await _rig.CommandAsync("threshold", """[{"name":"value","type":10,"value":0.9}]""", userId: HelperId,
            roles: [ModerationRig.AdminRole], permissions: ModerationRig.MemberPermissions);

        Assert.Contains("**0.9**", _rig.AnswerText(threshold), StringComparison.Ordinal);
        Assert.Equal(0.9, (await _rig.Store.GetGuildSettingsAsync(ModerationRig.GuildId))!.Threshold);
    }

    [Fact]
    public async Task Settings_are_accepted_from_the_owner_whatever_the_roles()
    {
        var mode = await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"live"}]""", userId: ModerationRig.OwnerId, roles: [],
            permissions: ModerationRig.MemberPermissions);

        Assert.Contains("Mode is now **live**", _rig.AnswerText(mode), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_and_owner_changes_from_the_gateway_take_effect()
    {
        // The moderators' role loses Manage Server; the owner hands the guild to someone else.
        await _rig.DispatchAsync("GUILD_ROLE_UPDATE", $$"""
            {"guild_id":"{{ModerationRig.GuildId}}","role":{"id":"{{ModerationRig.ModeratorRole}}","name":"Moderators","permissions":"8192","position":2} }
            """);
        await _rig.DispatchAsync("GUILD_UPDATE", $$"""
            {"id":"{{ModerationRig.GuildId}}","name":"Massage Therapists United","owner_id":"{{HelperId}}",
             "roles":[{"id":"{{ModerationRig.GuildId}}","name":"@everyone","permissions":"{{ModerationRig.MemberPermissions}}","position":0},
                      {"id":"{{ModerationRig.ModeratorRole}}","name":"Moderators","permissions":"8192","position":2}]}
            """);
        var moderator = await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"live"}]""");
        var oldOwner = await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"live"}]""", userId: ModerationRig.OwnerId, roles: []);
        Assert.Contains("Only members with **Manage Server**", _rig.AnswerText(moderator), StringComparison.Ordinal);
        Assert.Contains("Only members with **Manage Server**", _rig.AnswerText(oldOwner), StringComparison.Ordinal);
        Assert.Null(await _rig.Store.GetGuildSettingsAsync(ModerationRig.GuildId));

        // A new role with Manage Server is created, then deleted again.
        const ulong managers = 444_000_000_000_000_009;
        await _rig.DispatchAsync("GUILD_ROLE_CREATE", $$"""{"guild_id":"{{ModerationRig.GuildId}}","role":{"id":"{{managers}}","name":"Managers","permissions":"32","position":4} }""");
        Assert.Contains("**live**", _rig.AnswerText(await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"live"}]""", roles: [managers])), StringComparison.Ordinal);
        await _rig.DispatchAsync("GUILD_ROLE_DELETE", $$"""{"guild_id":"{{ModerationRig.GuildId}}","role_id":"{{managers}}"}""");
        Assert.Contains("Only members with **Manage Server**",
            _rig.AnswerText(await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"shadow"}]""", roles: [managers])), StringComparison.Ordinal);
        // The new owner may, with no role at all.
        Assert.Contains("Mode is now **shadow**",
            _rig.AnswerText(await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"shadow"}]""", userId: HelperId, roles: [])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guild_not_cached_is_fetched_over_rest_and_refused_when_discord_cannot_say()
    {
        const ulong uncached = 111_000_000_000_000_777;
        var refused = await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"live"}]""", guildId: uncached);
        Assert.Contains("Only members with **Manage Server**", _rig.AnswerText(refused), StringComparison.Ordinal);
        Assert.Null(await _rig.Store.GetGuildSettingsAsync(uncached));

        _rig.Server.Guilds[uncached] = new DiscordGuild
        {
            Id = uncached, OwnerId = ModerationRig.OwnerId,
            Roles = [new DiscordRole { Id = uncached, Permissions = "0" }, new DiscordRole { Id = ModerationRig.ModeratorRole, Permissions = ModerationRig.ModeratorRolePermissions }],
        };
        var accepted = await _rig.CommandAsync("mode", """[{"name":"mode","type":3,"value":"live"}]""", guildId: uncached);

        Assert.Contains("Mode is now **live**", _rig.AnswerText(accepted), StringComparison.Ordinal);
        Assert.Equal("live", (await _rig.Store.GetGuildSettingsAsync(uncached))!.Mode);
        Assert.Contains(_rig.Server.Requests, r => r.Method == "GET" && r.Path == $"/guilds/{uncached}");
    }
}
