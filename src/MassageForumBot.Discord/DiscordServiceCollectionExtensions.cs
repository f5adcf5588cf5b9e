using MassageForumBot.Discord.Gateway;
using MassageForumBot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DiscordRestClient"/> (with its <see cref="RestRateLimiter"/>) and one
    /// <see cref="DiscordGatewayClient"/> as singletons. Configure <see cref="DiscordClientOptions"/> separately
    /// (e.g. services.AddOptions&lt;DiscordClientOptions&gt;().Bind(...)). Registrations already present win, so register
    /// your own <see cref="IGatewaySessionStore"/> (e.g. SQLite) or <see cref="TimeProvider"/> before or after this call.
    /// </summary>
    public static IServiceCollection AddDiscordClient(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGatewayTransportFactory, ClientWebSocketTransportFactory>();
        services.TryAddSingleton<IGatewaySessionStore, InMemoryGatewaySessionStore>();
        services.TryAddSingleton(sp => new RestRateLimiter(sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<RestRateLimiter>>()));
        services.TryAddSingleton(sp => DiscordRestClient.Create(
            sp.GetRequiredService<IOptions<DiscordClientOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetRequiredService<RestRateLimiter>()));
        services.TryAddSingleton<IIdentifyGate>(sp => new InProcessIdentifyGate(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new DiscordGatewayClient(
            sp.GetRequiredService<IOptions<DiscordClientOptions>>(),
            sp.GetRequiredService<IGatewayTransportFactory>(),
            sp.GetRequiredService<DiscordRestClient>(),
            sp.GetRequiredService<IGatewaySessionStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<DiscordGatewayClient>>() ?? NullLogger<DiscordGatewayClient>.Instance,
            sp.GetRequiredService<IIdentifyGate>()));
        return services;
    }
}
