using System.Text.Json;
using System.Threading.Channels;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// One gateway shard. <see cref="RunAsync"/> connects, identifies or resumes, heartbeats and reconnects until cancelled;
/// it throws <see cref="GatewayFatalException"/> on fatal close codes (4004, 4010-4014) without retrying.
/// Events go to <see cref="Dispatches"/>, a bounded channel the receive loop never waits on: when a slow consumer lets
/// it fill up, the oldest dispatch is dropped and counted (<see cref="DroppedDispatchCount"/>, logged), so heartbeats are
/// never delayed by handlers.
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
    private readonly Channel<GatewayDispatch> _dispatches;
    private readonly ReconnectBackoff _backoff;
    private Uri? _cachedGatewayUrl;
    private SessionStartLimit? _sessionStartLimit;
    private string? _sessionId;
    private Uri? _resumeUrl;
    private long _sequenceBits = -1;
    private long _dropped;
    private long _acks;
    private int _state;
    private int _started;
    private SessionPersister? _persister;

    public DiscordGatewayClient(
        IOptions<DiscordClientOptions> options,
        IGatewayTransportFactory transportFactory,
        DiscordRestClient restClient,
        IGatewaySessionStore sessionStore,
        TimeProvider timeProvider,
        ILogger<DiscordGatewayClient> logger,
        Func<double>? jitter = null)
    {
        _options = options.Value;
        _transportFactory = transportFactory;
        _rest = restClient;
        _sessionStore = sessionStore;
        _time = timeProvider;
        _logger = logger;
        _jitter = jitter ?? Random.Shared.NextDouble;
        _backoff = new ReconnectBackoff(_jitter);
        _dispatches = Channel.CreateBounded<GatewayDispatch>(
            new BoundedChannelOptions(Math.Max(1, _options.DispatchQueueCapacity))
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleWriter = true,
            },
            OnDispatchDropped);
    }

    /// <summary>Every dispatch (op 0) in order, READY and RESUMED included. Completed when <see cref="RunAsync"/> ends.</summary>
    public ChannelReader<GatewayDispatch> Dispatches => _dispatches.Reader;

    /// <summary>The bot user, from READY.</summary>
    public DiscordUser? CurrentUser { get; private set; }

    /// <summary>The application id, from READY (needed for commands and interaction webhooks).</summary>
    public ulong? ApplicationId { get; private set; }

    public GatewayConnectionState State => (GatewayConnectionState)Volatile.Read(ref _state);

    /// <summary>Dispatches dropped because <see cref="Dispatches"/> was full.</summary>
    public long DroppedDispatchCount => Interlocked.Read(ref _dropped);

    /// <summary>Read by the heartbeat task while the receive loop writes it: stored as one atomic long (-1 = none).</summary>
    private int? CurrentSequence
    {
        get
        {
            var value = Interlocked.Read(ref _sequenceBits);
            return value < 0 ? null : (int)value;
        }

        set => Interlocked.Exchange(ref _sequenceBits, value ?? -1);
    }

    /// <summary>The last non-null sequence number received.</summary>
    public int? LastSequence => CurrentSequence;

    /// <summary>Round trip of the last acknowledged heartbeat.</summary>
    public TimeSpan? Latency { get; private set; }

    /// <summary>Heartbeat ACKs (op 11) received over the client's lifetime; a health signal.</summary>
    public long HeartbeatAcksReceived => Interlocked.Read(ref _acks);

    /// <summary>Raised on every state change (on the gateway's own task: keep handlers short).</summary>
    public event Action<GatewayConnectionState>? StateChanged;

    /// <summary>
    /// Runs the shard until <paramref name="cancellationToken"/> is cancelled (then throws
    /// <see cref="OperationCanceledException"/> after closing with a resumable code and saving the session).
    /// Can be called once per instance.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("RunAsync can be called only once per DiscordGatewayClient.");
        }

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
            CurrentSequence = loaded.Sequence;
            _resumeUrl = loaded.ResumeGatewayUrl;
            _logger.LogInformation("Found a saved gateway session (sequence {Sequence}); resuming it.", loaded.Sequence);
        }

        var persister = new SessionPersister(_sessionStore, _time, _options.SessionSaveInterval, _logger, loaded);
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
                RecordSession();
                SetState(GatewayConnectionState.Disconnected);
            }

            await persister.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            _dispatches.Writer.TryComplete();
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

    private void OnDispatchDropped(GatewayDispatch dropped)
    {
        var count = Interlocked.Increment(ref _dropped);
        if ((count & (count - 1)) == 0)
        {
            _logger.LogWarning(
                "Dispatch queue full (capacity {Capacity}): dropped the oldest event ({EventType}); {Count} dropped so far. The consumer is too slow.",
                _options.DispatchQueueCapacity,
                dropped.EventType,
                count);
        }
    }

    private void SetState(GatewayConnectionState state)
    {
        var previous = (GatewayConnectionState)Interlocked.Exchange(ref _state, (int)state);
        if (previous != state)
        {
            StateChanged?.Invoke(state);
        }
    }

    private void RecordSession()
    {
        if (_sessionId is { } id && _resumeUrl is { } url && CurrentSequence is { } seq)
        {
            _persister?.Update(new GatewaySession(id, seq, url));
        }
    }

    private void ForgetSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        CurrentSequence = null;
        _persister?.Clear();
    }
}
