using MassageForumBot.Discord.Gateway;

namespace MassageForumBot.Discord;

/// <summary>
/// Settings shared by <see cref="Rest.DiscordRestClient"/> and <see cref="DiscordGatewayClient"/>.
/// One instance per shard when sharding. The token is a secret: it is never logged and <see cref="ToString"/> redacts it.
/// </summary>
public sealed class DiscordClientOptions
{
    /// <summary>The bot token, without the "Bot " prefix.</summary>
    public string Token { get; set; } = "";

    /// <summary>REST base URL, including the API version.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>Gateway URL; when null the client asks GET /gateway/bot once and caches the answer.</summary>
    public Uri? GatewayUrl { get; set; }

    public GatewayIntents Intents { get; set; } =
        GatewayIntents.Guilds | GatewayIntents.GuildMessages | GatewayIntents.GuildMessageReactions | GatewayIntents.MessageContent;

    /// <summary>The URL part of the mandatory "DiscordBot (url, version)" User-Agent.</summary>
    public string UserAgentUrl { get; set; } = "https://github.com/massageforumbot/massageforumbot";

    /// <summary>The version part of the mandatory "DiscordBot (url, version)" User-Agent.</summary>
    public string UserAgentVersion { get; set; } = "0.1.0";

    /// <summary>Shard id sent in Identify when <see cref="ShardCount"/> is greater than 1.</summary>
    public int ShardId { get; set; }

    public int ShardCount { get; set; } = 1;

    /// <summary>How often the session (with the handled watermark) is saved to <see cref="IGatewaySessionStore"/>.</summary>
    public TimeSpan SessionSaveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time allowed for opening the websocket.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one REST attempt (a retried request gets a fresh timeout).</summary>
    public TimeSpan RestRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Total attempts for a REST request that fails with 5xx or a timeout / network error.</summary>
    public int RestMaxAttempts { get; set; } = 3;

    /// <summary>Sum of the user agent pieces as Discord requires it.</summary>
    public string UserAgent => $"DiscordBot ({UserAgentUrl}, {UserAgentVersion})";

    /// <summary>
    /// What is wrong with these settings, one message per problem, each naming its setting as
    /// <paramref name="keyPrefix"/> + property (a host passes its configuration section, e.g. "Discord:"); never the
    /// token's value. A host that can run without Discord passes <paramref name="requireToken"/> false. Empty when valid.
    /// </summary>
    public IReadOnlyList<string> Problems(string keyPrefix = "DiscordClientOptions.", bool requireToken = true)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Token))
        {
            if (requireToken)
            {
                problems.Add($"{keyPrefix}Token is empty: set the bot token (environment or user secrets).");
            }
        }
        else if (Token.Trim().StartsWith("Bot ", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{keyPrefix}Token must be the bare token, without the \"Bot \" prefix.");
        }

        if (ShardCount is < 1 or > 4096)
        {
            problems.Add($"{keyPrefix}ShardCount must be between 1 and 4096.");
        }

        if (ShardId is < 0 or > 4095)
        {
            problems.Add($"{keyPrefix}ShardId must be between 0 and 4095.");
        }
        else if (ShardId >= ShardCount)
        {
            problems.Add($"{keyPrefix}ShardId ({ShardId}) must be less than {keyPrefix}ShardCount ({ShardCount}).");
        }

        if (!ApiBaseUrl.IsAbsoluteUri)
        {
            problems.Add($"{keyPrefix}ApiBaseUrl must be an absolute URL.");
        }

        if (GatewayUrl is { IsAbsoluteUri: false })
        {
            problems.Add($"{keyPrefix}GatewayUrl must be an absolute URL.");
        }

        return problems;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> with a clear message (never the token) on bad settings.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
    }

    public override string ToString() =>
        $"DiscordClientOptions {{ Token = [redacted], ApiBaseUrl = {ApiBaseUrl}, GatewayUrl = {GatewayUrl}, Intents = {Intents}, Shard = {ShardId}/{ShardCount} }}";
}
