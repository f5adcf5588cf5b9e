using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassageForumBot.Discord.Models;

namespace MassageForumBot.Discord.Testing;

/// <summary>A guild of the fake network with one text channel.</summary>
public sealed record FakeGuild(ulong Id, ulong ChannelId, string Name);

/// <summary>An Identify the fake received: which shard asked, when, on which connection.</summary>
public sealed record IdentifyRecord(int ShardId, int ShardCount, DateTimeOffset ReceivedAt, int ConnectionIndex, JsonElement Payload);

/// <summary>
/// Discord's side of a sharded bot on top of <see cref="FakeDiscordServer"/>: accepts the shards' connections in any
/// order, reads the shard array from each Identify, and routes each guild's events to the connection of the shard that
/// owns it ((guild_id &gt;&gt; 22) % shard count). Each shard has a session with its own sequence numbers and a log of
/// what was dispatched, so a shard that resumes after a crash gets every dispatch after its stored sequence again,
/// as Discord replays them; a dispatch to a shard whose process is gone is logged and only replayed.
/// </summary>
public sealed class FakeShardCluster
{
    private readonly FakeDiscordServer _server;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, ShardSession> _sessions = [];
    private readonly Dictionary<string, ShardSession> _sessionsById = [];
    private readonly List<IdentifyRecord> _identifies = [];
    private int _sessionCounter;

    /// <summary>Every fake guild's owner: the one member who may change its settings.</summary>
    public const ulong GuildOwnerId = 30_000_000_000_000_010;

    /// <summary>Discord's default @everyone permissions.</summary>
    private const string EveryonePermissions = "104324673";

    public FakeShardCluster(FakeDiscordServer server, int shardCount, IEnumerable<FakeGuild> guilds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        _server = server;
        ShardCount = shardCount;
        Guilds = [.. guilds];
        server.RecommendedShards = shardCount;
        foreach (var guild in Guilds)
        {
            // A restarted shard that resumes gets no GUILD_CREATE again, so it can look its channels up over REST.
            server.Channels[guild.ChannelId] = new DiscordChannel { Id = guild.ChannelId, GuildId = guild.Id, Type = ChannelType.GuildText, Name = "general" };
            server.Guilds[guild.Id] = new DiscordGuild
            {
                Id = guild.Id, Name = guild.Name, OwnerId = GuildOwnerId,
                Roles = [new DiscordRole { Id = guild.Id, Name = "@everyone", Permissions = EveryonePermissions }],
            };
        }
    }

    public int ShardCount { get; }

    public IReadOnlyList<FakeGuild> Guilds { get; }

    /// <summary>Every Identify received, in order of receipt.</summary>
    public IReadOnlyList<IdentifyRecord> Identifies
    {
        get
        {
            lock (_gate)
            {
                return [.. _identifies];
            }
        }
    }

    /// <summary>Discord's routing: the shard that receives a guild's events.</summary>
    public static int ShardFor(ulong guildId, int shardCount) => (int)((guildId >> 22) % (ulong)shardCount);

    public int ShardFor(ulong guildId) => ShardFor(guildId, ShardCount);

    /// <summary>The guilds whose events go to <paramref name="shardId"/>.</summary>
    public IReadOnlyList<FakeGuild> GuildsOf(int shardId) => [.. Guilds.Where(g => ShardFor(g.Id) == shardId)];

    /// <summary>The connection a shard is on now (its latest Identify or Resume).</summary>
    public FakeGatewayConnection? ConnectionOf(int shardId)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(shardId, out var session) ? session.Connection : null;
        }
    }

    /// <summary>
    /// Accepts the next connection and plays Discord's part: Hello; then for an Identify, a new session, READY with the
    /// shard's guilds and a GUILD_CREATE for each; for a Resume of a known session, the missed dispatches and RESUMED.
    /// Returns the shard id. An Identify with another shard count is closed with 4010 (Invalid shard) and throws.
    /// </summary>
    public async Task<int> AcceptAsync(TimeSpan timeout)
    {
        var connection = await _server.AcceptConnectionAsync(timeout).ConfigureAwait(false);
        await connection.SendHelloAsync(41250).ConfigureAwait(false);
        while (true)
        {
            var payload = await connection.ReceiveAsync(timeout).ConfigureAwait(false);
            var op = payload.GetProperty("op").GetInt32();
            if (op == 2)
            {
                return await IdentifiedAsync(connection, payload).ConfigureAwait(false);
            }

            if (op == 6)
            {
                return await ResumedAsync(connection, payload).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Sends a dispatch of <paramref name="guildId"/> to the shard that owns it, with that session's next sequence.
    /// Returns the shard id. The owning shard must have identified once.
    /// </summary>
    public async Task<int> DispatchAsync(ulong guildId, string eventType, object data)
    {
        var shardId = ShardFor(guildId);
        var node = JsonSerializer.SerializeToNode(data, data.GetType(), DiscordJson.Options)!;
        if (eventType == "MESSAGE_CREATE" && node is JsonObject message)
        {
            _server.RememberMessage(message);
        }

        FakeGatewayConnection? connection;
        int sequence;
        lock (_gate)
        {
            var session = _sessions.TryGetValue(shardId, out var s) ? s : throw new InvalidOperationException($"shard {shardId} never identified");
            sequence = ++session.Sequence;
            session.Log.Add((sequence, eventType, node));
            connection = session.Connection;
        }

        await SendQuietlyAsync(connection, eventType, node, sequence).ConfigureAwait(false);
        return shardId;
    }

    private async Task<int> IdentifiedAsync(FakeGatewayConnection connection, JsonElement identify)
    {
        var d = identify.GetProperty("d");
        var (shardId, shardCount) = d.TryGetProperty("shard", out var shard) ? (shard[0].GetInt32(), shard[1].GetInt32()) : (0, 1);
        lock (_gate)
        {
            _identifies.Add(new IdentifyRecord(shardId, shardCount, DateTimeOffset.UtcNow, connection.Index, identify));
        }

        if (shardCount != ShardCount || shardId < 0 || shardId >= shardCount)
        {
            await connection.CloseAsync(4010, "Invalid shard").ConfigureAwait(false);
            throw new InvalidOperationException($"shard [{shardId}, {shardCount}] does not fit a network of {ShardCount} shards");
        }

        var session = new ShardSession(shardId, $"shard-{shardId}-session-{Interlocked.Increment(ref _sessionCounter)}") { Connection = connection };
        lock (_gate)
        {
            _sessions[shardId] = session;
            _sessionsById[session.Id] = session;
        }

        var guilds = GuildsOf(shardId);
        await SendLoggedAsync(session, "READY", JsonSerializer.SerializeToNode(new
        {
            v = 10,
            user = new { id = Id(_server.BotUserId), username = "massagebot", global_name = (string?)null, bot = true, discriminator = "0" },
            guilds = guilds.Select(g => new { id = Id(g.Id), unavailable = true }).ToArray(),
            session_id = session.Id,
            resume_gateway_url = _server.ResumeGatewayUrl.ToString(),
            session_type = "normal",
            shard = new[] { shardId, shardCount },
            application = new { id = Id(_server.ApplicationId), flags = 8953856 },
        })!).ConfigureAwait(false);
        foreach (var guild in guilds)
        {
            await SendLoggedAsync(session, "GUILD_CREATE", JsonSerializer.SerializeToNode(new
            {
                id = Id(guild.Id),
                name = guild.Name,
                owner_id = Id(GuildOwnerId),
                roles = new[] { new { id = Id(guild.Id), name = "@everyone", permissions = EveryonePermissions, position = 0 } },
                channels = new[] { new { id = Id(guild.ChannelId), type = 0, guild_id = Id(guild.Id), name = "general" } },
                threads = Array.Empty<object>(),
            })!).ConfigureAwait(false);
        }

        return shardId;
    }

    private async Task<int> ResumedAsync(FakeGatewayConnection connection, JsonElement resume)
    {
        var d = resume.GetProperty("d");
        var sessionId = d.GetProperty("session_id").GetString() ?? "";
        var after = d.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number ? seq.GetInt32() : 0;
        ShardSession session;
        List<(int Sequence, string Type, JsonNode Data)> missed;
        lock (_gate)
        {
            if (!_sessionsById.TryGetValue(sessionId, out session!) || _sessions[session.ShardId] != session)
            {
                throw new InvalidOperationException($"resume of an unknown or replaced session '{sessionId}'");
            }

            session.Connection = connection;
            missed = [.. session.Log.Where(e => e.Sequence > after)];
        }

        foreach (var (sequence, type, data) in missed)
        {
            await SendQuietlyAsync(connection, type, data, sequence).ConfigureAwait(false);
        }

        await connection.SendResumedAsync().ConfigureAwait(false);
        return session.ShardId;
    }

    private async Task SendLoggedAsync(ShardSession session, string eventType, JsonNode data)
    {
        int sequence;
        lock (_gate)
        {
            sequence = ++session.Sequence;
            session.Log.Add((sequence, eventType, data));
        }

        await SendQuietlyAsync(session.Connection, eventType, data, sequence).ConfigureAwait(false);
    }

    /// <summary>A send to a connection whose process is gone is lost on the wire, as with Discord; the log keeps it for a resume.</summary>
    private static async Task SendQuietlyAsync(FakeGatewayConnection? connection, string eventType, JsonNode data, int sequence)
    {
        if (connection is null || !connection.IsOpen)
        {
            return;
        }

        try
        {
            await connection.SendPayloadAsync(0, data, sequence, eventType).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The process died between the check and the send.
        }
    }

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed class ShardSession(int shardId, string id)
    {
        public int ShardId { get; } = shardId;

        public string Id { get; } = id;

        public int Sequence { get; set; }

        public List<(int Sequence, string Type, JsonNode Data)> Log { get; } = [];

        public FakeGatewayConnection? Connection { get; set; }
    }
}
