using System.Diagnostics.Metrics;

namespace MassageForumBot.Discord;

/// <summary>
/// The Discord client's instruments (System.Diagnostics.Metrics): whoever hosts the client decides how to export them
/// (the bot's web console serves them on /metrics). The library itself knows nothing about the exporter.
/// </summary>
public static class DiscordMetrics
{
    public const string MeterName = "MassageForumBot.Discord";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Gateway connections that ended and were followed by a new attempt; tag "action": resume or identify.</summary>
    public static Counter<long> GatewayReconnects { get; } =
        Meter.CreateCounter<long>("massageforumbot.gateway.reconnects", description: "Gateway reconnect attempts after a connection ended.");

    /// <summary>REST responses with status 429; tag "scope": the X-RateLimit-Scope (user, global, shared) or "unknown".</summary>
    public static Counter<long> RestRateLimited { get; } =
        Meter.CreateCounter<long>("massageforumbot.rest.rate_limited", description: "Discord REST responses with status 429 (Too Many Requests).");
}
