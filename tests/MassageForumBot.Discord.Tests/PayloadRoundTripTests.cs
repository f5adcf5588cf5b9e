using System.Text.Json;
using MassageForumBot.Discord.Gateway;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Testing;

namespace MassageForumBot.Discord.Tests;

public sealed class PayloadRoundTripTests
{
    private static GatewayDispatch Envelope(string name)
    {
        using var document = JsonDocument.Parse(RecordedPayloads.Load(name));
        var root = document.RootElement;
        return GatewayDispatch.FromJson(root.GetProperty("t").GetString()!, root.GetProperty("s").GetInt32(), root.GetProperty("d"));
    }

    /// <summary>Serialize the model, read it back, serialize again: both JSON texts must match.</summary>
    private static void AssertStableRoundTrip<T>(T model)
    {
        var once = JsonSerializer.Serialize(model, DiscordJson.Options);
        var twice = JsonSerializer.Serialize(JsonSerializer.Deserialize<T>(once, DiscordJson.Options), DiscordJson.Options);
        Assert.Equal(once, twice);
        Assert.DoesNotContain("\"Id\"", once, StringComparison.Ordinal); // snake_case names only
    }

    [Fact]
    public void Ready_round_trips()
    {
        var ready = Assert.IsType<ReadyEvent>(Envelope("READY").Event);

        Assert.Equal(10, ready.V);
        Assert.Equal(1180000000000000001ul, ready.User.Id);
        Assert.True(ready.User.Bot);
        Assert.Equal("8d3c6a0f1e2b4c5d9a7e6f5a4b3c2d1e", ready.SessionId);
        Assert.Equal(new Uri("wss://gateway-us-east1-c.discord.gg"), ready.ResumeGatewayUrl);
        Assert.Equal(1180000000000000001ul, ready.Application.Id);
        Assert.Equal([1170000000000000100ul, 1170000000000000200ul], ready.Guilds.Select(g => g.Id));
        Assert.All(ready.Guilds, g => Assert.True(g.Unavailable));
        AssertStableRoundTrip(ready);
        var json = JsonSerializer.Serialize(ready, DiscordJson.Options);
        Assert.Contains("\"session_id\":", json, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"1180000000000000001\"", json, StringComparison.Ordinal); // snowflakes written as strings
    }

    [Fact]
    public void Guild_create_round_trips_with_channels_and_threads()
    {
        var guild = Assert.IsType<GuildCreateEvent>(Envelope("GUILD_CREATE").Event);

        Assert.Equal(1170000000000000100ul, guild.Id);
        Assert.Equal("Massage Therapists Study Group", guild.Name);
        Assert.Equal(3, guild.Channels.Count);
        Assert.Equal(ChannelType.GuildForum, guild.Channels[2].Type);
        var thread = Assert.Single(guild.Threads);
        Assert.Equal(ChannelType.PublicThread, thread.Type);
        Assert.Equal(1170000000000000112ul, thread.ParentId);
        Assert.Equal(1160000000000000042ul, thread.OwnerId);
        Assert.False(thread.ThreadMetadata!.Archived);
        Assert.Equal(1160000000000000007ul, guild.OwnerId);
        var everyone = Assert.Single(guild.Roles);
        Assert.Equal((guild.Id, "@everyone", "1071698660929"), (everyone.Id, everyone.Name, everyone.Permissions));
        AssertStableRoundTrip(guild);
    }

    [Fact]
    public void Guild_update_and_role_events_are_typed()
    {
        static GatewayEvent Read(string type, string json) =>
            GatewayDispatch.FromJson(type, 1, JsonDocument.Parse(json).RootElement).Event;

        var update = Assert.IsType<GuildUpdateEvent>(Read("GUILD_UPDATE",
            """{"id":"10","name":"g","owner_id":"11","roles":[{"id":"10","name":"@everyone","permissions":"0","position":0},{"id":"12","name":"mods","permissions":"8224","position":1}]}"""));
        var created = Assert.IsType<GuildRoleUpsertEvent>(Read("GUILD_ROLE_CREATE", """{"guild_id":"10","role":{"id":"13","name":"new","permissions":"32","position":2}}"""));
        var updated = Assert.IsType<GuildRoleUpsertEvent>(Read("GUILD_ROLE_UPDATE", """{"guild_id":"10","role":{"id":"13","name":"new","permissions":"0","position":2}}"""));
        var deleted = Assert.IsType<GuildRoleDeleteEvent>(Read("GUILD_ROLE_DELETE", """{"guild_id":"10","role_id":"13"}"""));

        Assert.Equal((10ul, 11ul), (update.Id, update.OwnerId));
        Assert.Equal(["0", "8224"], update.Roles.Select(r => r.Permissions));
        Assert.Equal((10ul, 13ul, "32"), (created.GuildId, created.Role.Id, created.Role.Permissions));
        Assert.Equal("0", updated.Role.Permissions);
        Assert.Equal((10ul, 13ul), (deleted.GuildId, deleted.RoleId));
    }

    [Fact]
    public void Message_create_round_trips()
    {
        var message = Assert.IsType<MessageCreateEvent>(Envelope("MESSAGE_CREATE").Event).Message;

        Assert.Equal(1175000000000000412ul, message.Id);
        Assert.Equal(1175000000000000300ul, message.ChannelId);
        Assert.Equal(1170000000000000100ul, message.GuildId);
        Assert.StartsWith("What's the best way to drape", message.Content, StringComparison.Ordinal);
        Assert.Equal(MessageType.Default, message.Type);
        Assert.Equal(new DateTimeOffset(2026, 8, 2, 15, 4, 5, 123, TimeSpan.Zero), message.Timestamp);
        Assert.Equal("sam.kneads", message.Author!.Username);
        Assert.Equal("Sam", message.Author.GlobalName);
        Assert.False(message.Author.Bot);
        Assert.Null(message.WebhookId);
        Assert.Equal("Sam (LMT)", message.Member!.Nick);
        Assert.Equal(ChannelType.PublicThread, message.ChannelType);
        AssertStableRoundTrip(message);
    }

    [Fact]
    public void Thread_create_round_trips_with_newly_created()
    {
        var thread = Assert.IsType<ThreadUpsertEvent>(Envelope("THREAD_CREATE").Event).Thread;

        Assert.Equal(1175000000000000500ul, thread.Id);
        Assert.Equal(ChannelType.PublicThread, thread.Type);
        Assert.Equal(1170000000000000112ul, thread.ParentId);
        Assert.True(thread.NewlyCreated);
        Assert.Equal([1170000000000000190ul], thread.AppliedTags!);
        AssertStableRoundTrip(thread);
    }

    [Fact]
    public void Interaction_create_round_trips_with_options()
    {
        var interaction = Assert.IsType<InteractionCreateEvent>(Envelope("INTERACTION_CREATE").Event);

        Assert.Equal(1176000000000000600ul, interaction.Id);
        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("classify", interaction.Data!.Name);
        Assert.Equal(1175000000000000300ul, interaction.ChannelId);
        Assert.Equal("2251799813685247", interaction.Member!.Permissions);
        Assert.Equal(1160000000000000007ul, interaction.InvokingUser!.Id);
        var options = interaction.Data.Options!;
        Assert.Equal("1175000000000000412", options[0].Value.GetString());
        Assert.True(options[1].Value.GetBoolean());
        Assert.Equal(3, options[2].Value.GetInt32());
        Assert.Equal(ApplicationCommandOptionType.Integer, options[2].Type);
        AssertStableRoundTrip(interaction);
    }

    [Fact]
    public void Component_interactions_and_other_events_deserialize()
    {
        var click = JsonSerializer.Deserialize<InteractionCreateEvent>(
            """{"id":"1","application_id":"2","type":3,"token":"t","data":{"custom_id":"fb:yes:1","component_type":2},"user":{"id":"3","username":"u"},"message":{"id":"4","channel_id":"5","content":"","timestamp":"2026-08-02T15:04:05+00:00","type":0}}""",
            DiscordJson.Options)!;
        var reaction = JsonSerializer.Deserialize<ReactionAddEvent>(
            """{"user_id":"1","channel_id":2,"message_id":"3","guild_id":"4","emoji":{"id":null,"name":"👍"}}""",
            DiscordJson.Options)!;
        var deleted = JsonSerializer.Deserialize<MessageDeleteEvent>("""{"id":"9","channel_id":"8"}""", DiscordJson.Options)!;

        Assert.Equal("fb:yes:1", click.Data!.CustomId);
        Assert.Equal(3ul, click.InvokingUser!.Id);
        Assert.Equal(4ul, click.Message!.Id);
        Assert.Equal(2ul, reaction.ChannelId); // numeric snowflakes are accepted too
        Assert.Null(reaction.Emoji.Id);
        Assert.Equal("👍", reaction.Emoji.Name);
        Assert.Null(deleted.GuildId);
    }

    [Fact]
    public void Sub_command_options_without_value_round_trip()
    {
        const string json = """{"name":"feedback","type":1,"options":[{"name":"show","type":1,"options":[{"name":"id","type":3,"value":"abc"}]}]}""";

        var data = JsonSerializer.Deserialize<InteractionData>(json, DiscordJson.Options)!;

        var sub = Assert.Single(data.Options!);
        Assert.Equal(JsonValueKind.Undefined, sub.Value.ValueKind);
        Assert.Equal("abc", sub.Options![0].Value.GetString());
        AssertStableRoundTrip(data);
        Assert.DoesNotContain("\"value\":null", JsonSerializer.Serialize(data, DiscordJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Snowflake_timestamps_decode()
    {
        var id = FakeSnowflake.FromTimestamp(new DateTimeOffset(2026, 8, 2, 15, 4, 5, TimeSpan.Zero), 7);

        Assert.Equal(new DateTimeOffset(2026, 8, 2, 15, 4, 5, TimeSpan.Zero), Snowflake.GetTimestamp(id));
    }
}
