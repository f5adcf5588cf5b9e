using System.Threading.Channels;
using MassageForumBot.Discord.Gateway;

namespace MassageForumBot.Discord.Testing;

/// <summary>
/// Collects what the gateway delivers, in order. With <c>markHandled</c> set, each dispatch is marked handled as it
/// arrives (a host that handles instantly); otherwise the test marks them itself.
/// </summary>
public sealed class RecordingDispatchSink : IGatewayDispatchSink
{
    private readonly Channel<GatewayDispatch> _received = Channel.CreateUnbounded<GatewayDispatch>();
    private readonly Func<DiscordGatewayClient?> _client;
    private readonly bool _markHandled;

    public RecordingDispatchSink(Func<DiscordGatewayClient?> client, bool markHandled)
    {
        _client = client;
        _markHandled = markHandled;
    }

    public ChannelReader<GatewayDispatch> Received => _received.Reader;

    public ValueTask DeliverAsync(GatewayDispatch dispatch, CancellationToken cancel)
    {
        _received.Writer.TryWrite(dispatch);
        if (_markHandled)
        {
            _client()?.MarkHandled(dispatch);
        }

        return ValueTask.CompletedTask;
    }
}
