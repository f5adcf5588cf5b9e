using System.Globalization;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Testing;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.Tests.EndToEnd;

/// <summary>
/// The real worker host (gateway, REST, pipeline, SQLite, shipped model) against the scripted fake Discord server on
/// loopback. One guild with a watched text channel, an unwatched text channel and a watched forum.
/// </summary>
public sealed class BotHarness : IAsyncDisposable
{
    public const string Token = "test-token-9f8e7d6c5b4a.SECRET";
    public const ulong GuildId = 10_000_000_000_000_001;
    public const ulong WatchedChannel = 10_000_000_000_000_100;
    public const ulong UnwatchedChannel = 10_000_000_000_000_101;
    public const ulong WatchedForum = 10_000_000_000_000_200;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mfb-e2e-" + Guid.NewGuid().ToString("N"));
    private IHost? _host;
    private long _nextId = 20_000_000_000_000_000;

    private BotHarness(FakeDiscordServer server) => Server = server;

    public FakeDiscordServer Server { get; }

    public FakeLogCollector Logs { get; } = new();

    public string DatabasePath => Path.Combine(_folder, "bot.db");

    public static async Task<BotHarness> StartAsync()
    {
        var harness = new BotHarness(await FakeDiscordServer.StartAsync());
        Directory.CreateDirectory(harness._folder);
        return harness;
    }

    /// <summary>Starts a worker host (a "process") that shares this harness's database.</summary>
    public async Task StartBotAsync(params string[] extraArgs)
    {
        string[] args =
        [
            $"--Discord:Token={Token}",
            $"--Discord:ApiBaseUrl={Server.ApiBaseUrl}",
            $"--Discord:GatewayUrl={Server.GatewayUrl}",
            $"--Storage:ConnectionString=Data Source={DatabasePath}",
            "--Bot:Mode=live",
            "--Bot:Concurrency=1",
            $"--Bot:Channels:0={WatchedChannel}",
            $"--Bot:Channels:1={WatchedForum}",
            "--Notes:BaseUrl=https://notes.example.org/notes/",
            "--Web:ListenUrl=http://127.0.0.1:0/",
            .. extraArgs,
        ];
        var builder = BotHost.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(new FakeLoggerProvider(Logs));
        _host = builder.Build();
        await _host.StartAsync();
    }

    /// <summary>Stops the worker as SIGTERM does; <paramref name="shutdownTimeout"/> is the time it gets to drain its queue.</summary>
    public async Task StopBotAsync(TimeSpan? shutdownTimeout = null)
    {
        if (_host is null) return;
        await _host.StopAsync(shutdownTimeout ?? TimeSpan.FromSeconds(10));
        _host.Dispose();
        _host = null;
    }

    public T Service<T>() where T : notnull =>
        (T)(_host ?? throw new InvalidOperationException("bot not started")).Services.GetService(typeof(T))!;

    /// <summary>Accepts the bot's connection, identifies it, and announces the guild with its channels.</summary>
    public async Task<FakeGatewayConnection> ConnectAsync(int heartbeatIntervalMs = 41250)
    {
        // Like Discord, REST knows the channels too: a restarted process that resumes gets no GUILD_CREATE and looks them up.
        Server.Channels[WatchedChannel] = new DiscordChannel { Id = WatchedChannel, Type = ChannelType.GuildText, GuildId = GuildId };
        Server.Channels[UnwatchedChannel] = new DiscordChannel { Id = UnwatchedChannel, Type = ChannelType.GuildText, GuildId = GuildId };
        Server.Channels[WatchedForum] = new DiscordChannel { Id = WatchedForum, Type = ChannelType.GuildForum, GuildId = GuildId };
        var connection = await Server.AcceptConnectionAsync(TimeSpan.FromSeconds(20));
        await connection.HandshakeAsync(heartbeatIntervalMs, guildIds: [GuildId]);
        await connection.SendDispatchAsync("GUILD_CREATE", new
        {
            id = Id(GuildId),
            name = "Massage Therapists United",
            channels = new object[]
            {
                new { id = Id(WatchedChannel), type = 0, guild_id = Id(GuildId), name = "general" },
                new { id = Id(UnwatchedChannel), type = 0, guild_id = Id(GuildId), name = "off-topic" },
                new { id = Id(WatchedForum), type = 15, guild_id = Id(GuildId), name = "ask-the-community" },
            },
            threads = Array.Empty<object>(),
        });
        return connection;
    }

    public ulong NewId() => (ulong)Interlocked.Increment(ref _nextId);

    public static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    public static object Message(ulong id, ulong channelId, string content, ulong authorId = 30_000_000_000_000_001,
        bool bot = false, string? webhookId = null, int type = 0) => new
    {
        id = Id(id),
        channel_id = Id(channelId),
        guild_id = Id(GuildId),
        content,
        timestamp = "2026-11-30T12:00:00.000000+00:00",
        type,
        webhook_id = webhookId,
        author = new { id = Id(authorId), username = "member", bot },
        mentions = Array.Empty<object>(),
    };

    public IReadOnlyList<Discord.Testing.RecordedRequest> MessagePosts() =>
        Server.Requests.Where(r => r.Method == "POST" && r.Path.Contains("/channels/", StringComparison.Ordinal) && r.Path.EndsWith("/messages", StringComparison.Ordinal)).ToList();

    public Task<Discord.Testing.RecordedRequest> WaitForPostAsync(ulong channelId) =>
        Server.WaitForRequestAsync(r => r.Method == "POST" && r.Path.EndsWith($"/channels/{channelId}/messages", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await StopBotAsync();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
