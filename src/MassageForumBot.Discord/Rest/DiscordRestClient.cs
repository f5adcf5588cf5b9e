using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MassageForumBot.Discord.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Discord.Rest;

/// <summary>
/// Discord REST v10 over an <see cref="HttpClient"/> whose handler chain contains <see cref="DiscordRateLimitHandler"/>
/// (use <see cref="Create"/> to get one built that way). Every request carries "Authorization: Bot &lt;token&gt;" and
/// "User-Agent: DiscordBot (url, version)". Every message body is an <see cref="OutgoingMessage"/>, which always
/// carries allowed_mentions {"parse": []}.
/// </summary>
public sealed class DiscordRestClient
{
    private readonly HttpClient _http;
    private readonly DiscordClientOptions _options;
    private readonly ILogger _logger;
    private readonly string _baseUrl;

    public DiscordRestClient(HttpClient httpClient, IOptions<DiscordClientOptions> options, ILogger<DiscordRestClient>? logger = null)
    {
        _http = httpClient;
        _options = options.Value;
        _logger = logger ?? NullLogger<DiscordRestClient>.Instance;
        _baseUrl = _options.ApiBaseUrl.ToString().TrimEnd('/');
    }

    /// <summary>Builds a client with the handler chain rate limiter -> retries -> <paramref name="innerHandler"/> (default SocketsHttpHandler).</summary>
    public static DiscordRestClient Create(
        DiscordClientOptions options,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        RestRateLimiter? limiter = null,
        HttpMessageHandler? innerHandler = null)
    {
        var time = timeProvider ?? TimeProvider.System;
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        var wrapped = Options.Create(options);
        var handler = new DiscordRateLimitHandler(
            limiter ?? new RestRateLimiter(time, factory.CreateLogger<RestRateLimiter>()),
            time,
            wrapped,
            factory.CreateLogger<DiscordRateLimitHandler>())
        {
            InnerHandler = innerHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        return new DiscordRestClient(http, wrapped, factory.CreateLogger<DiscordRestClient>());
    }

    /// <summary>GET /gateway/bot: the gateway URL, recommended shards and the identify budget.</summary>
    public Task<GatewayBotResponse> GetGatewayBotAsync(CancellationToken cancellationToken = default) =>
        SendAsync<GatewayBotResponse>(HttpMethod.Get, "/gateway/bot", null, cancellationToken);

    /// <summary>
    /// POST /channels/{channelId}/messages. When no nonce is given, generates one (&lt;= 25 chars) with enforce_nonce so the handler's retries (5xx, timeouts) cannot post twice.
    /// Does not shorten anything: call <see cref="DiscordLimits.Fit"/> first for untrusted text.
    /// </summary>
    public Task<DiscordMessage> CreateMessageAsync(ulong channelId, CreateMessageRequest request, CancellationToken cancellationToken = default)
    {
        var body = request with
        {
            Nonce = request.Nonce ?? NewNonce(),
            EnforceNonce = request.EnforceNonce ?? true,
        };
        if (body.Nonce!.Length > DiscordLimits.NonceLength)
        {
            throw new ArgumentException($"Nonce must be at most {DiscordLimits.NonceLength} characters.", nameof(request));
        }

        return SendAsync<DiscordMessage>(HttpMethod.Post, $"/channels/{Id(channelId)}/messages", body, cancellationToken);
    }

    /// <summary>PATCH /channels/{channelId}/messages/{messageId}.</summary>
    public Task<DiscordMessage> EditMessageAsync(ulong channelId, ulong messageId, EditMessageRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DiscordMessage>(
            HttpMethod.Patch,
            $"/channels/{Id(channelId)}/messages/{Id(messageId)}",
            request,
            cancellationToken);

    /// <summary>GET /channels/{channelId}/messages/{messageId} (needs READ_MESSAGE_HISTORY; content needs MESSAGE_CONTENT).</summary>
    public Task<DiscordMessage> GetMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default) =>
        SendAsync<DiscordMessage>(HttpMethod.Get, $"/channels/{Id(channelId)}/messages/{Id(messageId)}", null, cancellationToken);

    /// <summary>DELETE /channels/{channelId}/messages/{messageId}.</summary>
    public Task DeleteMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement?>(HttpMethod.Delete, $"/channels/{Id(channelId)}/messages/{Id(messageId)}", null, cancellationToken);

    /// <summary>GET /channels/{channelId} (channels and threads).</summary>
    public Task<DiscordChannel> GetChannelAsync(ulong channelId, CancellationToken cancellationToken = default) =>
        SendAsync<DiscordChannel>(HttpMethod.Get, $"/channels/{Id(channelId)}", null, cancellationToken);

    /// <summary>GET /guilds/{guildId}: the owner and the roles (with their permissions).</summary>
    public Task<DiscordGuild> GetGuildAsync(ulong guildId, CancellationToken cancellationToken = default) =>
        SendAsync<DiscordGuild>(HttpMethod.Get, $"/guilds/{Id(guildId)}", null, cancellationToken);

    /// <summary>GET /guilds/{guildId}/members/{userId}: the member's role ids.</summary>
    public Task<DiscordGuildMember> GetGuildMemberAsync(ulong guildId, ulong userId, CancellationToken cancellationToken = default) =>
        SendAsync<DiscordGuildMember>(HttpMethod.Get, $"/guilds/{Id(guildId)}/members/{Id(userId)}", null, cancellationToken);

    /// <summary>PUT /channels/{c}/messages/{m}/reactions/{emoji}/@me (emoji: unicode or name:id).</summary>
    public Task CreateReactionAsync(ulong channelId, ulong messageId, string emoji, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement?>(
            HttpMethod.Put,
            $"/channels/{Id(channelId)}/messages/{Id(messageId)}/reactions/{Uri.EscapeDataString(emoji)}/@me",
            null,
            cancellationToken);

    /// <summary>POST /interactions/{id}/{token}/callback (answer within 3 s of receipt, or defer).</summary>
    public Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default)
    {
        return SendAsync<JsonElement?>(
            HttpMethod.Post,
            $"/interactions/{Id(interactionId)}/{Uri.EscapeDataString(interactionToken)}/callback",
            response,
            cancellationToken);
    }

    /// <summary>PATCH /webhooks/{applicationId}/{token}/messages/@original (valid 15 minutes).</summary>
    public Task<DiscordMessage> EditOriginalInteractionResponseAsync(ulong applicationId, string interactionToken, EditMessageRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DiscordMessage>(
            HttpMethod.Patch,
            $"/webhooks/{Id(applicationId)}/{Uri.EscapeDataString(interactionToken)}/messages/@original",
            request,
            cancellationToken);

    /// <summary>POST /webhooks/{applicationId}/{token}: a follow-up message for an interaction.</summary>
    public Task<DiscordMessage> CreateFollowupMessageAsync(ulong applicationId, string interactionToken, InteractionResponseData message, CancellationToken cancellationToken = default) =>
        SendAsync<DiscordMessage>(
            HttpMethod.Post,
            $"/webhooks/{Id(applicationId)}/{Uri.EscapeDataString(interactionToken)}",
            message,
            cancellationToken);

    /// <summary>PUT /applications/{applicationId}/guilds/{guildId}/commands: replaces the guild's commands (instant).</summary>
    public Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGuildCommandsAsync(
        ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ApplicationCommand>>(
            HttpMethod.Put, $"/applications/{Id(applicationId)}/guilds/{Id(guildId)}/commands", commands, cancellationToken);

    /// <summary>The one nonce source: 20 random hex characters (Discord allows 25).</summary>
    public static string NewNonce() => RandomNumberGenerator.GetHexString(20, lowercase: true);

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var route = RestRoute.FromPath(method.Method, path);
        using var request = new HttpRequestMessage(method, _baseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.Token);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        if (body is not null)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), DiscordJson.Options);
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DiscordRestException)
        {
            throw;
        }
        catch (HttpRequestException ex)
        {
            throw new DiscordRestException(0, null, Redact($"Discord REST {route} failed: {ex.Message}"), route.ToString(), null, ex);
        }

        using (response)
        {
            var text = response.Content is null ? "" : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            _logger.LogDebug("Discord REST {Route} -> {Status}.", route, status);
            if (!response.IsSuccessStatusCode)
            {
                throw CreateError(route, status, response.ReasonPhrase, text);
            }

            if (typeof(T) == typeof(JsonElement?) || string.IsNullOrWhiteSpace(text))
            {
                return default!;
            }

            return JsonSerializer.Deserialize<T>(text, DiscordJson.Options)
                ?? throw new DiscordRestException(status, null, $"Discord REST {route} returned an empty body.", route.ToString(), null);
        }
    }

    private DiscordRestException CreateError(RestRoute route, int status, string? reason, string text)
    {
        int? code = null;
        string? discordMessage = null;
        string? errors = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number)
                {
                    code = c.GetInt32();
                }

                if (root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                {
                    discordMessage = m.GetString();
                }

                if (root.TryGetProperty("errors", out var e))
                {
                    errors = e.GetRawText();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (e.g. an HTML error page): keep the status only.
        }

        var message = new StringBuilder()
            .Append("Discord REST ").Append(route).Append(" failed with ").Append(status).Append(' ').Append(reason);
        if (code is not null)
        {
            message.Append(", code ").Append(code.Value);
        }

        if (!string.IsNullOrEmpty(discordMessage))
        {
            message.Append(": ").Append(discordMessage);
        }

        var hint = DiscordRestException.Describe(status, code);
        if (hint.Length > 0)
        {
            message.Append(". ").Append(hint);
        }

        var exception = new DiscordRestException(status, code, Redact(message.ToString()), route.ToString(), errors is null ? null : Redact(errors));
        _logger.LogDebug("Discord REST {Route} failed: {Status} code {Code}.", route, status, code);
        return exception;
    }

    private string Redact(string text) =>
        string.IsNullOrEmpty(_options.Token) ? text : text.Replace(_options.Token, "[redacted]", StringComparison.Ordinal);
}
