using System.Text.Json;
using MassageForumBot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.Discord.Gateway;

/// <summary>What one connection needs from the client; fixed for the connection's life.</summary>
internal sealed record GatewayConnectionSettings(
    DiscordClientOptions Options,
    TimeProvider Time,
    ILogger Logger,
    Func<double> Jitter,
    SequenceCheckpoint Checkpoint,
    IGatewayDispatchSink Sink,
    Action<GatewayConnectionState> OnStateChanged,
    Action OnIdentifySent);

/// <summary>
/// One websocket to the gateway: Hello, Identify or Resume, heartbeats, dispatches to the sink, until the socket ends.
/// It owns its view of the session (an immutable record replaced at READY) and reports how it ended; any failure
/// inside it, other than shutdown, ends it as <see cref="GatewayDisconnectKind.Dropped"/>.
/// </summary>
internal sealed class GatewayConnection
{
    private readonly GatewayConnectionSettings _settings;
    private readonly IGatewayTransport _transport;
    private readonly Uri _trustedBase;
    private readonly GatewayHeartbeat _heartbeat;
    private readonly GatewaySendLimiter _limiter;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _connectionCts = new();
    private readonly GatewaySession? _resumeFrom;
    private Task _heartbeatTask = Task.CompletedTask;
    private volatile GatewaySession? _session;
    private volatile GatewayReadyState? _ready;
    private volatile bool _zombie;
    private volatile bool _reachedActive;
    private int _closed;

    /// <param name="resumeFrom">The session to resume (with the sequence to resume at), or null to identify.</param>
    /// <param name="trustedBase">The gateway URL the token may go to; READY's resume URL must match it or discord.gg.</param>
    public GatewayConnection(GatewayConnectionSettings settings, IGatewayTransport transport, GatewaySession? resumeFrom, Uri trustedBase)
    {
        _settings = settings;
        _transport = transport;
        _resumeFrom = resumeFrom;
        _session = resumeFrom;
        _trustedBase = trustedBase;
        _heartbeat = new GatewayHeartbeat(settings.Time);
        _limiter = new GatewaySendLimiter(settings.Time);
    }

    /// <summary>The session this connection resumed or started; null until READY when identifying.</summary>
    public GatewaySession? Session => _session;

    /// <summary>Set when this connection received READY.</summary>
    public GatewayReadyState? Ready => _ready;

    /// <summary>True once READY or RESUMED arrived.</summary>
    public bool ReachedActive => _reachedActive;

    public TimeSpan? Latency => _heartbeat.Latency;

    private ILogger Logger => _settings.Logger;

    /// <summary>Runs until the socket ends; throws <see cref="OperationCanceledException"/> only for <paramref name="shutdown"/>.</summary>
    public async Task<GatewayDisconnect> RunAsync(CancellationToken shutdown)
    {
        // On shutdown, send a resumable close frame first, then stop the receive loop (cancelling a ClientWebSocket
        // receive aborts the socket, which would lose the close frame).
        await using var onShutdown = shutdown.Register(static state => ((GatewayConnection)state!).BeginShutdown(), this);
        try
        {
            var end = await ReceiveLoopAsync().ConfigureAwait(false);
            await CloseQuietlyAsync(GatewayClientCloseCodes.Reconnecting, "reconnecting").ConfigureAwait(false);
            return end;
        }
        catch (Exception) when (shutdown.IsCancellationRequested)
        {
            await CloseQuietlyAsync(GatewayClientCloseCodes.ShuttingDown, "shutting down").ConfigureAwait(false);
            throw new OperationCanceledException(shutdown);
        }
        catch (Exception) when (_zombie)
        {
            return new GatewayDisconnect(GatewayDisconnectKind.Zombie);
        }
        catch (Exception ex)
        {
            // Whatever went wrong (bad frame, send error, odd READY, bad Hello), the session may still be resumable.
            Logger.LogWarning("Gateway connection failed: {Error}", ex.GetType().Name + ": " + ex.Message);
            await CloseQuietlyAsync(GatewayClientCloseCodes.Reconnecting, "reconnecting").ConfigureAwait(false);
            return new GatewayDisconnect(GatewayDisconnectKind.Dropped);
        }
        finally
        {
            await _connectionCts.CancelAsync().ConfigureAwait(false);
            await _heartbeatTask.ConfigureAwait(false);
        }
    }

    private async Task<GatewayDisconnect> ReceiveLoopAsync()
    {
        while (true)
        {
            var frame = await ReceiveAsync().ConfigureAwait(false);
            if (_zombie)
            {
                return new GatewayDisconnect(GatewayDisconnectKind.Zombie);
            }

            if (frame.IsClosed)
            {
                if (frame.CloseCode is { } code)
                {
                    Logger.LogWarning("Gateway closed by Discord with {CloseCode} {Reason}.", code, frame.CloseReason);
                    return new GatewayDisconnect(GatewayDisconnectKind.ServerClosed, code);
                }

                Logger.LogWarning("Gateway connection dropped without a close frame.");
                return new GatewayDisconnect(GatewayDisconnectKind.Dropped);
            }

            if (frame.IsBinary)
            {
                throw new InvalidDataException($"Unexpected binary gateway frame of {frame.Payload.Length} bytes.");
            }

            if (await HandleFrameAsync(frame.Payload).ConfigureAwait(false) is { } end)
            {
                return end;
            }
        }
    }

    /// <summary>Until Hello arrives, a receive may take at most the connect timeout: a silent socket is a dead one.</summary>
    private async Task<GatewayFrame> ReceiveAsync()
    {
        if (_heartbeat.Started)
        {
            return await _transport.ReceiveAsync(_connectionCts.Token).ConfigureAwait(false);
        }

        using var helloTimeout = new CancellationTokenSource(_settings.Options.ConnectTimeout, _settings.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_connectionCts.Token, helloTimeout.Token);
        try
        {
            return await _transport.ReceiveAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (helloTimeout.IsCancellationRequested && !_connectionCts.IsCancellationRequested)
        {
            throw new TimeoutException($"No Hello within {_settings.Options.ConnectTimeout}.");
        }
    }

    private async Task<GatewayDisconnect?> HandleFrameAsync(ReadOnlyMemory<byte> payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var op = root.GetProperty("op").GetInt32();
        root.TryGetProperty("d", out var data);
        switch (op)
        {
            case GatewayOpCodes.Dispatch:
                await HandleDispatchAsync(root, data).ConfigureAwait(false);
                return null;
            case GatewayOpCodes.Hello:
                await HandleHelloAsync(data).ConfigureAwait(false);
                return null;
            case GatewayOpCodes.HeartbeatAck:
                _heartbeat.Acknowledge();
                return null;
            case GatewayOpCodes.Heartbeat:
                await SendAsync(GatewayPayloads.Heartbeat(_settings.Checkpoint.LastReceived), isHeartbeat: true).ConfigureAwait(false);
                return null;
            case GatewayOpCodes.Reconnect:
                Logger.LogInformation("Discord asked the client to reconnect (op 7).");
                return new GatewayDisconnect(GatewayDisconnectKind.ReconnectRequested);
            case GatewayOpCodes.InvalidSession:
                var resumable = data.ValueKind == JsonValueKind.True;
                Logger.LogWarning("Discord invalidated the session (op 9, resumable: {Resumable}).", resumable);
                return new GatewayDisconnect(GatewayDisconnectKind.InvalidSession, Resumable: resumable);
            default:
                Logger.LogDebug("Ignoring gateway op {Op}.", op);
                return null;
        }
    }

    private async Task HandleHelloAsync(JsonElement data)
    {
        if (_heartbeat.Started)
        {
            Logger.LogDebug("Ignoring a second Hello on one connection.");
            return;
        }

        var milliseconds = data.GetProperty("heartbeat_interval").GetDouble();
        if (!double.IsFinite(milliseconds) || milliseconds <= 0)
        {
            throw new InvalidDataException($"Hello carries an unusable heartbeat_interval ({milliseconds}).");
        }

        _heartbeatTask = RunHeartbeatAsync(TimeSpan.FromMilliseconds(milliseconds));
        if (_resumeFrom is { } session)
        {
            _settings.OnStateChanged(GatewayConnectionState.Resuming);
            Logger.LogInformation("Resuming the gateway session at sequence {Sequence}.", session.Sequence);
            await SendAsync(GatewayPayloads.Resume(_settings.Options.Token, session), isHeartbeat: false).ConfigureAwait(false);
        }
        else
        {
            _settings.OnStateChanged(GatewayConnectionState.Identifying);
            Logger.LogInformation("Identifying with intents {Intents} ({IntentsValue}).", _settings.Options.Intents, (int)_settings.Options.Intents);
            await SendAsync(GatewayPayloads.Identify(_settings.Options), isHeartbeat: false).ConfigureAwait(false);
            _settings.OnIdentifySent();
        }
    }

    private async Task HandleDispatchAsync(JsonElement root, JsonElement data)
    {
        long? sequence = root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) ? n : null;
        var type = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        GatewayEvent? typed;
        try
        {
            typed = GatewayEventReader.Read(type, data);
        }
        catch (JsonException ex) when (type != GatewayEvents.Ready)
        {
            // One unreadable event is skipped (resuming would only replay it); an unreadable READY ends the connection.
            Logger.LogWarning("Skipping a {EventType} dispatch (s={Sequence}) with an unexpected shape: {Error}", type, sequence, ex.Message);
            typed = null;
        }

        if (typed is ReadyEvent ready)
        {
            OnReady(ready);
        }
        else if (typed is ResumedEvent)
        {
            _reachedActive = true;
            _settings.OnStateChanged(GatewayConnectionState.Active);
            Logger.LogInformation("Gateway session resumed at sequence {Sequence}.", _resumeFrom?.Sequence);
        }

        // Nothing to wait for on an event that is not handed over or that no handler knows.
        var handledAlready = typed is null or UnknownEvent;
        var checkpoint = _settings.Checkpoint;
        var generation = sequence is { } seq ? checkpoint.Received(seq, handledAlready) : checkpoint.Generation;
        if (typed is null)
        {
            return;
        }

        var dispatch = new GatewayDispatch(type, sequence, typed)
        {
            ReceivedTimestamp = _settings.Time.GetTimestamp(),
            Generation = generation,
        };
        await _settings.Sink.DeliverAsync(dispatch, _connectionCts.Token).ConfigureAwait(false);
    }

    private void OnReady(ReadyEvent ready)
    {
        var resumeUrl = _trustedBase;
        if (ready.ResumeGatewayUrl is { } offered)
        {
            if (GatewayUrlPolicy.MayReceiveToken(offered, _trustedBase))
            {
                resumeUrl = offered;
            }
            else
            {
                Logger.LogWarning("Ignoring resume_gateway_url on {Host}: the token goes only to the gateway host or discord.gg; resuming on {TrustedHost}.", offered.Host, _trustedBase.Host);
            }
        }

        // A new session numbers its events from 1 again; marks from the old one no longer count.
        _settings.Checkpoint.Restart(null);
        _session = new GatewaySession(ready.SessionId, 0, resumeUrl);
        _ready = new GatewayReadyState(ready.User, ready.Application.Id);
        _reachedActive = true;
        _settings.OnStateChanged(GatewayConnectionState.Active);
        Logger.LogInformation(
            "Gateway READY as {User} ({UserId}), application {ApplicationId}, {GuildCount} guild(s).",
            ready.User.Username,
            ready.User.Id,
            ready.Application.Id,
            ready.Guilds.Count);
    }

    private async Task RunHeartbeatAsync(TimeSpan interval)
    {
        try
        {
            await _heartbeat.RunAsync(
                interval,
                _settings.Jitter(),
                _ => SendAsync(GatewayPayloads.Heartbeat(_settings.Checkpoint.LastReceived), isHeartbeat: true),
                OnZombie,
                _connectionCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_connectionCts.IsCancellationRequested)
        {
            // The connection is over.
        }
        catch (Exception ex)
        {
            // A failed heartbeat means a dying socket: end the connection so it is resumed.
            Logger.LogWarning("Heartbeat send failed: {Error}", ex.GetType().Name + ": " + ex.Message);
            await _connectionCts.CancelAsync().ConfigureAwait(false);
        }
    }

    private void OnZombie()
    {
        Logger.LogWarning("No heartbeat ACK since the last heartbeat: zombie connection; closing with {Code} to resume.", GatewayClientCloseCodes.ZombieConnection);
        _zombie = true;
        _ = CloseThenCancelAsync(GatewayClientCloseCodes.ZombieConnection, "zombie connection");
    }

    private void BeginShutdown() => _ = CloseThenCancelAsync(GatewayClientCloseCodes.ShuttingDown, "shutting down");

    private async Task CloseThenCancelAsync(int code, string reason)
    {
        await CloseQuietlyAsync(code, reason).ConfigureAwait(false);
        await _connectionCts.CancelAsync().ConfigureAwait(false);
    }

    private async Task SendAsync(byte[] payload, bool isHeartbeat)
    {
        if (payload.Length > GatewayPayloads.MaxPayloadBytes)
        {
            throw new InvalidOperationException($"Gateway payload of {payload.Length} bytes exceeds {GatewayPayloads.MaxPayloadBytes}.");
        }

        var cancel = _connectionCts.Token;
        await _limiter.AcquireAsync(isHeartbeat, cancel).ConfigureAwait(false);
        await _sendLock.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            await _transport.SendAsync(payload, cancel).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends one close frame per connection; never throws (a socket that cannot close is dropped on dispose).</summary>
    private async Task CloseQuietlyAsync(int code, string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        try
        {
            // A guard on I/O, not protocol timing: real time.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                await _transport.CloseAsync(code, reason, timeout.Token).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex)
        {
            Logger.LogDebug("Closing the gateway socket failed: {Error}", ex.GetType().Name);
        }
    }
}
