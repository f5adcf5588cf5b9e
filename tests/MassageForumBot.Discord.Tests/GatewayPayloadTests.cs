using System.Text.Json;
using MassageForumBot.Discord.Gateway;

namespace MassageForumBot.Discord.Tests;

public sealed class GatewayPayloadTests
{
    [Fact]
    public void Identify_is_small_and_carries_shard_only_when_sharded()
    {
        var single = new DiscordClientOptions { Token = Secrets.Token };
        var sharded = new DiscordClientOptions { Token = Secrets.Token, ShardId = 1, ShardCount = 4 };

        var one = GatewayPayloads.Identify(single);
        var four = GatewayPayloads.Identify(sharded);

        Assert.True(one.Length <= GatewayPayloads.MaxPayloadBytes);
        using var a = JsonDocument.Parse(one);
        using var b = JsonDocument.Parse(four);
        Assert.Equal(2, a.RootElement.GetProperty("op").GetInt32());
        Assert.False(a.RootElement.GetProperty("d").TryGetProperty("shard", out _));
        Assert.Equal([1, 4], b.RootElement.GetProperty("d").GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Heartbeat_and_resume_have_the_documented_shape()
    {
        using var empty = JsonDocument.Parse(GatewayPayloads.Heartbeat(null));
        using var withSeq = JsonDocument.Parse(GatewayPayloads.Heartbeat(42));
        using var resume = JsonDocument.Parse(GatewayPayloads.Resume("tok", new GatewaySession("sess", 7, new Uri("wss://resume.example"))));

        Assert.Equal(JsonValueKind.Null, empty.RootElement.GetProperty("d").ValueKind);
        Assert.Equal(42, withSeq.RootElement.GetProperty("d").GetInt32());
        var d = resume.RootElement.GetProperty("d");
        Assert.Equal(6, resume.RootElement.GetProperty("op").GetInt32());
        Assert.Equal("tok", d.GetProperty("token").GetString());
        Assert.Equal("sess", d.GetProperty("session_id").GetString());
        Assert.Equal(7, d.GetProperty("seq").GetInt32());
    }

    [Fact]
    public void Session_to_string_hides_the_session_id()
    {
        var session = new GatewaySession("very-secret-session", 3, new Uri("wss://resume.example"));

        Assert.DoesNotContain("very-secret-session", session.ToString(), StringComparison.Ordinal);
        Assert.Contains("3", session.ToString(), StringComparison.Ordinal);
    }
}
