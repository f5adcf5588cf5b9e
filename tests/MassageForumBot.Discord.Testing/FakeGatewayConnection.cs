using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MassageForumBot.Discord.Models;

namespace MassageForumBot.Discord.Testing;

/// <summary>
/// One websocket the client under test opened to <see cref="FakeDiscordServer"/>. Script the server side with the Send*
/// methods; read what the client sent with <see cref="ReceiveAsync"/> / <see cref="ReceiveOpAsync"/> (independent
/// cursors: ReceiveOpAsync(1) does not consume payloads of other ops). Heartbeats (op 1) are answered with op 11 at
/// once while <see cref="AutoAckHeartbeats"/> is true.
/// </summary>
public sealed class FakeGatewayConnection
{
    private readonly FakeDiscordServer _server;
    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly List<JsonElement> _received = [];
    private readonly Dictionary<int, int> _opCursors = [];
    private readonly TaskCompletionSource<int?> _clientClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly object _requestGate = new();
    private bool _requestEnded;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _cursor;

    internal FakeGatewayConnection(FakeDiscordServer server, WebSocket socket, string path, string query, int index)
    {
        _server = server;
        _socket = socket;
        Path = path;
        Query = query;
        Index = index;
        AutoAckHeartbeats = server.AutoAckHeartbeats;
    }

    /// <summary>Request path, e.g. "/gateway" or "/resume".</summary>
    public string Path { get; }

    /// <summary>Query string including "?", e.g. "?v=10&amp;encoding=json".</summary>
    public string Query { get; }

    /// <summary>0 for the first connection the server accepted, 1 for the next...</summary>
    public int Index { get; }

    /// <summary>Answer every op 1 from the client with op 11 immediately.</summary>
    public bool AutoAckHeartbeats { get; set; }

    /// <summary>Every payload the client sent, in order.</summary>
    public IReadOnlyList<JsonElement> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Completes with the client's close code (null when the socket ended without a close frame).</summary>
    public Task<int?> ClientClosed => _clientClosed.Task;

    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>
    /// Hello, then waits for the client's Identify (op 2) and answers READY with <paramref name="sessionId"/> and the
    /// server's <see cref="FakeDiscordServer.ResumeGatewayUrl"/>. Returns the Identify payload.
    /// </summary>
    public async Task<JsonElement> HandshakeAsync(
        int heartbeatIntervalMs = 41250, string sessionId = "fake-session", IEnumerable<ulong>? guildIds = null, TimeSpan? timeout = null)
    {
        await SendHelloAsync(heartbeatIntervalMs).ConfigureAwait(false);
        var identify = await ReceiveOpAsync(2, timeout ?? TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await SendReadyAsync(sessionId, _server.ResumeGatewayUrl, _server.BotUserId, _server.ApplicationId, guildIds).ConfigureAwait(false);
        return identify;
    }

    /// <summary>Hello, then waits for the client's Resume (op 6), replays nothing and sends RESUMED. Returns the Resume payload.</summary>
    public async Task<JsonElement> AcceptResumeAsync(int heartbeatIntervalMs = 41250, TimeSpan? timeout = null)
    {
        await SendHelloAsync(heartbeatIntervalMs).ConfigureAwait(false);
        var resume = await ReceiveOpAsync(6, timeout ?? TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await SendResumedAsync().ConfigureAwait(false);
        return resume;
    }

    public Task SendHelloAsync(int heartbeatIntervalMs) =>
        SendPayloadAsync(10, new { heartbeat_interval = heartbeatIntervalMs });

    /// <summary>Sends READY with s = 1 (restarting the server's sequence counter).</summary>
    public Task SendReadyAsync(string sessionId, Uri resumeGatewayUrl, ulong userId, ulong applicationId, IEnumerable<ulong>? guildIds = null)
    {
        _server.ResetSequence();
        var data = new
        {
            v = 10,
            user = new { id = userId.ToString(System.Globalization.CultureInfo.InvariantCulture), username = "massagebot", global_name = (string?)null, bot = true, discriminator = "0" },
            guilds = (guildIds ?? []).Select(g => new { id = g.ToString(System.Globalization.CultureInfo.InvariantCulture), unavailable = true }).ToArray(),
            session_id = sessionId,
            resume_gateway_url = resumeGatewayUrl.ToString(),
            session_type = "normal",
            application = new { id = applicationId.ToString(System.Globalization.CultureInfo.InvariantCulture), flags = 8953856 },
        };
        return SendDispatchAsync("READY", data);
    }

    /// <summary>Sends an op 0 dispatch with the server's next sequence number; returns that number.</summary>
    public async Task<int> SendDispatchAsync(string eventType, object data)
    {
        if (eventType == "MESSAGE_CREATE")
        {
            // Like Discord: a message seen on the gateway can be fetched over REST afterwards.
            if (JsonSerializer.SerializeToNode(data, data.GetType(), DiscordJson.Options) is System.Text.Json.Nodes.JsonObject message)
            {
                _server.RememberMessage(message);
            }
        }

        var sequence = _server.NextSequence();
        await SendPayloadAsync(0, data, sequence, eventType).ConfigureAwait(false);
        return sequence;
    }

    /// <summary>Sends a dispatch whose data is raw JSON text.</summary>
    public Task<int> SendDispatchRawAsync(string eventType, string dataJson)
    {
        using var document = JsonDocument.Parse(dataJson);
        return SendDispatchAsync(eventType, document.RootElement.Clone());
    }

    public Task SendResumedAsync() => SendDispatchAsync("RESUMED", new { });

    public Task SendHeartbeatAckAsync() => SendPayloadAsync(11, null);

    /// <summary>Server op 1: the client must heartbeat at once.</summary>
    public Task SendHeartbeatRequestAsync() => SendPayloadAsync(1, null);

    public Task SendReconnectAsync() => SendPayloadAsync(7, null);

    public Task SendInvalidSessionAsync(bool resumable) => SendPayloadAsync(9, resumable);

    /// <summary>Sends {op, d, s, t}; <paramref name="data"/> is serialized with the Discord JSON options.</summary>
    public Task SendPayloadAsync(int op, object? data, int? sequence = null, string? eventType = null)
    {
        var json = new StringBuilder();
        json.Append("{\"op\":").Append(op).Append(",\"d\":");
        json.Append(data is null ? "null" : JsonSerializer.Serialize(data, data.GetType(), DiscordJson.Options));
        json.Append(",\"s\":").Append(sequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null");
        json.Append(",\"t\":").Append(eventType is null ? "null" : JsonSerializer.Serialize(eventType));
        json.Append('}');
        return SendRawAsync(json.ToString());
    }

    public async Task SendRawAsync(string json)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes from the server side with a close frame carrying <paramref name="code"/>.</summary>
    public async Task CloseAsync(int code, string reason = "")
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the connection without a close frame (like a TCP reset). A no-op once the request has ended.</summary>
    public void Abort()
    {
        // Aborting the server socket aborts its HttpContext; once the request has ended Kestrel resets that context
        // (AbortStream.Dispose then throws NullReferenceException), so never abort after, or while, the request ends.
        lock (_requestGate)
        {
            if (_requestEnded)
            {
                return;
            }

            try
            {
                _socket.Abort();
            }
            catch (ObjectDisposedException)
            {
                // Already torn down.
            }
        }
    }

    /// <summary>Called by the server just before the websocket request returns to Kestrel; waits for a running <see cref="Abort"/>.</summary>
    internal void EndRequest()
    {
        lock (_requestGate)
        {
            _requestEnded = true;
        }
    }

    /// <summary>The next payload the client sent (any op).</summary>
    public Task<JsonElement> ReceiveAsync(TimeSpan timeout) =>
        WaitAsync(
            () =>
            {
                if (_cursor < _received.Count)
                {
                    return _received[_cursor++];
                }

                return null;
            },
            timeout,
            "any payload");

    /// <summary>The next payload with <paramref name="op"/> the client sent (its own cursor per op).</summary>
    public Task<JsonElement> ReceiveOpAsync(int op, TimeSpan timeout) =>
        WaitAsync(
            () =>
            {
                var start = _opCursors.GetValueOrDefault(op);
                for (var i = start; i < _received.Count; i++)
                {
                    if (_received[i].TryGetProperty("op", out var o) && o.GetInt32() == op)
                    {
                        _opCursors[op] = i + 1;
                        return _received[i];
                    }
                }

                _opCursors[op] = _received.Count;
                return null;
            },
            timeout,
            $"op {op}");

    /// <summary>Waits for the client to close (returns its close code, null when it dropped without a close frame).</summary>
    public async Task<int?> WaitForClientCloseAsync(TimeSpan timeout) =>
        await ClientClosed.WaitAsync(timeout).ConfigureAwait(false);

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _clientClosed.TrySetResult((int?)result.CloseStatus);
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                JsonElement payload;
                try
                {
                    using var document = JsonDocument.Parse(message.ToArray());
                    payload = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    await CloseAsync(4002, "decode error").ConfigureAwait(false);
                    _clientClosed.TrySetResult(null);
                    return;
                }

                Add(payload);
                if (AutoAckHeartbeats && payload.TryGetProperty("op", out var op) && op.GetInt32() == 1)
                {
                    await SendHeartbeatAckAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            _clientClosed.TrySetResult(null);
        }
    }

    private void Add(JsonElement payload)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _received.Add(payload);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private async Task<JsonElement> WaitAsync(Func<JsonElement?> take, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (take() is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Connection #{Index} received no {what} from the client within {timeout}.");
            }
        }
    }
}
