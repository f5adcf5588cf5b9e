using System.Net;
using MassageForumBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// One gateway shard. <see cref="RunAsync"/> connects, identifies or resumes, and reconnects until cancelled; every
/// reconnect rule is <see cref="GatewayReconnectPolicy.Decide"/>. It throws <see cref="GatewayFatalException"/> only
/// for what reconnecting cannot fix (4004, 4010-4014, REST 401). Each dispatch is deserialized once and handed to the
/// host's <see cref="IGatewayDispatchSink"/>; the host calls <see cref="MarkHandled"/> when done with one, and the stored
/// session follows the handled watermark, so a restart resumes before anything that was still queued.
/// </summary>
public sealed class DiscordGatewayClient
{
    private readonly DiscordClientOptions _options;
    private readonly IGatewayTransportFactory _transportFactory;
    private readonly DiscordRestClient _rest;
    private readonly IGatewaySessionStore _sessionStore;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordGatewayClient> _logger;
    private readonly Func<double> _jitter;
    private readonly IIdentifyGate _identifyGate;
    private readonly SequenceCheckpoint _checkpoint = new();
    private readonly IdentifyBudget _budget;
    private Uri? _fetchedGatewayUrl;
    private volatile GatewaySession? _session;
    private volatile GatewayConnection? _connection;
    private volatile GatewayReadyState? _lastReady;
    private SessionPersister? _persister;
    private int _state;
    private int _started;

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
        _budget = new IdentifyBudget(timeProvider);
    }

    /// <summary>Who the bot is, from the last READY; null before the first READY.</summary>
    public GatewayReadyState? Ready => _connection?.Ready ?? _lastReady;

    public GatewayConnectionState State => (GatewayConnectionState)Volatile.Read(ref _state);

    /// <summary>The last sequence number received (what a resume inside this process sends).</summary>
    public long? LastSequence => _checkpoint.LastReceived;

    /// <summary>The highest sequence up to which every received event is handled (what gets stored).</summary>
    public long? HandledWatermark => _checkpoint.Watermark;

    /// <summary>Identifies left today as far as this client knows (null before GET /gateway/bot answered).</summary>
    public int? IdentifiesRemaining => _budget.Remaining;

    /// <summary>Round trip of the last acknowledged heartbeat on the current connection.</summary>
    public TimeSpan? Latency => _connection?.Latency;

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

        _options.Validate();
        var loaded = await LoadSessionAsync(cancellationToken).ConfigureAwait(false);
        var persister = new SessionPersister(_sessionStore, _time, _options.SessionSaveInterval, _logger, SessionSnapshot, loaded);
        _persister = persister;
        using var persisterCts = new CancellationTokenSource();
        var persisterTask = persister.RunAsync(persisterCts.Token);
        var settings = new GatewayConnectionSettings(_options, _time, _logger, _jitter, _checkpoint, sink, SetState, _budget.Count);
        try
        {
            await RunLoopAsync(settings, cancellationToken).ConfigureAwait(false);
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

    private async Task<GatewaySession?> LoadSessionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var loaded = await _sessionStore.LoadAsync(cancellationToken).ConfigureAwait(false);
            if (loaded is not null)
            {
                _session = loaded;
                _checkpoint.Restart(loaded.Sequence);
                _logger.LogInformation("Found a saved gateway session (sequence {Sequence}); resuming it.", loaded.Sequence);
            }

            return loaded;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Loading the saved gateway session failed; identifying a new session.");
            return null;
        }
    }

    private async Task RunLoopAsync(GatewayConnectionSettings settings, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (what, reachedActive) = await AttemptAsync(settings, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            failures = reachedActive ? 0 : failures + 1;
            var decision = GatewayReconnectPolicy.Decide(what, _session, failures, _jitter());
            switch (decision.Action)
            {
                case GatewayReconnectAction.Stop:
                    SetState(GatewayConnectionState.FatallyClosed);
                    var message = GatewayReconnectPolicy.DescribeFatal(what);
                    _logger.LogCritical("{Message} The gateway client stopped and will not reconnect.", message);
                    throw new GatewayFatalException(what, message);
                case GatewayReconnectAction.Identify:
                    ForgetSession();
                    break;
            }

            SetState(GatewayConnectionState.Disconnected);
            _logger.LogInformation(
                "Gateway connection ended ({Disconnect}, {Failures} failed attempt(s) in a row); {Action} in {Delay}.",
                what,
                failures,
                decision.Action == GatewayReconnectAction.Resume ? "resuming" : "identifying",
                decision.Delay);
            DiscordMetrics.GatewayReconnects.Add(1, new KeyValuePair<string, object?>(
                "action", decision.Action == GatewayReconnectAction.Resume ? "resume" : "identify"));
            if (decision.Delay > TimeSpan.Zero)
            {
                await Task.Delay(decision.Delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One connection attempt, from finding the URL to the socket's end.</summary>
    private async Task<(GatewayDisconnect What, bool ReachedActive)> AttemptAsync(GatewayConnectionSettings settings, CancellationToken cancellationToken)
    {
        SetState(GatewayConnectionState.Connecting);
        Uri trustedBase;
        try
        {
            trustedBase = await GetGatewayUrlAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DiscordRestException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
        {
            return (new GatewayDisconnect(GatewayDisconnectKind.Unauthorized), false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Getting the gateway URL failed: {Error}", ex.GetType().Name + ": " + ex.Message);
            return (new GatewayDisconnect(GatewayDisconnectKind.GatewayUrlFailed), false);
        }

        var resumeFrom = _session is { } session ? session with { Sequence = _checkpoint.LastReceived ?? session.Sequence } : null;
        var url = trustedBase;
        if (resumeFrom is not null)
        {
            if (GatewayUrlPolicy.MayReceiveToken(resumeFrom.ResumeGatewayUrl, trustedBase))
            {
                url = resumeFrom.ResumeGatewayUrl;
            }
            else
            {
                _logger.LogWarning("Not resuming on {Host}: the token goes only to the gateway host or discord.gg; resuming on {TrustedHost}.", resumeFrom.ResumeGatewayUrl.Host, trustedBase.Host);
            }
        }
        else
        {
            await WaitForIdentifyAsync(cancellationToken).ConfigureAwait(false);
        }

        var transport = _transportFactory.Create();
        await using (transport.ConfigureAwait(false))
        {
            var target = WithQuery(url);
            try
            {
                using var connectTimeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token);
                await transport.ConnectAsync(target, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("Connecting to the gateway at {Host} failed: {Error}", target.Host, ex.GetType().Name + ": " + ex.Message);
                _fetchedGatewayUrl = null; // Refetch the URL only when connecting fails.
                return (new GatewayDisconnect(GatewayDisconnectKind.ConnectFailed), false);
            }

            var connection = new GatewayConnection(settings, transport, resumeFrom, trustedBase);
            _connection = connection;
            try
            {
                var what = await connection.RunAsync(cancellationToken).ConfigureAwait(false);
                return (what, connection.ReachedActive);
            }
            finally
            {
                _session = connection.Session ?? _session;
                _lastReady = connection.Ready ?? _lastReady;
                _connection = null;
            }
        }
    }

    /// <summary>Identify is paced (IIdentifyGate) and counted (session_start_limit); a spent budget waits for its reset.</summary>
    private async Task WaitForIdentifyAsync(CancellationToken cancellationToken)
    {
        for (var wait = _budget.WaitBeforeIdentify(); wait > TimeSpan.Zero; wait = _budget.WaitBeforeIdentify())
        {
            _logger.LogError("No identifies left today; waiting {Wait} for the session start limit to reset before identifying.", wait);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            _fetchedGatewayUrl = null;
            try
            {
                await GetGatewayUrlAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning("Refreshing the identify budget failed: {Error}", ex.GetType().Name + ": " + ex.Message);
            }
        }

        await _identifyGate.WaitTurnAsync(_options.ShardId, _budget.MaxConcurrency, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The configured URL, or GET /gateway/bot's (cached; the answer also refreshes the identify budget).</summary>
    private async Task<Uri> GetGatewayUrlAsync(CancellationToken cancellationToken)
    {
        if (_options.GatewayUrl is { } configured)
        {
            return configured;
        }

        if (_fetchedGatewayUrl is { } cached)
        {
            return cached;
        }

        var answer = await _rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
        _budget.Update(answer.SessionStartLimit);
        var limit = answer.SessionStartLimit;
        if (limit.Total > 0 && limit.Remaining < Math.Max(10, limit.Total / 10))
        {
            _logger.LogWarning(
                "Only {Remaining} of {Total} identifies left today (reset in {Reset}); going over resets the bot token.",
                limit.Remaining,
                limit.Total,
                TimeSpan.FromMilliseconds(limit.ResetAfter));
        }

        _fetchedGatewayUrl = answer.Url;
        return answer.Url;
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

    private void SetState(GatewayConnectionState state) => Interlocked.Exchange(ref _state, (int)state);

    /// <summary>What a restarted process needs: the session with the handled watermark, or null while there is none.</summary>
    private GatewaySession? SessionSnapshot()
    {
        var session = _connection?.Session ?? _session;
        return session is null ? null : session with { Sequence = _checkpoint.Watermark ?? 0 };
    }

    private void ForgetSession()
    {
        _session = null;
        _checkpoint.Restart(null);
    }
}
