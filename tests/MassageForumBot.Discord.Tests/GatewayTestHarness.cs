using System.Net;
using MassageForumBot.Discord.Gateway;
using MassageForumBot.Discord.Rest;
using MassageForumBot.Discord.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace MassageForumBot.Discord.Tests;

/// <summary>
/// A real <see cref="DiscordGatewayClient"/> on a <see cref="ScriptedGateway"/>, a <see cref="ScriptedHttpHandler"/> and
/// a <see cref="WatchedClock"/>: no sockets, no real waiting. Jitter is fixed at 0.5, so every delay is known.
/// </summary>
internal sealed class GatewayTestHarness : IAsyncDisposable
{
    public const double Jitter = 0.5;
    public static readonly Uri ConfiguredGateway = new("wss://gateway.test.example/");

    private readonly CancellationTokenSource _cts = new();

    public GatewayTestHarness(Action<DiscordClientOptions>? configure = null, IGatewaySessionStore? store = null, IIdentifyGate? gate = null, WatchedClock? clock = null, bool markOnDelivery = true)
    {
        Options = new DiscordClientOptions { Token = Secrets.Token, ApiBaseUrl = new Uri("https://discord.test.example/api/v10"), GatewayUrl = ConfiguredGateway, RestMaxAttempts = 1 };
        // An odd interval, so the saver's timer is never mistaken for a protocol delay.
        Options.SessionSaveInterval = TimeSpan.FromMilliseconds(1234);
        configure?.Invoke(Options);
        Clock = clock ?? new WatchedClock();
        Store = store ?? new InMemoryGatewaySessionStore();
        Http.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.OK, ScriptedHttpHandler.GatewayBotJson("wss://gateway.discord.gg"));
        var loggers = new FakeLoggerFactory(Logs);
        var rest = DiscordRestClient.Create(Options, Clock, loggers, innerHandler: Http);
        Client = new DiscordGatewayClient(
            Microsoft.Extensions.Options.Options.Create(Options),
            Gateway,
            rest,
            Store,
            Clock,
            new FakeLogger<DiscordGatewayClient>(Logs),
            gate ?? new InProcessIdentifyGate(Clock),
            () => Jitter);
        Sink = new RecordingDispatchSink(() => Client, markHandled: markOnDelivery);
    }

    public DiscordClientOptions Options { get; }

    public WatchedClock Clock { get; }

    public IGatewaySessionStore Store { get; }

    public ScriptedGateway Gateway { get; } = new();

    public ScriptedHttpHandler Http { get; } = new();

    public FakeLogCollector Logs { get; } = new();

    public DiscordGatewayClient Client { get; }

    public RecordingDispatchSink Sink { get; }

    public Task RunTask { get; private set; } = Task.CompletedTask;

    /// <summary>The READY delivered by the last <see cref="ConnectAsync"/>.</summary>
    public GatewayDispatch? ReadyDispatch { get; private set; }

    public GatewayTestHarness Start(IGatewayDispatchSink? sink = null)
    {
        RunTask = Client.RunAsync(sink ?? Sink, _cts.Token);
        return this;
    }

    /// <summary>Takes the next connection, handshakes a new session and waits for READY to be delivered.</summary>
    public async Task<ScriptedGatewayConnection> ConnectAsync(string sessionId = "session-1", string? resumeUrl = null, double heartbeatIntervalMs = 41250)
    {
        var connection = await Gateway.NextConnectionAsync();
        await connection.HandshakeAsync(sessionId, resumeUrl, heartbeatIntervalMs);
        ReadyDispatch = await NextDispatchAsync("READY");
        return connection;
    }

    /// <summary>The next delivered dispatch; fails if it is not of <paramref name="eventType"/>.</summary>
    public async Task<GatewayDispatch> NextDispatchAsync(string? eventType = null)
    {
        using var guard = new CancellationTokenSource(ScriptedGateway.Guard);
        var dispatch = await Sink.Received.ReadAsync(guard.Token);
        if (eventType is not null)
        {
            Assert.Equal(eventType, dispatch.EventType);
        }

        return dispatch;
    }

    /// <summary>What RunAsync ended with (null when it has not ended within the guard).</summary>
    public async Task<Exception?> EndedWithAsync()
    {
        try
        {
            await RunTask.WaitAsync(ScriptedGateway.Guard);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    public async Task<Exception?> StopAsync()
    {
        await _cts.CancelAsync();
        return await EndedWithAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _cts.Dispose();
    }
}
