using System.Buffers;
using System.Net.WebSockets;

namespace MassageForumBot.Discord.Gateway;

/// <summary>Creates one transport per gateway connection attempt.</summary>
public interface IGatewayTransportFactory
{
    IGatewayTransport Create();
}

/// <summary>
/// A websocket as the gateway client needs it: connect, send a whole text message, receive a whole message (or learn
/// how the socket ended), close with a code. Disposing drops the connection. Sends are never concurrent (the client
/// serialises them); one send may run while a receive is pending.
/// </summary>
public interface IGatewayTransport : IAsyncDisposable
{
    Task ConnectAsync(Uri url, CancellationToken cancellationToken);

    Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken);

    /// <summary>The next whole message, or a frame with <see cref="GatewayFrame.IsClosed"/> set when the socket ended.</summary>
    Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends a close frame with <paramref name="closeCode"/> (does not wait long for the answer).</summary>
    Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken);
}

/// <summary>One received websocket message, or the end of the socket (CloseCode null = dropped without a close frame).</summary>
public readonly record struct GatewayFrame(ReadOnlyMemory<byte> Payload, bool IsClosed, int? CloseCode, string? CloseReason, bool IsBinary = false)
{
    public static GatewayFrame Text(ReadOnlyMemory<byte> payload) => new(payload, false, null, null);

    /// <summary>A binary message: never expected, since the client asks for JSON without compression.</summary>
    public static GatewayFrame Binary(ReadOnlyMemory<byte> payload) => new(payload, false, null, null, IsBinary: true);

    public static GatewayFrame Closed(int? closeCode, string? reason) => new(default, true, closeCode, reason);
}

/// <summary>The real transport over <see cref="ClientWebSocket"/>.</summary>
public sealed class ClientWebSocketTransportFactory : IGatewayTransportFactory
{
    public IGatewayTransport Create() => new ClientWebSocketTransport();
}

public sealed class ClientWebSocketTransport : IGatewayTransport
{
    /// <summary>Guards against a runaway message; GUILD_CREATE for large guilds can be several MB.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    private readonly ClientWebSocket _socket = new();

    public ClientWebSocketTransport()
    {
        // The gateway has heartbeats of its own; websocket pings would only add traffic.
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    public Task ConnectAsync(Uri url, CancellationToken cancellationToken) => _socket.ConnectAsync(url, cancellationToken);

    public Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken) =>
        _socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(16 * 1024);
                var result = await _socket.ReceiveAsync(memory, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return GatewayFrame.Closed((int?)_socket.CloseStatus, _socket.CloseStatusDescription);
                }

                buffer.Advance(result.Count);
                if (buffer.WrittenCount > MaxMessageBytes)
                {
                    throw new InvalidDataException($"Gateway message over {MaxMessageBytes} bytes.");
                }

                if (result.EndOfMessage)
                {
                    return result.MessageType == WebSocketMessageType.Binary
                        ? GatewayFrame.Binary(buffer.WrittenMemory)
                        : GatewayFrame.Text(buffer.WrittenMemory);
                }
            }
        }
        catch (WebSocketException ex)
        {
            return GatewayFrame.Closed(null, ex.WebSocketErrorCode.ToString());
        }
    }

    public async Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
