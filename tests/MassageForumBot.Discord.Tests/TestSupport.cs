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

/// <summary>A REST client with its own limiter against the fake server on a fake clock.</summary>
internal sealed class RestHarness : IAsyncDisposable
{
    private RestHarness(FakeDiscordServer server, bool overLoopback)
    {
        Server = server;
        Time = new WatchedClock();
        Logs = new FakeLogCollector();
        var loggers = new FakeLoggerFactory(Logs);
        Limiter = new RestRateLimiter(Time, new FakeLogger<RestRateLimiter>(Logs));
        Options = new DiscordClientOptions { Token = Secrets.Token, ApiBaseUrl = server.ApiBaseUrl };
        Client = DiscordRestClient.Create(Options, Time, loggers, Limiter, overLoopback ? null : server.CreateRestHandler());
    }

    public FakeDiscordServer Server { get; }

    public WatchedClock Time { get; }

    public FakeLogCollector Logs { get; }

    public RestRateLimiter Limiter { get; }

    public DiscordClientOptions Options { get; }

    public DiscordRestClient Client { get; }

    /// <summary>The REST client against the fake's handlers in memory (no sockets).</summary>
    public static Task<RestHarness> StartAsync() => Task.FromResult(new RestHarness(FakeDiscordServer.CreateInMemory(), overLoopback: false));

    /// <summary>The REST client over real HTTP to the fake on 127.0.0.1 (the one loopback smoke test).</summary>
    public static async Task<RestHarness> StartLoopbackAsync() => new(await FakeDiscordServer.StartAsync(), overLoopback: true);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

