using System.Text.Json;
using MassageForumBot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.Discord.Gateway;

public sealed partial class DiscordGatewayClient
{
    /// <summary>State of one websocket connection: receive loop, heartbeat task and serialised sends.</summary>
    private sealed class GatewayConnection
    {
        private readonly DiscordGatewayClient _client;
        private readonly IGatewayTransport _transport;
        private readonly bool _resuming;
        private readonly CancellationToken _runToken;
        private readonly CancellationTokenSource _connectionCts;
        private readonly CancellationTokenRegistration _shutdownRegistration;
        private readonly GatewayHeartbeat _heartbeat;
        private readonly GatewaySendLimiter _limiter;
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private Task _heartbeatTask = Task.CompletedTask;
        private volatile bool _zombie;
        private int _closed;

        public GatewayConnection(DiscordGatewayClient client, IGatewayTransport transport, bool resuming, CancellationToken runToken)
        {
            _client = client;
            _transport = transport;
            _resuming = resuming;
            _runToken = runToken;
            _connectionCts = new CancellationTokenSource();
            // On shutdown, send a resumable close frame first, then stop the receive loop (cancelling a
            // ClientWebSocket receive aborts the socket, which would lose the close frame).
            _shutdownRegistration = runToken.Register(static state => ((GatewayConnection)state!).BeginShutdown(), this);
            _heartbeat = new GatewayHeartbeat(client._time);
            _limiter = new GatewaySendLimiter(client._time);
        }

        public bool ReachedActive { get; private set; }

        private ILogger Logger => _client._logger;

        public async Task<GatewayDisconnect> ReceiveLoopAsync()
        {
            while (true)
            {
                GatewayFrame frame;
                try
                {
                    frame = await _transport.ReceiveAsync(_connectionCts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_zombie && !_runToken.IsCancellationRequested)
                {
                    return new GatewayDisconnect(GatewayDisconnectKind.Zombie);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && !_runToken.IsCancellationRequested)
                {
                    Logger.LogWarning("Gateway receive failed: {Error}", ex.GetType().Name + ": " + ex.Message);
                    return new GatewayDisconnect(GatewayDisconnectKind.Dropped);
                }
                catch (Exception) when (_runToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(_runToken);
                }

                _runToken.ThrowIfCancellationRequested();

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

                GatewayDisconnect? end;
                try
                {
                    end = await HandleAsync(frame.Payload).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    // A payload we cannot understand is logged and skipped; it must never kill the loop.
                    Logger.LogWarning("Ignoring a gateway payload that could not be handled: {Error}", ex.GetType().Name + ": " + ex.Message);
                    continue;
                }

                if (end is { } e)
                {
                    await CloseQuietlyAsync(GatewayClientCloseCodes.Reconnecting, "reconnecting").ConfigureAwait(false);
                    return e;
                }
            }
        }

        private async Task<GatewayDisconnect?> HandleAsync(ReadOnlyMemory<byte> payload)
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
                    var interval = TimeSpan.FromMilliseconds(data.GetProperty("heartbeat_interval").GetDouble());
                    _heartbeatTask = RunHeartbeatAsync(interval);
                    await SendHandshakeAsync().ConfigureAwait(false);
                    return null;
                case GatewayOpCodes.HeartbeatAck:
                    _heartbeat.Acknowledge();
                    Interlocked.Increment(ref _client._acks);
                    _client.Latency = _heartbeat.Latency;
                    return null;
                case GatewayOpCodes.Heartbeat:
                    await SendAsync(GatewayPayloads.Heartbeat(_client.CurrentSequence), isHeartbeat: true, _connectionCts.Token).ConfigureAwait(false);
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

        private async Task HandleDispatchAsync(JsonElement root, JsonElement data)
        {
            long? sequence = root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) ? n : null;
            var type = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            GatewayEvent? typed;
            try
            {
                typed = GatewayEventReader.Read(type, data);
            }
            catch (JsonException ex)
            {
                Logger.LogWarning("Skipping a {EventType} dispatch (s={Sequence}) with an unexpected shape: {Error}", type, sequence, ex.Message);
                typed = null;
            }

            if (typed is ReadyEvent ready)
            {
                // A new session numbers its events from 1 again.
                _client._checkpoint.Restart(null);
                _client._sessionId = ready.SessionId;
                _client._resumeUrl = ready.ResumeGatewayUrl ?? _client._cachedGatewayUrl ?? _client._options.GatewayUrl;
                _client.Ready = new GatewayReadyState(ready.User, ready.Application.Id);
                ReachedActive = true;
                _client.SetState(GatewayConnectionState.Active);
                Logger.LogInformation(
                    "Gateway READY as {User} ({UserId}), application {ApplicationId}, {GuildCount} guild(s).",
                    ready.User.Username,
                    ready.User.Id,
                    ready.Application.Id,
                    ready.Guilds.Count);
            }
            else if (typed is ResumedEvent)
            {
                ReachedActive = true;
                _client.SetState(GatewayConnectionState.Active);
                Logger.LogInformation("Gateway session resumed at sequence {Sequence}.", _client.CurrentSequence);
            }

            // Nothing to hand over for a payload we could not read, and nothing to wait for on one we do not model.
            var handledAlready = typed is null or UnknownEvent;
            var generation = sequence is { } seq ? _client._checkpoint.Received(seq, handledAlready) : _client._checkpoint.Generation;
            if (typed is null)
            {
                return;
            }

            var dispatch = new GatewayDispatch(type, sequence, typed)
            {
                ReceivedTimestamp = _client._time.GetTimestamp(),
                Generation = generation,
            };
            await _client._sink!.DeliverAsync(dispatch, _connectionCts.Token).ConfigureAwait(false);
        }

        private async Task SendHandshakeAsync()
        {
            if (_resuming && _client._sessionId is { } id && _client._resumeUrl is { } url)
            {
                _client.SetState(GatewayConnectionState.Resuming);
                var session = new GatewaySession(id, _client.CurrentSequence ?? 0, url);
                Logger.LogInformation("Resuming the gateway session at sequence {Sequence}.", session.Sequence);
                await SendAsync(GatewayPayloads.Resume(_client._options.Token, session), isHeartbeat: false, _connectionCts.Token).ConfigureAwait(false);
            }
            else
            {
                _client.SetState(GatewayConnectionState.Identifying);
                var maxConcurrency = _client._sessionStartLimit?.MaxConcurrency ?? 1;
                await _client._identifyGate.WaitTurnAsync(_client._options.ShardId, maxConcurrency, _connectionCts.Token).ConfigureAwait(false);
                Logger.LogInformation("Identifying with intents {Intents} ({IntentsValue}).", _client._options.Intents, (int)_client._options.Intents);
                await SendAsync(GatewayPayloads.Identify(_client._options), isHeartbeat: false, _connectionCts.Token).ConfigureAwait(false);
            }
        }

        private Task RunHeartbeatAsync(TimeSpan interval)
        {
            if (!_heartbeatTask.IsCompleted)
            {
                return _heartbeatTask;
            }

            return RunCoreAsync();

            async Task RunCoreAsync()
            {
                try
                {
                    await _heartbeat.RunAsync(
                        interval,
                        _client._jitter(),
                        ct => SendAsync(GatewayPayloads.Heartbeat(_client.CurrentSequence), isHeartbeat: true, ct),
                        OnZombie,
                        _connectionCts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Connection over.
                }
                catch (Exception ex)
                {
                    // The send failed: the socket is dying and the receive loop will notice.
                    Logger.LogDebug("Heartbeat send failed: {Error}", ex.GetType().Name);
                }
            }
        }

        private void OnZombie()
        {
            Logger.LogWarning("No heartbeat ACK since the last heartbeat: zombie connection; closing with {Code} to resume.", GatewayClientCloseCodes.ZombieConnection);
            _zombie = true;
            _ = ZombieCloseAsync();

            async Task ZombieCloseAsync()
            {
                await CloseQuietlyAsync(GatewayClientCloseCodes.ZombieConnection, "zombie connection").ConfigureAwait(false);
                await _connectionCts.CancelAsync().ConfigureAwait(false);
            }
        }

        private async Task SendAsync(byte[] payload, bool isHeartbeat, CancellationToken cancellationToken)
        {
            if (payload.Length > GatewayPayloads.MaxPayloadBytes)
            {
                throw new InvalidOperationException($"Gateway payload of {payload.Length} bytes exceeds {GatewayPayloads.MaxPayloadBytes}.");
            }

            await _limiter.AcquireAsync(isHeartbeat, cancellationToken).ConfigureAwait(false);
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _transport.SendAsync(payload, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        public async Task CloseQuietlyAsync(int code, string reason)
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1)
            {
                return;
            }

            try
            {
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
                _transport.Abort();
            }
        }

        private void BeginShutdown()
        {
            _ = ShutdownAsync();

            async Task ShutdownAsync()
            {
                await CloseQuietlyAsync(GatewayClientCloseCodes.ShuttingDown, "shutting down").ConfigureAwait(false);
                try
                {
                    await _connectionCts.CancelAsync().ConfigureAwait(false);
                }
                catch (ObjectDisposedException)
                {
                    // The connection already ended.
                }
            }
        }

        public async Task StopAsync()
        {
            await _shutdownRegistration.DisposeAsync().ConfigureAwait(false);
            await _connectionCts.CancelAsync().ConfigureAwait(false);
            try
            {
                await _heartbeatTask.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected.
            }

            _connectionCts.Dispose();
        }
    }
}
