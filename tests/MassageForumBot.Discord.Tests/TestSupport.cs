using MassageForumBot.Discord.Gateway;
using MassageForumBot.Discord.Rest;
using MassageForumBot.Discord.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Discord.Tests;

internal static class Secrets
{
    /// <summary>Looks like a bot token; must never show up in logs or exception text.</summary>
    public const string Token = "MTE4MDAwMDAwMDAwMDAwMDAwMQ.GzXyAb.s3cr3t-t0k3n-VALUE_abcdefghijklmnop";
}

internal static class Wait
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    /// <summary>Polls a condition in real time (for state the client exposes), failing after the guard.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (!condition())
        {
            try
            {
                await Task.Delay(5, guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }
        }
    }
}

internal sealed class FakeLoggerFactory(FakeLogCollector collector) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new FakeLogger(collector, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}

/// <summary>A real <see cref="DiscordGatewayClient"/> against <see cref="FakeDiscordServer"/> on a fake clock.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();

    private GatewayHarness(
        FakeDiscordServer server, FakeTimeProvider time, DiscordClientOptions options, IGatewaySessionStore store, FakeLogCollector logs, double jitter, IGatewayTransportFactory transports)
    {
        Server = server;
        Time = time;
        Options = options;
        Store = store;
        Logs = logs;
        var loggers = new FakeLoggerFactory(logs);
        Rest = DiscordRestClient.Create(options, time, loggers);
        Client = new DiscordGatewayClient(
            Microsoft.Extensions.Options.Options.Create(options),
            transports,
            Rest,
            store,
            time,
            new FakeLogger<DiscordGatewayClient>(logs),
            new OpenIdentifyGate(),
            () => jitter);
        Sink = new RecordingDispatchSink(() => Client, markHandled: true);
    }

    public RecordingDispatchSink Sink { get; }

    public System.Threading.Channels.ChannelReader<GatewayDispatch> Dispatches => Sink.Received;

    public FakeDiscordServer Server { get; }

    public FakeTimeProvider Time { get; }

    public DiscordClientOptions Options { get; }

    public IGatewaySessionStore Store { get; }

    public FakeLogCollector Logs { get; }

    public DiscordRestClient Rest { get; }

    public DiscordGatewayClient Client { get; }

    public Task RunTask { get; private set; } = Task.CompletedTask;

    public static async Task<GatewayHarness> StartAsync(
        Action<DiscordClientOptions>? configure = null,
        IGatewaySessionStore? store = null,
        double jitter = 0.5,
        IGatewayTransportFactory? transports = null,
        FakeDiscordServer? server = null,
        FakeTimeProvider? time = null,
        FakeLogCollector? logs = null)
    {
        server ??= await FakeDiscordServer.StartAsync();
        var options = new DiscordClientOptions
        {
            Token = Secrets.Token,
            ApiBaseUrl = server.ApiBaseUrl,
            GatewayUrl = server.GatewayUrl,
        };
        configure?.Invoke(options);
        var harness = new GatewayHarness(
            server,
            time ?? new FakeTimeProvider(new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero)),
            options,
            store ?? new InMemoryGatewaySessionStore(),
            logs ?? new FakeLogCollector(),
            jitter,
            transports ?? new ClientWebSocketTransportFactory());
        harness.RunTask = harness.Client.RunAsync(harness.Sink, harness._cts.Token);
        return harness;
    }

    public Task<FakeGatewayConnection> AcceptAsync() => Server.AcceptConnectionAsync(Wait.Guard);

    /// <summary>
    /// Accepts the next connection while advancing the fake clock (for reconnects after a backoff delay). The clock only
    /// moves while the client is Disconnected, i.e. waiting out its reconnect delay: until it has noticed the old
    /// connection ended, and while a connect is in flight over the real socket, stepping the clock would only add fake
    /// time the client never waited (overshooting measured delays) or run out the connect timeout, which is on the fake
    /// clock, before the real handshake finished.
    /// </summary>
    public Task<FakeGatewayConnection> AcceptWithClockAsync(TimeSpan? step = null) =>
        FakeClock.AdvanceUntilAsync(
            Time,
            Server.AcceptConnectionAsync(Wait.Guard),
            step ?? TimeSpan.FromMilliseconds(250),
            canAdvance: () => Client.State == GatewayConnectionState.Disconnected);

    /// <summary>Accepts, handshakes and waits until the client is Active.</summary>
    public async Task<FakeGatewayConnection> ConnectAsync(int heartbeatIntervalMs = 41250, bool autoAck = true)
    {
        var connection = await AcceptAsync();
        connection.AutoAckHeartbeats = autoAck;
        await connection.HandshakeAsync(heartbeatIntervalMs);
        await Wait.UntilAsync(() => Client.State == GatewayConnectionState.Active, "the client is Active");
        return connection;
    }

    /// <summary>Stops the client the way a host would and returns what RunAsync ended with.</summary>
    public async Task<Exception?> StopAsync()
    {
        await _cts.CancelAsync();
        try
        {
            await RunTask.WaitAsync(Wait.Guard);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Server.DisposeAsync();
        _cts.Dispose();
    }
}

/// <summary>A REST client with its own limiter against the fake server on a fake clock.</summary>
internal sealed class RestHarness : IAsyncDisposable
{
    private RestHarness(FakeDiscordServer server)
    {
        Server = server;
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero));
        Logs = new FakeLogCollector();
        var loggers = new FakeLoggerFactory(Logs);
        Limiter = new RestRateLimiter(Time, new FakeLogger<RestRateLimiter>(Logs));
        Options = new DiscordClientOptions { Token = Secrets.Token, ApiBaseUrl = server.ApiBaseUrl };
        Client = DiscordRestClient.Create(Options, Time, loggers, Limiter);
    }

    public FakeDiscordServer Server { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public RestRateLimiter Limiter { get; }

    public DiscordClientOptions Options { get; }

    public DiscordRestClient Client { get; }

    public static async Task<RestHarness> StartAsync() => new(await FakeDiscordServer.StartAsync());

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>Fails the first <c>failures</c> connects (like DNS errors / refused connections), then uses real sockets.</summary>
internal sealed class FlakyTransportFactory(int failures) : IGatewayTransportFactory
{
    private int _remaining = failures;

    public int Attempts { get; private set; }

    public IGatewayTransport Create()
    {
        Attempts++;
        return Interlocked.Decrement(ref _remaining) >= 0 ? new FailingTransport() : new ClientWebSocketTransport();
    }

    private sealed class FailingTransport : IGatewayTransport
    {
        public Task ConnectAsync(Uri url, CancellationToken cancellationToken) =>
            Task.FromException(new System.Net.WebSockets.WebSocketException("Name or service not known"));

        public Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Abort()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Lets every Identify through at once (these socket tests are not about pacing).</summary>
internal sealed class OpenIdentifyGate : IIdentifyGate
{
    public Task WaitTurnAsync(int shardId, int maxConcurrency, CancellationToken cancel) => Task.CompletedTask;
}
