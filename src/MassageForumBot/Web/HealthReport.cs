using System.Text.Json.Serialization;
using MassageForumBot.Discord.Gateway;
using MassageForumBot.Storage;
using MassageForumBot.Worker;

namespace MassageForumBot.Web;

/// <summary>One check's result in /healthz.</summary>
public sealed record HealthCheck(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("detail")] string Detail)
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    [JsonIgnore]
    public bool IsHealthy => Status == Healthy;
}

/// <summary>The /healthz body: overall status and one entry per check.</summary>
public sealed record HealthStatus(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("checks")] IReadOnlyDictionary<string, HealthCheck> Checks);

/// <summary>
/// Store reachable (a read within a short timeout), model loaded, and, only when the bot runs on Discord, the
/// gateway connected. Healthy only when every check is.
/// </summary>
public sealed class HealthReport(IBotStore store, ActiveClassifier classifier, DiscordGatewayClient? gateway = null)
{
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthStatus> CheckAsync(CancellationToken cancel)
    {
        var checks = new Dictionary<string, HealthCheck>(StringComparer.Ordinal)
        {
            ["store"] = await StoreAsync(cancel),
            ["model"] = Model(),
        };
        if (gateway is not null) checks["gateway"] = Gateway(gateway.State);
        var healthy = checks.Values.All(c => c.IsHealthy);
        return new HealthStatus(healthy ? HealthCheck.Healthy : HealthCheck.Unhealthy, checks);
    }

    private async Task<HealthCheck> StoreAsync(CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(StoreTimeout);
        try
        {
            await store.GetDecisionAsync(0, timeout.Token);
            return new HealthCheck(HealthCheck.Healthy, "reachable");
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return new HealthCheck(HealthCheck.Unhealthy, $"no answer within {StoreTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HealthCheck(HealthCheck.Unhealthy, e.GetType().Name + ": " + e.Message);
        }
    }

    private HealthCheck Model()
    {
        var manifest = classifier.Current.Manifest;
        return string.IsNullOrEmpty(manifest.Version)
            ? new HealthCheck(HealthCheck.Unhealthy, "no model loaded")
            : new HealthCheck(HealthCheck.Healthy, $"loaded {manifest.Version}");
    }

    /// <summary>Only an active session counts: connecting, resuming or closed for good is unhealthy.</summary>
    public static HealthCheck Gateway(GatewayConnectionState state) => state == GatewayConnectionState.Active
        ? new HealthCheck(HealthCheck.Healthy, "connected")
        : new HealthCheck(HealthCheck.Unhealthy, state.ToString().ToLowerInvariant());
}
