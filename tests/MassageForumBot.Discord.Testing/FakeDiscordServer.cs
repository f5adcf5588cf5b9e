using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MassageForumBot.Discord.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.Discord.Testing;

/// <summary>
/// A scripted fake of Discord for tests: Kestrel on 127.0.0.1 with a random port, real websockets for the gateway and
/// real HTTP for REST (API base "/api/v10"). Every websocket the client opens is handed out by
/// <see cref="AcceptConnectionAsync"/>; every REST request is recorded in <see cref="Requests"/>. Default REST handlers
/// behave like Discord for the routes the bot uses; <see cref="EnqueueResponse"/> scripts failures (429, 5xx, 401...).
/// </summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    public const string ApiPrefix = "/api/v10";

    private readonly WebApplication? _app;
    private readonly Channel<FakeGatewayConnection> _pendingConnections = Channel.CreateUnbounded<FakeGatewayConnection>();
    private readonly List<FakeGatewayConnection> _connections = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<ScriptedResponse> _scripted = [];
    private readonly List<JsonObject> _createdMessages = [];
    private readonly Dictionary<(ulong Channel, string Nonce), JsonObject> _messagesByNonce = [];
    private readonly HashSet<ulong> _answeredInteractions = [];
    private readonly Dictionary<ulong, JsonObject> _knownMessages = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _shutdown = new();
    private TaskCompletionSource _requestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sequence;
    private long _snowflakeCounter;

    private FakeDiscordServer(WebApplication? app)
    {
        _app = app;
    }

    /// <summary>http://127.0.0.1:port</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>http://127.0.0.1:port/api/v10 (use as DiscordClientOptions.ApiBaseUrl).</summary>
    public Uri ApiBaseUrl { get; private set; } = null!;

    /// <summary>ws://127.0.0.1:port/gateway (what GET /gateway/bot answers).</summary>
    public Uri GatewayUrl { get; private set; } = null!;

    /// <summary>ws://127.0.0.1:port/resume: a distinct URL to hand out as resume_gateway_url.</summary>
    public Uri ResumeGatewayUrl { get; private set; } = null!;

    /// <summary>Default for <see cref="FakeGatewayConnection.AutoAckHeartbeats"/> of new connections.</summary>
    public bool AutoAckHeartbeats { get; set; } = true;

    /// <summary>The bot user the fake uses as author of created messages.</summary>
    public ulong BotUserId { get; set; } = 900000000000000001;

    public ulong ApplicationId { get; set; } = 900000000000000002;

    /// <summary>session_start_limit answered by GET /gateway/bot.</summary>
    public SessionStartLimit SessionStartLimit { get; set; } = new() { Total = 1000, Remaining = 1000, ResetAfter = 86_400_000, MaxConcurrency = 1 };

    /// <summary>The "shards" GET /gateway/bot recommends (what Discord:ShardCount=auto takes).</summary>
    public int RecommendedShards { get; set; } = 1;

    /// <summary>Channels answered by GET /channels/{id}; other ids get 404 with code 10003.</summary>
    public Dictionary<ulong, DiscordChannel> Channels { get; } = [];

    /// <summary>Guilds GET /guilds/{id} answers with (owner and roles); others are 404 Unknown Guild.</summary>
    public Dictionary<ulong, DiscordGuild> Guilds { get; } = [];

    /// <summary>Members GET /guilds/{g}/members/{u} answers with; others are 404 Unknown Member.</summary>
    public Dictionary<(ulong GuildId, ulong UserId), DiscordGuildMember> Members { get; } = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Distinct messages created through POST /channels/{id}/messages (a deduplicated nonce creates none).</summary>
    public IReadOnlyList<DiscordMessage> CreatedMessages
    {
        get
        {
            lock (_gate)
            {
                return [.. _createdMessages.Select(m => m.Deserialize<DiscordMessage>(DiscordJson.Options)!)];
            }
        }
    }

    public IReadOnlyList<FakeGatewayConnection> Connections
    {
        get
        {
            lock (_gate)
            {
                return [.. _connections];
            }
        }
    }

    public static async Task<FakeDiscordServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeDiscordServer(app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server.BaseUrl = new Uri($"http://127.0.0.1:{port}");
        server.ApiBaseUrl = new Uri($"http://127.0.0.1:{port}{ApiPrefix}");
        server.GatewayUrl = new Uri($"ws://127.0.0.1:{port}/gateway");
        server.ResumeGatewayUrl = new Uri($"ws://127.0.0.1:{port}/resume");
        return server;
    }

    /// <summary>
    /// The same fake without Kestrel: REST only, through <see cref="CreateRestHandler"/> (no sockets). For protocol
    /// tests; the gateway side of an in-memory server has no websockets.
    /// </summary>
    public static FakeDiscordServer CreateInMemory()
    {
        var server = new FakeDiscordServer(null);
        server.BaseUrl = new Uri("http://discord.fake.test");
        server.ApiBaseUrl = new Uri("http://discord.fake.test" + ApiPrefix);
        server.GatewayUrl = new Uri("ws://discord.fake.test/gateway");
        server.ResumeGatewayUrl = new Uri("ws://discord.fake.test/resume");
        return server;
    }

    /// <summary>An HTTP handler that runs each request through this fake's REST handlers in memory.</summary>
    public HttpMessageHandler CreateRestHandler() => new InMemoryRestHandler(this);

    /// <summary>The next websocket the client opened (in order), or <see cref="TimeoutException"/>.</summary>
    public async Task<FakeGatewayConnection> AcceptConnectionAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _pendingConnections.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The client opened no gateway connection within {timeout}.");
        }
    }

    /// <summary>True when a connection is waiting to be accepted.</summary>
    public bool HasPendingConnection => _pendingConnections.Reader.Count > 0;

    /// <summary>
    /// Answers the next request with <paramref name="method"/> whose path (relative to /api/v10) starts with
    /// <paramref name="pathPrefix"/>. A 2xx with a null body uses the default handler's body plus these headers.
    /// With <paramref name="processRequest"/> the default handler runs first (e.g. the message IS created) and the client
    /// still gets the scripted status: a lost response.
    /// </summary>
    public void EnqueueResponse(
        string method,
        string pathPrefix,
        int status,
        object? body = null,
        IReadOnlyDictionary<string, string>? headers = null,
        bool processRequest = false)
    {
        var text = body switch
        {
            null => null,
            string s => s,
            _ => JsonSerializer.Serialize(body, body.GetType(), DiscordJson.Options),
        };
        lock (_gate)
        {
            _scripted.Add(new ScriptedResponse(method.ToUpperInvariant(), StripPrefix(pathPrefix), status, text, headers ?? new Dictionary<string, string>(), processRequest));
        }
    }

    /// <summary>Scripts a 429 with Discord's body and headers.</summary>
    public void EnqueueRateLimit(string method, string pathPrefix, double retryAfterSeconds, bool global = false, string bucket = "fakebucket")
    {
        var headers = new Dictionary<string, string>
        {
            ["Retry-After"] = Math.Ceiling(retryAfterSeconds).ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Scope"] = global ? "global" : "user",
        };
        if (global)
        {
            headers["X-RateLimit-Global"] = "true";
        }
        else
        {
            headers["X-RateLimit-Bucket"] = bucket;
            headers["X-RateLimit-Limit"] = "5";
            headers["X-RateLimit-Remaining"] = "0";
            headers["X-RateLimit-Reset-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        EnqueueResponse(method, pathPrefix, 429, new { message = "You are being rate limited.", retry_after = retryAfterSeconds, global }, headers);
    }

    /// <summary>Waits for a recorded request matching <paramref name="predicate"/> (including ones already recorded).</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> predicate, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                var found = _requests.FirstOrDefault(predicate);
                if (found is not null)
                {
                    return found;
                }

                arrived = _requestArrived.Task;
            }

            try
            {
                await arrived.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching REST request within {timeout}.");
            }
        }
    }

    /// <summary>
    /// Makes a message answerable by GET /channels/{channel}/messages/{id}. Messages the bot created, and MESSAGE_CREATE
    /// dispatches sent through a <see cref="FakeGatewayConnection"/>, are remembered automatically.
    /// </summary>
    public void AddMessage(DiscordMessage message) =>
        RememberMessage(JsonSerializer.SerializeToNode(message, DiscordJson.Options)!.AsObject());

    internal void RememberMessage(JsonObject message)
    {
        if (message["id"] is { } idNode && TryId(idNode.ToString(), out var id))
        {
            lock (_gate)
            {
                _knownMessages[id] = message;
            }
        }
    }

    internal void ForgetMessage(ulong id)
    {
        lock (_gate)
        {
            _knownMessages.Remove(id);
        }
    }

    /// <summary>Forgets the recorded requests (created messages and scripted responses stay).</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>A fresh snowflake based on the current time.</summary>
    public ulong NextSnowflake() => FakeSnowflake.FromTimestamp(DateTimeOffset.UtcNow, (ulong)Interlocked.Increment(ref _snowflakeCounter));

    internal int NextSequence() => Interlocked.Increment(ref _sequence);

    internal void ResetSequence() => Interlocked.Exchange(ref _sequence, 0);

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        foreach (var connection in Connections)
        {
            connection.Abort();
        }

        if (_app is null)
        {
            _shutdown.Dispose();
            return;
        }

        try
        {
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _shutdown.Dispose();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            FakeGatewayConnection connection;
            lock (_gate)
            {
                connection = new FakeGatewayConnection(this, socket, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", _connections.Count);
                _connections.Add(connection);
            }

            var run = connection.RunAsync(_shutdown.Token);
            _pendingConnections.Writer.TryWrite(connection);
            try
            {
                await run.ConfigureAwait(false);
            }
            finally
            {
                // Off any Abort() call stack (its socket callbacks may complete `run` inline), then mark the request
                // ended, which waits for an Abort() in progress: returning lets Kestrel reset the HttpContext.
                await Task.Yield();
                connection.EndRequest();
            }

            return;
        }

        await HandleRestAsync(context).ConfigureAwait(false);
    }

    private async Task HandleRestAsync(HttpContext context)
    {
        var method = context.Request.Method.ToUpperInvariant();
        var path = StripPrefix(context.Request.Path.Value ?? "/");
        string raw;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            raw = await reader.ReadToEndAsync().ConfigureAwait(false);
        }

        JsonElement? body = null;
        if (raw.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(raw);
                body = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        ScriptedResponse? scripted;
        lock (_gate)
        {
            scripted = _scripted.FirstOrDefault(s => s.Method == method && path.StartsWith(s.PathPrefix, StringComparison.Ordinal));
            if (scripted is not null)
            {
                _scripted.Remove(scripted);
            }
        }

        int status;
        string? responseBody;
        IReadOnlyDictionary<string, string> responseHeaders = new Dictionary<string, string>();
        if (scripted is null)
        {
            (status, responseBody) = HandleDefault(method, path, body);
        }
        else
        {
            responseHeaders = scripted.Headers;
            if (scripted.ProcessRequest || (scripted.Status is >= 200 and < 300 && scripted.Body is null))
            {
                var (defaultStatus, defaultBody) = HandleDefault(method, path, body);
                (status, responseBody) = scripted.ProcessRequest ? (scripted.Status, scripted.Body) : (defaultStatus, defaultBody);
            }
            else
            {
                (status, responseBody) = (scripted.Status, scripted.Body);
            }
        }

        var recorded = new RecordedRequest(method, path, context.Request.QueryString.Value ?? "", headers, body, raw, status);
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _requests.Add(recorded);
            arrived = _requestArrived;
            _requestArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();

        context.Response.StatusCode = status;
        foreach (var (name, value) in responseHeaders)
        {
            context.Response.Headers[name] = value;
        }

        if (responseBody is not null && status != 204)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(responseBody).ConfigureAwait(false);
        }
    }

    private (int Status, string? Body) HandleDefault(string method, string path, JsonElement? body)
    {
        var s = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (method)
        {
            case "GET" when path == "/gateway":
                return (200, Json(new { url = GatewayUrl.ToString() }));
            case "GET" when path == "/gateway/bot":
                return (200, Json(new { url = GatewayUrl.ToString(), shards = RecommendedShards, session_start_limit = SessionStartLimit }));
            case "GET" when s.Length == 2 && s[0] == "channels" && TryId(s[1], out var channelId):
                lock (_gate)
                {
                    return Channels.TryGetValue(channelId, out var channel)
                        ? (200, Json(channel))
                        : (404, Json(new { message = "Unknown Channel", code = 10003 }));
                }

            case "GET" when s.Length == 2 && s[0] == "guilds" && TryId(s[1], out var guildId):
                lock (_gate)
                {
                    return Guilds.TryGetValue(guildId, out var guild)
                        ? (200, Json(guild))
                        : (404, Json(new { message = "Unknown Guild", code = 10004 }));
                }

            case "GET" when s.Length == 4 && s[0] == "guilds" && s[2] == "members" && TryId(s[1], out var guildId) && TryId(s[3], out var userId):
                lock (_gate)
                {
                    return Members.TryGetValue((guildId, userId), out var member)
                        ? (200, Json(member))
                        : (404, Json(new { message = "Unknown Member", code = 10007 }));
                }

            case "POST" when s.Length == 3 && s[0] == "channels" && s[2] == "messages" && TryId(s[1], out var channelId):
                return (200, CreateMessage(channelId, body).ToJsonString());
            case "PATCH" when s.Length == 4 && s[0] == "channels" && s[2] == "messages" && TryId(s[1], out var channelId) && TryId(s[3], out var messageId):
                return (200, EditMessage(channelId, messageId, body).ToJsonString());
            case "GET" when s.Length == 4 && s[0] == "channels" && s[2] == "messages" && TryId(s[3], out var messageId):
                lock (_gate)
                {
                    return _knownMessages.TryGetValue(messageId, out var known)
                        ? (200, known.ToJsonString())
                        : (404, Json(new { message = "Unknown Message", code = 10008 }));
                }

            case "DELETE" when s.Length == 4 && s[0] == "channels" && s[2] == "messages":
                if (TryId(s[3], out var deletedId))
                {
                    ForgetMessage(deletedId);
                }

                return (204, null);
            case "PUT" when s.Length >= 6 && s[0] == "channels" && s[4] == "reactions":
                return (204, null);
            case "POST" when s.Length == 4 && s[0] == "interactions" && s[3] == "callback" && TryId(s[1], out var interactionId):
                lock (_gate)
                {
                    return _answeredInteractions.Add(interactionId)
                        ? (204, null)
                        : (400, Json(new { message = "Interaction has already been acknowledged.", code = 40060 }));
                }

            case "PATCH" when s.Length == 5 && s[0] == "webhooks" && s[3] == "messages" && TryId(s[1], out _):
                return (200, NewMessage(0, body, BotUserId).ToJsonString());
            case "POST" when s.Length == 3 && s[0] == "webhooks" && TryId(s[1], out _):
                return (200, NewMessage(0, body, BotUserId).ToJsonString());
            case "PUT" when s.Length == 5 && s[0] == "applications" && s[2] == "guilds" && s[4] == "commands"
                && TryId(s[1], out var applicationId) && TryId(s[3], out var guildId):
                return (200, EchoCommands(applicationId, guildId, body));
            default:
                return (404, Json(new { message = "404: Not Found", code = 0 }));
        }
    }

    private JsonObject CreateMessage(ulong channelId, JsonElement? body)
    {
        string? nonce = null;
        var enforce = false;
        if (body is { ValueKind: JsonValueKind.Object } b)
        {
            if (b.TryGetProperty("nonce", out var n))
            {
                nonce = n.ValueKind == JsonValueKind.String ? n.GetString() : n.GetRawText();
            }

            enforce = b.TryGetProperty("enforce_nonce", out var e) && e.ValueKind == JsonValueKind.True;
        }

        lock (_gate)
        {
            if (enforce && nonce is not null && _messagesByNonce.TryGetValue((channelId, nonce), out var existing))
            {
                return (JsonObject)existing.DeepClone();
            }

            var message = NewMessage(channelId, body, BotUserId);
            _createdMessages.Add(message);
            _knownMessages[ulong.Parse(message["id"]!.GetValue<string>(), CultureInfo.InvariantCulture)] = message;
            if (enforce && nonce is not null)
            {
                _messagesByNonce[(channelId, nonce)] = message;
            }

            return (JsonObject)message.DeepClone();
        }
    }

    private JsonObject EditMessage(ulong channelId, ulong messageId, JsonElement? body)
    {
        lock (_gate)
        {
            var existing = _createdMessages.FirstOrDefault(m => m["id"]!.GetValue<string>() == messageId.ToString(CultureInfo.InvariantCulture));
            var message = existing ?? NewMessage(channelId, null, BotUserId);
            message["id"] = messageId.ToString(CultureInfo.InvariantCulture);
            if (body is { ValueKind: JsonValueKind.Object } b)
            {
                foreach (var property in b.EnumerateObject())
                {
                    if (property.Name is "content" or "embeds" or "components" or "flags")
                    {
                        message[property.Name] = JsonNode.Parse(property.Value.GetRawText());
                    }
                }
            }

            message["edited_timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            return (JsonObject)message.DeepClone();
        }
    }

    private JsonObject NewMessage(ulong channelId, JsonElement? body, ulong authorId)
    {
        var message = new JsonObject
        {
            ["id"] = NextSnowflake().ToString(CultureInfo.InvariantCulture),
            ["channel_id"] = channelId.ToString(CultureInfo.InvariantCulture),
            ["content"] = "",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["type"] = 0,
            ["author"] = new JsonObject
            {
                ["id"] = authorId.ToString(CultureInfo.InvariantCulture),
                ["username"] = "massagebot",
                ["global_name"] = null,
                ["bot"] = true,
            },
        };
        if (body is { ValueKind: JsonValueKind.Object } b)
        {
            foreach (var property in b.EnumerateObject())
            {
                if (property.Name is "content" or "embeds" or "components" or "flags" or "nonce" or "message_reference")
                {
                    message[property.Name] = JsonNode.Parse(property.Value.GetRawText());
                }
            }

            if (b.TryGetProperty("message_reference", out _))
            {
                message["type"] = 19;
            }
        }

        return message;
    }

    private string EchoCommands(ulong applicationId, ulong guildId, JsonElement? body)
    {
        var array = new JsonArray();
        if (body is { ValueKind: JsonValueKind.Array } commands)
        {
            foreach (var command in commands.EnumerateArray())
            {
                var node = JsonNode.Parse(command.GetRawText())!.AsObject();
                node["id"] = NextSnowflake().ToString(CultureInfo.InvariantCulture);
                node["application_id"] = applicationId.ToString(CultureInfo.InvariantCulture);
                node["guild_id"] = guildId.ToString(CultureInfo.InvariantCulture);
                node["version"] = NextSnowflake().ToString(CultureInfo.InvariantCulture);
                array.Add(node);
            }
        }

        return array.ToJsonString();
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), DiscordJson.Options);

    private static bool TryId(string text, out ulong id) => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private static string StripPrefix(string path) =>
        path.StartsWith(ApiPrefix, StringComparison.Ordinal) ? (path.Length == ApiPrefix.Length ? "/" : path[ApiPrefix.Length..]) : path;

    /// <summary>Turns an <see cref="HttpRequestMessage"/> into an <see cref="HttpContext"/> for the REST handlers and back.</summary>
    private sealed class InMemoryRestHandler : HttpMessageHandler
    {
        private readonly FakeDiscordServer _server;

        public InMemoryRestHandler(FakeDiscordServer server)
        {
            _server = server;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = new DefaultHttpContext();
            context.Request.Method = request.Method.Method;
            context.Request.Path = request.RequestUri!.AbsolutePath;
            context.Request.QueryString = new QueryString(request.RequestUri.Query);
            foreach (var header in request.Headers)
            {
                context.Request.Headers[header.Key] = string.Join(", ", header.Value);
            }

            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (request.Content is not null)
            {
                foreach (var header in request.Content.Headers)
                {
                    context.Request.Headers[header.Key] = string.Join(", ", header.Value);
                }
            }

            context.Request.Body = new MemoryStream(body);
            var responseBody = new MemoryStream();
            context.Response.Body = responseBody;
            await _server.HandleRestAsync(context).ConfigureAwait(false);

            var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode)
            {
                Content = new ByteArrayContent(responseBody.ToArray()),
                RequestMessage = request,
            };
            foreach (var header in context.Response.Headers)
            {
                if (!response.Headers.TryAddWithoutValidation(header.Key, header.Value.ToString()))
                {
                    response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value.ToString());
                }
            }

            return response;
        }
    }
}
