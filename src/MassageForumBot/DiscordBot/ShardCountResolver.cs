using MassageForumBot.Discord;
using MassageForumBot.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// Discord:ShardCount=auto: asks GET /gateway/bot for the recommended shard count before the gateway connects
/// (registered ahead of the gateway service, and hosted services start in order). Every process must use the same
/// count, so a shard id the recommendation does not cover stops start-up with what to do.
/// </summary>
public sealed class ShardCountResolver : IHostedService
{
    private readonly DiscordRestClient _rest;
    private readonly DiscordClientOptions _options;
    private readonly ILogger<ShardCountResolver> _log;

    /// <summary>The Discord:ShardCount that "auto" binds as until start-up replaces it (the largest count, so any valid shard id passes validation).</summary>
    public const int Placeholder = 4096;

    /// <summary>
    /// True when Discord:ShardCount is "auto"; the number the options bind then is <see cref="Placeholder"/>, which
    /// <see cref="StartAsync"/> replaces with Discord's recommendation before the gateway connects.
    /// </summary>
    public static bool UseAuto(IConfigurationManager configuration)
    {
        var key = $"{MassageForumBot.Configuration.DiscordSettingsValidator.Section}:ShardCount";
        if (!string.Equals(configuration[key]?.Trim(), "auto", StringComparison.OrdinalIgnoreCase)) return false;
        configuration.AddInMemoryCollection([new(key, Placeholder.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        return true;
    }

    public ShardCountResolver(DiscordRestClient rest, IOptions<DiscordClientOptions> options, ILogger<ShardCountResolver> log)
    {
        (_rest, _options, _log) = (rest, options.Value, log);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var recommended = Math.Max(1, (await _rest.GetGatewayBotAsync(cancellationToken)).Shards);
        if (_options.ShardId >= recommended)
            throw new InvalidOperationException(
                $"Discord:ShardId ({_options.ShardId}) is outside the {recommended} shard(s) Discord recommends (Discord:ShardCount=auto): run shard ids 0 to {recommended - 1} only.");
        _options.ShardCount = recommended;
        _log.LogInformation("Discord recommends {Count} shard(s): this process is shard {ShardId}; run one process per shard id 0 to {Last}",
            recommended, _options.ShardId, recommended - 1);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
