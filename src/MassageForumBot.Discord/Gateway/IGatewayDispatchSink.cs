namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// Where the gateway hands each dispatch: the host's one queue. The receive loop awaits
/// <see cref="DeliverAsync"/>, so it should only enqueue; a long wait here stalls reading (heartbeats still go out,
/// but their ACKs wait, and the connection is then resumed as a zombie).
/// </summary>
public interface IGatewayDispatchSink
{
    ValueTask DeliverAsync(GatewayDispatch dispatch, CancellationToken cancel);
}
