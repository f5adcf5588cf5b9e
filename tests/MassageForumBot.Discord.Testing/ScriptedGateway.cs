using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MassageForumBot.Discord.Gateway;

namespace MassageForumBot.Discord.Testing;

/// <summary>
/// An in-memory gateway for protocol tests: the client's <see cref="IGatewayTransportFactory"/> on one side, a script
/// on the other. Each connect becomes a <see cref="ScriptedGatewayConnection"/> the test drives frame by frame.
/// </summary>
public sealed class ScriptedGateway : IGatewayTransportFactory
{
    /// <summary>How long a test waits (in real time) for the client to do something before failing.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private readonly Channel<ScriptedGatewayConnection> _connected = Channel.CreateUnbounded<ScriptedGatewayConnection>();
    private readonly Queue<Exception> _connectFailures = new();
    private readonly Lock _gate = new();
    private long _sequence;
    private int _attempts;

    /// <summary>Connect attempts so far (failed ones included).</summary>
    public int ConnectAttempts => Volatile.Read(ref _attempts);

    /// <summary>Makes the next <paramref name="count"/> connects fail like a DNS error or a refused connection.</summary>
    public void FailConnects(int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _connectFailures.Enqueue(new System.Net.WebSockets.WebSocketException("Name or service not known"));
            }
        }
    }

    public IGatewayTransport Create() => new ScriptedGatewayConnection(this);

    /// <summary>The next connection the client opened.</summary>
    public async Task<ScriptedGatewayConnection> NextConnectionAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        try
        {
            return await _connected.Reader.ReadAsync(guard.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The client did not connect within {Guard} ({ConnectAttempts} attempts so far).");
        }
    }

    /// <summary>True when the client opened a connection the test has not taken yet.</summary>
    public bool HasPendingConnection => _connected.Reader.Count > 0;

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void ResetSequence() => Interlocked.Exchange(ref _sequence, 0);

    internal void OnConnect(ScriptedGatewayConnection connection)
    {
        Interlocked.Increment(ref _attempts);
        lock (_gate)
        {
            if (_connectFailures.TryDequeue(out var failure))
            {
                throw failure;
            }
        }

        _connected.Writer.TryWrite(connection);
    }
}

/// <summary>One scripted websocket: frames the test sends go to the client's receive; what the client sends is recorded.</summary>
public sealed class ScriptedGatewayConnection : IGatewayTransport
{
    private readonly ScriptedGateway _gateway;
    private readonly Channel<Func<GatewayFrame>> _toClient = Channel.CreateUnbounded<Func<GatewayFrame>>();
    private readonly Channel<JsonElement> _fromClient = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _sent = [];
    private readonly TaskCompletionSource<int> _clientClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Exception? _failSends;

    internal ScriptedGatewayConnection(ScriptedGateway gateway)
    {
        _gateway = gateway;
    }

    public Uri? Url { get; private set; }

    /// <summary>Answer each heartbeat with an ACK (default); turn off to make the connection a zombie.</summary>
    public bool AutoAck { get; set; } = true;

    /// <summary>Every payload the client sent, in order.</summary>
    public IReadOnlyList<JsonElement> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Completes with the close code the client sent.</summary>
    public Task<int> ClientClosed => _clientClosed.Task;

    public bool Disposed { get; private set; }

    // ---- The script's side ----

    public void SendRaw(string text) => Enqueue(GatewayFrame.Text(Encoding.UTF8.GetBytes(text)));

    public void SendBinary(byte[] bytes) => Enqueue(GatewayFrame.Binary(bytes));

    public void Send(object payload) => SendRaw(JsonSerializer.Serialize(payload));

    public void Hello(double heartbeatIntervalMs = 41250) => Send(new { op = 10, d = new { heartbeat_interval = heartbeatIntervalMs } });

    /// <summary>READY for a new session (sequence 1); the resume URL defaults to one on the connection's own host.</summary>
    public long Ready(string sessionId = "session-1", string? resumeUrl = null, ulong userId = 900000000000000001, ulong applicationId = 900000000000000002)
    {
        _gateway.ResetSequence();
        return Dispatch("READY", new
        {
            v = 10,
            user = new { id = userId.ToString(System.Globalization.CultureInfo.InvariantCulture), username = "massagebot", bot = true },
            guilds = Array.Empty<object>(),
            session_id = sessionId,
            resume_gateway_url = resumeUrl ?? $"{Url!.Scheme}://{Url.Authority}/resume",
            application = new { id = applicationId.ToString(System.Globalization.CultureInfo.InvariantCulture), flags = 0 },
        });
    }

    public long Resumed() => Dispatch("RESUMED", new { });

    /// <summary>Sends a dispatch with the gateway's next sequence number and returns it.</summary>
    public long Dispatch(string type, object data)
    {
        var sequence = _gateway.NextSequence();
        Send(new { op = 0, s = sequence, t = type, d = data });
        return sequence;
    }

    public void HeartbeatAck() => Send(new { op = 11 });

    public void RequestHeartbeat() => Send(new { op = 1, d = (object?)null });

    public void Reconnect() => Send(new { op = 7, d = (object?)null });

    public void InvalidSession(bool resumable) => Send(new { op = 9, d = resumable });

    /// <summary>The server closes with <paramref name="code"/>.</summary>
    public void Close(int code, string reason = "") => Enqueue(GatewayFrame.Closed(code, reason));

    /// <summary>The TCP connection drops: no close frame.</summary>
    public void Drop() => Enqueue(GatewayFrame.Closed(null, "dropped"));

    /// <summary>The client's next receive throws <paramref name="error"/> (e.g. a socket error).</summary>
    public void FailReceive(Exception error) => _toClient.Writer.TryWrite(() => throw error);

    /// <summary>Every send from now on throws <paramref name="error"/>.</summary>
    public void FailSends(Exception error) => _failSends = error;

    /// <summary>The next payload the client sends.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        using var guard = new CancellationTokenSource(ScriptedGateway.Guard);
        try
        {
            return await _fromClient.Reader.ReadAsync(guard.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The client sent nothing within {ScriptedGateway.Guard}.");
        }
    }

    /// <summary>The next payload with <paramref name="op"/>, skipping others (still listed in <see cref="Sent"/>).</summary>
    public async Task<JsonElement> ReceiveOpAsync(int op)
    {
        while (true)
        {
            var payload = await ReceiveAsync().ConfigureAwait(false);
            if (payload.GetProperty("op").GetInt32() == op)
            {
                return payload;
            }
        }
    }

    /// <summary>Sends Hello and READY after the client's Identify; returns the Identify payload.</summary>
    public async Task<JsonElement> HandshakeAsync(string sessionId = "session-1", string? resumeUrl = null, double heartbeatIntervalMs = 41250)
    {
        Hello(heartbeatIntervalMs);
        var identify = await ReceiveOpAsync(GatewayOpCodes.Identify).ConfigureAwait(false);
        Ready(sessionId, resumeUrl);
        return identify;
    }

    /// <summary>Sends Hello and RESUMED after the client's Resume; returns the Resume payload.</summary>
    public async Task<JsonElement> AcceptResumeAsync(double heartbeatIntervalMs = 41250)
    {
        Hello(heartbeatIntervalMs);
        var resume = await ReceiveOpAsync(GatewayOpCodes.Resume).ConfigureAwait(false);
        Resumed();
        return resume;
    }

    // ---- The client's side (IGatewayTransport) ----

    Task IGatewayTransport.ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        Url = url;
        _gateway.OnConnect(this);
        return Task.CompletedTask;
    }

    Task IGatewayTransport.SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_failSends is { } error)
        {
            return Task.FromException(error);
        }

        var payload = JsonDocument.Parse(utf8Json).RootElement.Clone();
        lock (_gate)
        {
            _sent.Add(payload);
        }

        _fromClient.Writer.TryWrite(payload);
        if (AutoAck && payload.GetProperty("op").GetInt32() == GatewayOpCodes.Heartbeat)
        {
            HeartbeatAck();
        }

        return Task.CompletedTask;
    }

    async Task<GatewayFrame> IGatewayTransport.ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var next = await _toClient.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return next();
        }
        catch (ChannelClosedException)
        {
            return GatewayFrame.Closed(null, "disposed");
        }
    }

    Task IGatewayTransport.CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        _clientClosed.TrySetResult(closeCode);
        Enqueue(GatewayFrame.Closed(closeCode, reason)); // the server echoes the close
        return Task.CompletedTask;
    }

    ValueTask IAsyncDisposable.DisposeAsync()
    {
        Disposed = true;
        _toClient.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private void Enqueue(GatewayFrame frame) => _toClient.Writer.TryWrite(() => frame);
}
