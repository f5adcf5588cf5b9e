using MassageForumBot.Discord.Gateway;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using MassageForumBot.Discord.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Discord.Tests;

/// <summary>The one test of the gateway over a real websocket (ClientWebSocket against the loopback fake server).</summary>
public sealed class LoopbackGatewaySmokeTest
{
    [Fact]
    public async Task A_real_websocket_identifies_receives_a_dispatch_and_closes_resumably()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var options = new DiscordClientOptions { Token = Secrets.Token, ApiBaseUrl = server.ApiBaseUrl, GatewayUrl = server.GatewayUrl };
        var time = new FakeTimeProvider();
        var client = new DiscordGatewayClient(
            Microsoft.Extensions.Options.Options.Create(options),
            new ClientWebSocketTransportFactory(),
            DiscordRestClient.Create(options, time),
            new InMemoryGatewaySessionStore(),
            time,
            NullLogger<DiscordGatewayClient>.Instance);
        var sink = new RecordingDispatchSink(() => client, markHandled: true);
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(sink, stop.Token);

        var connection = await server.AcceptConnectionAsync(ScriptedGateway.Guard);
        var identify = await connection.HandshakeAsync();
        await connection.SendDispatchAsync("MESSAGE_CREATE", new { id = "10", channel_id = "6", content = "over a real socket" });

        using var guard = new CancellationTokenSource(ScriptedGateway.Guard);
        Assert.Equal("READY", (await sink.Received.ReadAsync(guard.Token)).EventType);
        var message = Assert.IsType<MessageCreateEvent>((await sink.Received.ReadAsync(guard.Token)).Event);
        Assert.Equal("over a real socket", message.Message.Content);
        Assert.Equal(Secrets.Token, identify.GetProperty("d").GetProperty("token").GetString());

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(ScriptedGateway.Guard));
        Assert.Equal(GatewayClientCloseCodes.ShuttingDown, await connection.WaitForClientCloseAsync(ScriptedGateway.Guard));
    }
}
