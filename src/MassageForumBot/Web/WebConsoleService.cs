using MassageForumBot.Classification.Inference;
using MassageForumBot.Configuration;
using MassageForumBot.Discord;
using MassageForumBot.Discord.Gateway;
using MassageForumBot.Replies;
using MassageForumBot.Storage;
using MassageForumBot.Web.Pages;
using MassageForumBot.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MassageForumBot.Web;

/// <summary>
/// Runs the web console (Kestrel) inside the worker host: pages for moderators, /healthz, /metrics and the evidence
/// notes, on Web:ListenUrl. It shares the worker's singletons (store, classifier, composer, moderation actions), so
/// what a moderator does here is what the Discord buttons do.
/// </summary>
public sealed class WebConsoleService(IServiceProvider root, IOptions<WebOptions> options, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    /// <summary>Worker services the console uses; optional ones (the Discord gateway) are passed on only when present.</summary>
    private static readonly Type[] Shared =
    [
        typeof(IBotStore), typeof(ActiveClassifier), typeof(TopicLibrary), typeof(ReplyComposer), typeof(NoteLinks),
        typeof(GuildPolicy), typeof(TimeProvider), typeof(DiscordGatewayClient), typeof(Moderation.ModerationActions), typeof(Decisions.DecisionCore),
        typeof(IOptions<BotOptions>), typeof(IOptions<StorageOptions>), typeof(IOptions<ClassifierOptions>),
        typeof(IOptions<NotesOptions>),
    ];

    private readonly ILogger _log = loggers.CreateLogger<WebConsoleService>();
    private WebApplication? _app;
    private readonly TaskCompletionSource<Uri> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the address actually bound (port 0 becomes the real port).</summary>
    public Task<Uri> Started => _started.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var web = options.Value;
        var app = Build(web);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // The bot keeps answering without its console; the log says why, /healthz is then unreachable.
            _log.LogError("The web console could not listen on {Url}: {Message}. Set Web:ListenUrl to a free address.", web.ListenUrl, e.Message);
            await app.DisposeAsync();
            _started.TrySetException(e);
            return;
        }

        _app = app;
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        BotMetrics.Initialize(root.GetRequiredService<ActiveClassifier>().Current.Labels.Where(ReplyPolicy.IsReplyTopic));
        _log.LogInformation("Web console at {Url} (sign-in {Access}); health at {Url}healthz, metrics at {Url}metrics",
            bound, web.HasAdminToken ? "required" : "not required on loopback", bound, bound);
        _started.TrySetResult(bound);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _started.TrySetCanceled();
    }

    private WebApplication Build(WebOptions web)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = root.GetRequiredService<IHostEnvironment>().EnvironmentName,
        });
        // The worker's configuration already decided everything; the console reads none of ASPNETCORE_* or appsettings.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.UseUrls(BindAddress(web.ListenUrl));
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        var services = builder.Services;
        foreach (var type in Shared)
            if (root.GetService(type) is { } instance) services.AddSingleton(type, instance);
        services.AddSingleton(web);
        services.AddSingleton<NotesPages>();
        services.AddSingleton<HealthReport>(sp => new HealthReport(sp.GetRequiredService<IBotStore>(), sp.GetRequiredService<ActiveClassifier>(), sp.GetService<DiscordGatewayClient>()));
        WebConsoleApp.AddServices(services, web);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("massageforumbot", serviceVersion: typeof(WebConsoleService).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m => m
            .AddMeter(BotMetrics.MeterName, DiscordMetrics.MeterName, ClassifierMetrics.MeterName)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));

        var app = builder.Build();
        WebConsoleApp.Map(app);
        return app;
    }

    /// <summary>Kestrel cannot pick a free port for "localhost"; 127.0.0.1 is the same place.</summary>
    private static string BindAddress(Uri listenUrl)
    {
        var url = new UriBuilder(listenUrl) { Path = "/", Query = "", Fragment = "" };
        if (url.Port == 0 && string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase)) url.Host = "127.0.0.1";
        return url.Uri.GetLeftPart(UriPartial.Authority);
    }
}
