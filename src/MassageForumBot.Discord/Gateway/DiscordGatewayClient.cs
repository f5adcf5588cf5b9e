using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// One gateway shard. <see cref="RunAsync"/> connects, identifies or resumes, heartbeats and reconnects until cancelled;
/// it throws <see cref="GatewayFatalException"/> on fatal close codes (4004, 4010-4014) without retrying.
/// Each dispatch is deserialized once and handed to the host's <see cref="IGatewayDispatchSink"/>; the host calls
/// <see cref="MarkHandled"/> when it is done with one, and the stored resume point follows the handled watermark.
/// </summary>
public sealed partial class DiscordGatewayClient
{
    /// <summary>Consecutive resume attempts that end before RESUMED, after which the client identifies anew.</summary>
    public const int MaxResumeAttempts = 3;

    private readonly DiscordClientOptions _options;
    private readonly IGatewayTransportFactory _transportFactory;
    private readonly DiscordRestClient _rest;
    private readonly IGatewaySessionStore _sessionStore;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordGatewayClient> _logger;
    private readonly Func<double> _jitter;
    private readonly IIdentifyGate _identifyGate;
    private readonly SequenceCheckpoint _checkpoint = new();
    private readonly ReconnectBackoff _backoff;
    private Uri? _cachedGatewayUrl;
    private SessionStartLimit? _sessionStartLimit;
    private string? _sessionId;
    private Uri? _resumeUrl;
    private long _acks;
    private int _state;
    private int _started;
    private SessionPersister? _persister;
    private IGatewayDispatchSink? _sink;

    public DiscordGatewayClient(
        IOptions<DiscordClientOptions> options,
        IGatewayTransportFactory transportFactory,
        DiscordRestClient restClient,
        IGatewaySessionStore sessionStore,
        TimeProvider timeProvider,
        ILogger<DiscordGatewayClient> logger,
        IIdentifyGate? identifyGate = null,
        Func<double>? jitter = null)
    {
        _options = options.Value;
        _transportFactory = transportFactory;
        _rest = restClient;
        _sessionStore = sessionStore;
        _time = timeProvider;
        _logger = logger;
        _jitter = jitter ?? Random.Shared.NextDouble;
        _identifyGate = identifyGate ?? new InProcessIdentifyGate(timeProvider);
        _backoff = new ReconnectBackoff(_jitter);
    }

    /// <summary>Who the bot is, from the last READY; null before the first READY.</summary>
    public GatewayReadyState? Ready { get; private set; }

    public GatewayConnectionState State => (GatewayConnectionState)Volatile.Read(ref _state);

    /// <summary>The last sequence number received (what a resume inside this process sends).</summary>
    public long? LastSequence => _checkpoint.LastReceived;

    /// <summary>The highest sequence up to which every received event is handled (what gets stored).</summary>
    public long? HandledWatermark => _checkpoint.Watermark;

    private long? CurrentSequence => _checkpoint.LastReceived;

    /// <summary>Round trip of the last acknowledged heartbeat.</summary>
    public TimeSpan? Latency { get; private set; }

    /// <summary>Heartbeat ACKs (op 11) received over the client's lifetime; a health signal.</summary>
    public long HeartbeatAcksReceived => Interlocked.Read(ref _acks);

    /// <summary>Raised on every state change (on the gateway's own task: keep handlers short).</summary>
    public event Action<GatewayConnectionState>? StateChanged;

    /// <summary>
    /// Marks a dispatch handled (or deliberately dropped). Dispatches without a sequence, and dispatches from a session
    /// that has since been replaced, are ignored.
    /// </summary>
    public void MarkHandled(GatewayDispatch dispatch)
    {
        if (dispatch.Sequence is { } sequence)
        {
            _checkpoint.Handled(dispatch.Generation, sequence);
        }
    }

    /// <summary>
    /// Saves the session with the current handled watermark now. <see cref="RunAsync"/> saves on a short timer and when
    /// it ends; a host that drains its queue after the gateway stopped calls this once more afterwards.
    /// </summary>
    public Task SaveCheckpointAsync(CancellationToken cancellationToken) =>
        _persister?.SaveIfChangedAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// Runs the shard until <paramref name="cancellationToken"/> is cancelled (then throws
    /// <see cref="OperationCanceledException"/> after closing with a resumable code and saving the session).
    /// Every dispatch goes to <paramref name="sink"/>. Can be called once per instance.
    /// </summary>
    public async Task RunAsync(IGatewayDispatchSink sink, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("RunAsync can be called only once per DiscordGatewayClient.");
        }

        _sink = sink;

        _options.Validate();
        GatewaySession? loaded = null;
        try
        {
            loaded = await _sessionStore.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Loading the saved gateway session failed; identifying a new session.");
        }

        if (loaded is not null)
        {
            _sessionId = loaded.SessionId;
            _checkpoint.Restart(loaded.Sequence);
            _resumeUrl = loaded.ResumeGatewayUrl;
            _logger.LogInformation("Found a saved gateway session (sequence {Sequence}); resuming it.", loaded.Sequence);
        }

        var persister = new SessionPersister(_sessionStore, _time, _options.SessionSaveInterval, _logger, SessionSnapshot, loaded);
        _persister = persister;
        using var persisterCts = new CancellationTokenSource();
        var persisterTask = persister.RunAsync(persisterCts.Token);
        try
        {
            await RunLoopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await persisterCts.CancelAsync().ConfigureAwait(false);
            await persisterTask.ConfigureAwait(false);
            if (State != GatewayConnectionState.FatallyClosed)
            {
                SetState(GatewayConnectionState.Disconnected);
            }

            await persister.SaveIfChangedAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        var failedResumes = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var resuming = _sessionId is not null && _resumeUrl is not null;
            Uri baseUrl;
            if (resuming)
            {
                baseUrl = _resumeUrl!;
            }
            else
            {
                try
                {
                    baseUrl = await GetGatewayUrlAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DiscordRestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                {
                    SetState(GatewayConnectionState.FatallyClosed);
                    throw new GatewayFatalException(4004, GatewayReconnectPolicy.DescribeFatal(4004), ex);
                }
                catch (DiscordRestException ex)
                {
                    var wait = _backoff.Next();
                    _logger.LogWarning("Getting the gateway URL failed ({Message}); retrying in {Delay}.", ex.Message, wait);
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await WaitForIdentifyBudgetAsync(cancellationToken).ConfigureAwait(false);
            }

            SetState(resuming ? GatewayConnectionState.Resuming : GatewayConnectionState.Connecting);
            var (disconnect, reachedActive) = await RunConnectionAsync(WithQuery(baseUrl), resuming, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();

            var action = GatewayReconnectPolicy.Decide(disconnect);
            if (reachedActive)
            {
                _backoff.Reset();
                failedResumes = 0;
            }
            else if (resuming && action == GatewayReconnectAction.Resume && ++failedResumes >= MaxResumeAttempts)
            {
                _logger.LogWarning("Resuming failed {Count} times in a row; identifying a new session.", failedResumes);
                action = GatewayReconnectAction.NewSession;
            }

            if (disconnect.Kind == GatewayDisconnectKind.ConnectFailed && !resuming && _options.GatewayUrl is null)
            {
                _cachedGatewayUrl = null; // Refetch the URL only when connecting fails.
            }

            switch (action)
            {
                case GatewayReconnectAction.Fatal:
                    SetState(GatewayConnectionState.FatallyClosed);
                    var code = disconnect.CloseCode ?? 0;
                    var message = GatewayReconnectPolicy.DescribeFatal(code);
                    _logger.LogCritical("{Message} The gateway client stopped and will not reconnect.", message);
                    throw new GatewayFatalException(code, message);
                case GatewayReconnectAction.NewSession:
                    failedResumes = 0;
                    ForgetSession();
                    break;
            }

            SetState(GatewayConnectionState.Disconnected);
            var delay = disconnect.Kind switch
            {
                GatewayDisconnectKind.ReconnectRequested => TimeSpan.Zero,
                GatewayDisconnectKind.InvalidSession => TimeSpan.FromSeconds(1 + (4 * Math.Clamp(_jitter(), 0, 1))),
                _ => _backoff.Next(),
            };
            _logger.LogInformation(
                "Gateway connection ended ({Disconnect}); {Action} in {Delay}.",
                disconnect,
                action == GatewayReconnectAction.Resume && _sessionId is not null ? "resuming" : "identifying",
                delay);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<(GatewayDisconnect Disconnect, bool ReachedActive)> RunConnectionAsync(Uri url, bool resuming, CancellationToken cancellationToken)
    {
        var transport = _transportFactory.Create();
        await using (transport.ConfigureAwait(false))
        {
            try
            {
                using var connectTimeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token);
                await transport.ConnectAsync(url, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("Connecting to the gateway at {Host} failed: {Error}", url.Host, ex.GetType().Name + ": " + ex.Message);
                return (new GatewayDisconnect(GatewayDisconnectKind.ConnectFailed), false);
            }

            _logger.LogDebug("Gateway socket open to {Host}{Path}.", url.Host, url.AbsolutePath);
            var connection = new GatewayConnection(this, transport, resuming, cancellationToken);
            try
            {
                var end = await connection.ReceiveLoopAsync().ConfigureAwait(false);
                return (end, connection.ReachedActive);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await connection.CloseQuietlyAsync(GatewayClientCloseCodes.ShuttingDown, "shutting down").ConfigureAwait(false);
                throw;
            }
            finally
            {
                await connection.StopAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<Uri> GetGatewayUrlAsync(CancellationToken cancellationToken)
    {
        if (_options.GatewayUrl is { } configured)
        {
            return configured;
        }

        if (_cachedGatewayUrl is { } cached)
        {
            return cached;
        }

        var answer = await _rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
        _cachedGatewayUrl = answer.Url;
        _sessionStartLimit = answer.SessionStartLimit;
        var limit = answer.SessionStartLimit;
        if (limit.Total > 0 && limit.Remaining < Math.Max(10, limit.Total / 10))
        {
            _logger.LogWarning(
                "Only {Remaining} of {Total} identifies left today (reset in {Reset}); going over resets the bot token.",
                limit.Remaining,
                limit.Total,
                TimeSpan.FromMilliseconds(limit.ResetAfter));
        }

        return answer.Url;
    }

    private async Task WaitForIdentifyBudgetAsync(CancellationToken cancellationToken)
    {
        if (_sessionStartLimit is { Total: > 0, Remaining: <= 0 } limit)
        {
            var wait = TimeSpan.FromMilliseconds(Math.Max(0, limit.ResetAfter));
            _logger.LogError("No identifies left today; waiting {Wait} for the session start limit to reset.", wait);
            _sessionStartLimit = null;
            _cachedGatewayUrl = null; // Ask again afterwards, which refreshes the budget.
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        else if (_sessionStartLimit is { } known)
        {
            _sessionStartLimit = known with { Remaining = known.Remaining - 1 };
        }
    }

    private static Uri WithQuery(Uri url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        if (builder.Path.Length == 0)
        {
            builder.Path = "/";
        }

        return builder.Uri;
    }

    private void SetState(GatewayConnectionState state)
    {
        var previous = (GatewayConnectionState)Interlocked.Exchange(ref _state, (int)state);
        if (previous != state)
        {
            StateChanged?.Invoke(state);
        }
    }

    /// <summary>What a restarted process needs: the session with the handled watermark, or null while there is none.</summary>
    private GatewaySession? SessionSnapshot()
    {
        var id = _sessionId;
        var url = _resumeUrl;
        return id is not null && url is not null ? new GatewaySession(id, _checkpoint.Watermark ?? 0, url) : null;
    }

    private void ForgetSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        _checkpoint.Restart(null);
    }
}
