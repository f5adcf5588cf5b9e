using MassageForumBot.Cli;
using MassageForumBot.Configuration;
using MassageForumBot.ConsoleChannel;
using MassageForumBot.Decisions;
using MassageForumBot.Discord;
using MassageForumBot.Discord.Gateway;
using MassageForumBot.Discord.Rest;
using MassageForumBot.DiscordBot;
using MassageForumBot.DiscordBot.Interactions;
using MassageForumBot.Moderation;
using MassageForumBot.Replies;
using MassageForumBot.Storage;
using MassageForumBot.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Worker;

/// <summary>Builds the worker host: configuration, validated options, store, classifier, composer, and the channel it serves.</summary>
public static class BotHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args, ConsoleChannelIo? consoleIo = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = ContentRoot(),
        });
        builder.Configuration.AddUserSecrets(typeof(BotHost).Assembly, optional: true);
        var autoShardCount = ShardCountResolver.UseAuto(builder.Configuration);
        // Logs go to standard error, so the console channel's standard output stays clean.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        var services = builder.Services;
        AddOptions<BotOptions>(services, BotOptions.Section);
        AddOptions<StorageOptions>(services, StorageOptions.Section);
        AddOptions<ClassifierOptions>(services, ClassifierOptions.Section);
        AddOptions<NotesOptions>(services, NotesOptions.Section);
        services.AddOptions<DiscordClientOptions>().BindConfiguration(DiscordSettingsValidator.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DiscordClientOptions>, DiscordSettingsValidator>();
        AddOptions<WebOptions>(services, WebOptions.Section);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IBotStore>(sp =>
        {
            var store = BotStoreFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value);
            store.InitializeAsync().GetAwaiter().GetResult();
            return store;
        });
        AddPipeline(services);
        services.AddHostedService<WebConsoleService>();
        services.AddHostedService<ModelFileWatcher>();
        services.AddHostedService<RetentionService>();

        var discord = builder.Configuration.GetSection(DiscordSettingsValidator.Section).Get<DiscordClientOptions>() ?? new DiscordClientOptions();
        if (DiscordSettingsValidator.HasToken(discord))
        {
            AddDiscord(services, discord.ShardId, autoShardCount);
        }
        else
        {
            services.TryAddSingleton<ILinkBuilder, NoLinks>();
            services.AddSingleton(consoleIo ?? new ConsoleChannelIo(CliInput.Open(null), Console.Out));
            services.AddHostedService<ConsoleChannelService>();
        }
        return builder;
    }

    private static void AddDiscord(IServiceCollection services, int shardId, bool autoShardCount)
    {
        // Ours first: the library's registrations only fill what is missing.
        services.AddSingleton<IGatewaySessionStore>(sp => new StoreGatewaySessionStore(sp.GetRequiredService<IBotStore>(), shardId, sp.GetRequiredService<TimeProvider>()));
        // Identify is paced through the store, so every shard process sharing it (PostgreSQL: every machine) takes turns.
        services.TryAddSingleton<IIdentifyGate>(sp => new StoreIdentifyGate(
            sp.GetRequiredService<IBotStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<StoreIdentifyGate>>()));
        services.AddDiscordClient();
        AddDiscordHandlers(services);
        if (autoShardCount)
            services.AddHostedService<ShardCountResolver>();
        services.AddHostedService<DiscordBotService>();
    }

    /// <summary>
    /// The channel-independent job: store views, classifier, composer, per-guild policy, pipeline. Registered with
    /// TryAdd, so a test can put in its own instances (a shared classifier, a fake clock) first.
    /// </summary>
    internal static void AddPipeline(IServiceCollection services)
    {
        services.TryAddSingleton<IThreadMemory>(sp => sp.GetRequiredService<IBotStore>());
        services.TryAddSingleton<IFeedbackStore>(sp => sp.GetRequiredService<IBotStore>());
        services.TryAddSingleton<IPrivacyStore>(sp => sp.GetRequiredService<IBotStore>());
        services.TryAddSingleton<IGuildSettingsStore>(sp => sp.GetRequiredService<IBotStore>());
        services.TryAddSingleton<ActiveClassifier>();
        services.TryAddSingleton(sp => TopicLibrary.Load(ProjectPaths.Resolve(sp.GetRequiredService<IOptions<ClassifierOptions>>().Value.TopicsPath)));
        services.TryAddSingleton(sp =>
        {
            var notes = sp.GetRequiredService<IOptions<NotesOptions>>().Value;
            return new NoteLinks(notes.BaseUrl, sp.GetRequiredService<IOptions<WebOptions>>().Value.ListenUrl);
        });
        services.TryAddSingleton<ReplyComposer>();
        services.TryAddSingleton<IPostStore>(sp => sp.GetRequiredService<IBotStore>());
        services.TryAddSingleton<IPostClassifier>(sp => sp.GetRequiredService<ActiveClassifier>());
        services.TryAddSingleton<IRedFlagDetector, RedFlagDetector>();
        services.TryAddSingleton<GuildPolicy>();
        services.TryAddSingleton<IPolicyStore>(sp => sp.GetRequiredService<GuildPolicy>());
        services.TryAddSingleton<DecisionCore>();
        services.TryAddSingleton<PostHandler>();
        services.TryAddSingleton<IPostChannel, ConsolePostChannel>();
        services.TryAddSingleton<ModerationActions>();
    }

    /// <summary>What the bot does with gateway events: channels, moderators' log, slash commands and buttons, the dispatch router.</summary>
    internal static void AddDiscordHandlers(IServiceCollection services)
    {
        services.TryAddSingleton<ILinkBuilder, DiscordLinks>();
        services.TryAddSingleton<DiscordPlanSender>();
        services.TryAddSingleton<ChannelDirectory>();
        services.TryAddSingleton<GuildDirectory>();
        services.TryAddSingleton<ChannelLookup>();
        services.TryAddSingleton<ModeratorAuthority>();
        services.TryAddSingleton<ModeratorLog>();
        services.TryAddSingleton<CommandRegistrar>();
        services.TryAddSingleton<InteractionResponder>();
        services.TryAddSingleton<SettingsCommands>();
        services.TryAddSingleton<StatusCommand>();
        services.TryAddSingleton<WhyCommand>();
        services.TryAddSingleton<ReviewCommand>();
        services.TryAddSingleton<MemberCommands>();
        services.TryAddSingleton<MyDataCommand>();
        services.TryAddSingleton<PostTextSource>();
        services.TryAddSingleton<FeedbackButtons>();
        services.TryAddSingleton<EvidenceButtons>();
        // Replaces the console channel's default: moderation acts on Discord messages.
        services.AddSingleton<IPostChannel, DiscordPostChannel>();
        services.TryAddSingleton<InteractionRouter>();
        services.TryAddSingleton<DispatchHandler>();
    }

    private static void AddOptions<T>(IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>The folder holding appsettings.json: the working directory or the nearest parent that has one.</summary>
    private static string ContentRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "appsettings.json")))
            {
                return dir.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
