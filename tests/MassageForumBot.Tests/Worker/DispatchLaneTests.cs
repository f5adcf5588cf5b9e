using System.Text.Json;
using MassageForumBot.Discord.Gateway;
using MassageForumBot.DiscordBot;
using MassageForumBot.Worker;

namespace MassageForumBot.Tests.Worker;

/// <summary>Which lane of the one queue each gateway event takes.</summary>
public sealed class DispatchLaneTests
{
    private static WorkLane Lane(string eventType, string json) =>
        DiscordBotService.LaneOf(GatewayDispatch.FromJson(eventType, 1, JsonDocument.Parse(json).RootElement));

    [Fact]
    public void A_delete_shares_the_lane_of_the_create_it_deletes_and_of_its_thread()
    {
        var create = Lane("MESSAGE_CREATE", """{"id":"77","channel_id":"500","guild_id":"1","content":"x","timestamp":"2026-11-30T12:00:00+00:00","type":0,"author":{"id":"9","username":"m"}}""");
        var delete = Lane("MESSAGE_DELETE", """{"id":"77","channel_id":"500","guild_id":"1"}""");
        var thread = Lane("THREAD_DELETE", """{"id":"500","guild_id":"1","parent_id":"40","type":11}""");
        var elsewhere = Lane("MESSAGE_DELETE", """{"id":"78","channel_id":"501","guild_id":"1"}""");

        Assert.Equal(WorkLane.Ordered(500), create);
        Assert.Equal(create, delete);
        Assert.Equal(create, thread);
        Assert.NotEqual(create, elsewhere);
    }

    [Fact]
    public void Interactions_are_urgent_and_session_and_guild_events_run_alone()
    {
        Assert.Equal(LaneKind.Urgent, Lane("INTERACTION_CREATE", """{"id":"5","application_id":"6","type":1,"token":"t"}""").Kind);
        Assert.Equal(LaneKind.Barrier, Lane("GUILD_DELETE", """{"id":"1"}""").Kind);
        Assert.Equal(LaneKind.Barrier, Lane("SOMETHING_NEW", """{"id":"1"}""").Kind);
    }
}
