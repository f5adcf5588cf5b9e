using System.Globalization;
using System.Text.Json;
using MassageForumBot.Configuration;
using MassageForumBot.Discord;
using MassageForumBot.Discord.Gateway;
using MassageForumBot.Discord.Rest;
using MassageForumBot.Discord.Testing;
using MassageForumBot.DiscordBot;
using MassageForumBot.Storage;
using MassageForumBot.Storage.Sqlite;
using MassageForumBot.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Tests.Moderation;

/// <summary>
/// The real <see cref="DispatchHandler"/> (pipeline, commands, buttons) wired as the worker wires it, fed gateway
/// dispatches built from JSON, talking REST to the fake Discord server, on a real SQLite file and a fake clock.
/// One guild: a watched text channel, an unwatched one, a watched forum and the moderators' log channel, with an
/// owner and roles (moderators: Manage Messages and Manage Server; admins: Administrator; helpers: nothing of their
/// own). A second guild (<see cref="OtherGuildCreateAsync"/>) has a text channel and a log channel of its own.
/// </summary>
public sealed class ModerationRig : IAsyncDisposable
{
    public const ulong GuildId = 111_000_000_000_000_001;
    public const ulong OtherGuildId = 111_000_000_000_000_002;
    public const ulong Channel = 111_000_000_000_000_100;
    public const ulong UnwatchedChannel = 111_000_000_000_000_101;
    public const ulong Forum = 111_000_000_000_000_200;
    public const ulong ModLog = 111_000_000_000_000_300;
    public const ulong MemberId = 222_000_000_000_000_001;
    public const ulong OtherMemberId = 222_000_000_000_000_002;
    public const ulong ModeratorId = 222_000_000_000_000_009;
    public const ulong OwnerId = 222_000_000_000_000_010;
    public const ulong ModeratorRole = 444_000_000_000_000_001;
    public const ulong AdminRole = 444_000_000_000_000_002;
    public const ulong HelperRole = 444_000_000_000_000_003;
    public const ulong OtherChannel = 111_000_000_000_000_400;
    public const ulong OtherModLog = 111_000_000_000_000_500;

    /// <summary>MANAGE_MESSAGES (1 &lt;&lt; 13) and MANAGE_GUILD (1 &lt;&lt; 5).</summary>
    public const string ModeratorRolePermissions = "8224";

    /// <summary>Discord's default @everyone permissions: no MANAGE_MESSAGES, no ADMINISTRATOR.</summary>
    public const string MemberPermissions = "104324673";

    /// <summary>The default set plus MANAGE_MESSAGES (1 &lt;&lt; 13).</summary>
    public const string ModeratorPermissions = "104332865";

    private readonly ActiveClassifier _classifier;
    private readonly BotOptions _options;
    private Func<MassageForumBot.Decisions.IPostClassifier, MassageForumBot.Decisions.IPostClassifier>? _wrapClassifier;
    private ServiceProvider _services = null!;
    private int _sequence;
    private long _nextId = 333_000_000_000_000_000;

    private ModerationRig(FakeDiscordServer server, ActiveClassifier classifier, BotOptions options, string folder)
    {
        Server = server;
        _classifier = classifier;
        _options = options;
        Folder = folder;
    }

    public FakeDiscordServer Server { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    public FakeLogCollector Logs { get; } = new();

    public string Folder { get; }

    public IBotStore Store { get; private set; } = null!;

    public DispatchHandler Handler => _services.GetRequiredService<DispatchHandler>();

    public T Service<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Configuration as shipped (shadow) unless <paramref name="mode"/> says otherwise; watches the text channel and the forum.</summary>
    /// <param name="wrapClassifier">Puts a classifier around the shipped one (to hold a post mid-classification).</param>
    public static async Task<ModerationRig> StartAsync(ActiveClassifier classifier, BotMode mode = BotMode.Live, ulong? modLog = ModLog,
        Func<MassageForumBot.Decisions.IPostClassifier, MassageForumBot.Decisions.IPostClassifier>? wrapClassifier = null)
    {
        var options = new BotOptions { Mode = mode, Channels = [Channel, Forum], ModLogChannel = modLog, Concurrency = 1 };
        var folder = Path.Combine(Path.GetTempPath(), "mfb-mod-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var rig = new ModerationRig(await FakeDiscordServer.StartAsync(), classifier, options, folder) { _wrapClassifier = wrapClassifier };
        await rig.BuildAsync();
        return rig;
    }

    /// <summary>A new "process" on the same database file: nothing carried over in memory.</summary>
    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        await BuildAsync();
    }

    private async Task BuildAsync()
    {
        var store = new SqliteBotStore($"Data Source={Path.Combine(Folder, "bot.db")}");
        await store.InitializeAsync();
        Store = store;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(Logs)));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Options.Create(_options));
        services.AddSingleton(Options.Create(new StorageOptions()));
        services.AddSingleton(Options.Create(new ClassifierOptions()));
        services.AddSingleton(Options.Create(new NotesOptions { BaseUrl = new Uri("https://notes.example.org/notes/") }));
        services.AddSingleton<IBotStore>(store);
        services.AddSingleton(_classifier);
        if (_wrapClassifier is { } wrap)
        {
            services.AddSingleton(wrap(_classifier));
        }
        services.AddSingleton(sp => DiscordRestClient.Create(
            new DiscordClientOptions { Token = "rig-token", ApiBaseUrl = Server.ApiBaseUrl }, Time, sp.GetRequiredService<ILoggerFactory>()));
        BotHost.AddPipeline(services);
        BotHost.AddDiscordHandlers(services);
        _services = services.BuildServiceProvider();
    }

    public ulong NewId() => (ulong)Interlocked.Increment(ref _nextId);

    public static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Handles one dispatch; <see cref="ReceivedTimestamp"/> stamps it as the gateway would (default: now).</summary>
    public Task DispatchAsync(string eventType, string json) =>
        Handler.HandleAsync(GatewayDispatch.FromJson(eventType, Interlocked.Increment(ref _sequence), JsonDocument.Parse(json).RootElement) with
        {
            ReceivedTimestamp = ReceivedTimestamp ?? Time.GetTimestamp(),
        }, CancellationToken.None);

    /// <summary>When set, the receipt stamp of the next dispatches (to simulate time spent in the dispatch queue).</summary>
    public long? ReceivedTimestamp { get; set; }

    /// <summary>READY then GUILD_CREATE with the guild's channels.</summary>
    public async Task ConnectAsync()
    {
        await DispatchAsync("READY", $$"""
            {"v":10,"user":{"id":"{{Id(Server.BotUserId)}}","username":"massagebot","bot":true},"session_id":"s1",
             "resume_gateway_url":"{{Server.ResumeGatewayUrl}}","application":{"id":"{{Id(Server.ApplicationId)}}","flags":0},
             "guilds":[{"id":"{{Id(GuildId)}}","unavailable":true}]}
            """);
        await GuildCreateAsync();
    }

    public Task GuildCreateAsync() => DispatchAsync("GUILD_CREATE", $$"""
        {"id":"{{Id(GuildId)}}","name":"Massage Therapists United","unavailable":false,"owner_id":"{{Id(OwnerId)}}",
         "roles":[
           {"id":"{{Id(GuildId)}}","name":"@everyone","permissions":"{{MemberPermissions}}","position":0},
           {"id":"{{Id(ModeratorRole)}}","name":"Moderators","permissions":"{{ModeratorRolePermissions}}","position":2},
           {"id":"{{Id(AdminRole)}}","name":"Admins","permissions":"8","position":3},
           {"id":"{{Id(HelperRole)}}","name":"Helpers","permissions":"0","position":1}],
         "channels":[
           {"id":"{{Id(Channel)}}","type":0,"guild_id":"{{Id(GuildId)}}","name":"general"},
           {"id":"{{Id(UnwatchedChannel)}}","type":0,"guild_id":"{{Id(GuildId)}}","name":"off-topic"},
           {"id":"{{Id(Forum)}}","type":15,"guild_id":"{{Id(GuildId)}}","name":"ask"},
           {"id":"{{Id(ModLog)}}","type":0,"guild_id":"{{Id(GuildId)}}","name":"mod-log"}],
         "threads":[]}
        """);

    /// <summary>The second guild: its own text channel and log channel, the same roles, the same owner.</summary>
    public Task OtherGuildCreateAsync() => DispatchAsync("GUILD_CREATE", $$"""
        {"id":"{{Id(OtherGuildId)}}","name":"Bodywork Students","unavailable":false,"owner_id":"{{Id(OwnerId)}}",
         "roles":[
           {"id":"{{Id(OtherGuildId)}}","name":"@everyone","permissions":"{{MemberPermissions}}","position":0},
           {"id":"{{Id(ModeratorRole)}}","name":"Moderators","permissions":"{{ModeratorRolePermissions}}","position":1}],
         "channels":[
           {"id":"{{Id(OtherChannel)}}","type":0,"guild_id":"{{Id(OtherGuildId)}}","name":"questions"},
           {"id":"{{Id(OtherModLog)}}","type":0,"guild_id":"{{Id(OtherGuildId)}}","name":"mod-log"}],
         "threads":[]}
        """);

    /// <summary>A top-level message in a text channel (or a forum post's first message when the channel is its thread).</summary>
    public async Task<ulong> PostAsync(string content, ulong authorId = MemberId, ulong channelId = Channel, ulong? id = null, ulong guildId = GuildId)
    {
        var messageId = id ?? NewId();
        await DispatchAsync("MESSAGE_CREATE", MessageJson(messageId, channelId, content, authorId, guildId: guildId));
        return messageId;
    }

    public static string MessageJson(ulong id, ulong channelId, string content, ulong authorId, int type = 0, ulong guildId = GuildId) => $$"""
        {"id":"{{Id(id)}}","channel_id":"{{Id(channelId)}}","guild_id":"{{Id(guildId)}}","content":{{JsonSerializer.Serialize(content)}},
         "timestamp":"2026-11-30T12:00:00.000000+00:00","type":{{type}},"mentions":[],
         "author":{"id":"{{Id(authorId)}}","username":"member{{authorId % 100}}"}
        """ + "}";

    /// <summary>Makes GET /channels/{c}/messages/{id} answer once with the post (the text feedback keeps).</summary>
    public void ServeMessageOnce(ulong id, ulong channelId, string content, ulong authorId = MemberId) =>
        Server.EnqueueResponse("GET", $"/channels/{Id(channelId)}/messages/{Id(id)}", 200, MessageJson(id, channelId, content, authorId));

    /// <summary>
    /// A /massagebot subcommand (or another command when <paramref name="command"/> is given); returns the interaction.
    /// A moderator has the Moderators role and Manage Messages in the channel; <paramref name="roles"/> and
    /// <paramref name="permissions"/> (the channel-level bitset Discord sends) override that.
    /// </summary>
    public async Task<Interaction> CommandAsync(string subcommand, string optionsJson = "[]", bool moderator = true, string command = "massagebot", ulong? userId = null,
        IReadOnlyList<ulong>? roles = null, string? permissions = null, ulong guildId = GuildId, ulong channelId = Channel)
    {
        var interaction = NewInteraction();
        var data = subcommand.Length == 0
            ? $$"""{"id":"{{Id(NewId())}}","name":"{{command}}","type":1}"""
            : $$"""{"id":"{{Id(NewId())}}","name":"{{command}}","type":1,"options":[{"name":"{{subcommand}}","type":1,"options":""" + optionsJson + "}]}";
        var member = new Member(userId ?? (moderator ? ModeratorId : MemberId), roles ?? (moderator ? [ModeratorRole] : []),
            permissions ?? (moderator ? ModeratorPermissions : MemberPermissions));
        await DispatchAsync("INTERACTION_CREATE", InteractionJson(interaction, 2, data, member, messageJson: null, channelId, guildId));
        return interaction;
    }

    /// <summary>A click on a component of <paramref name="messageId"/> in <paramref name="channelId"/>.</summary>
    public async Task<Interaction> ClickAsync(string customId, ulong messageId, ulong channelId, bool moderator, ulong? userId = null, string? value = null, ulong guildId = GuildId)
    {
        var interaction = NewInteraction();
        var values = value is null ? "" : $$""","values":["{{value}}"]""";
        var componentType = value is null ? 2 : 3;
        var data = $$"""{"custom_id":"{{customId}}","component_type":{{componentType}}{{values}}}""";
        var message = $$"""{"id":"{{Id(messageId)}}","channel_id":"{{Id(channelId)}}","content":"","type":0,"author":{"id":"{{Id(Server.BotUserId)}}","username":"massagebot","bot":true""" + "}}";
        var member = new Member(userId ?? (moderator ? ModeratorId : MemberId), moderator ? [ModeratorRole] : [], moderator ? ModeratorPermissions : MemberPermissions);
        await DispatchAsync("INTERACTION_CREATE", InteractionJson(interaction, 3, data, member, message, channelId, guildId));
        return interaction;
    }

    private Interaction NewInteraction() => new(NewId(), "tok-" + Guid.NewGuid().ToString("N"));

    private sealed record Member(ulong UserId, IReadOnlyList<ulong> Roles, string Permissions);

    private string InteractionJson(Interaction interaction, int type, string data, Member member, string? messageJson, ulong channelId, ulong guildId) => $$"""
        {"id":"{{Id(interaction.Id)}}","application_id":"{{Id(Server.ApplicationId)}}","type":{{type}},"token":"{{interaction.Token}}",
         "guild_id":"{{Id(guildId)}}","channel_id":"{{Id(channelId)}}",
         "member":{"user":{"id":"{{Id(member.UserId)}}","username":"user{{member.UserId % 100}}"},"roles":[{{string.Join(",", member.Roles.Select(r => $"\"{Id(r)}\""))}}],"permissions":"{{member.Permissions}}"},
         "data":{{data}}{{(messageJson is null ? "" : $",\"message\":{messageJson}")}}}
        """;

    /// <summary>The interaction's callback body (POST /interactions/{id}/{token}/callback).</summary>
    public JsonElement Callback(Interaction interaction) =>
        Assert.Single(Server.Requests, r => r.Method == "POST" && r.Path == $"/interactions/{Id(interaction.Id)}/{interaction.Token}/callback").Body!.Value;

    /// <summary>The edit of the deferred original response (PATCH /webhooks/{app}/{token}/messages/@original).</summary>
    public JsonElement Original(Interaction interaction) =>
        Assert.Single(Server.Requests, r => r.Method == "PATCH" && r.Path == $"/webhooks/{Id(Server.ApplicationId)}/{interaction.Token}/messages/@original").Body!.Value;

    /// <summary>The ephemeral text the member sees: the immediate answer, or the edit after a deferral.</summary>
    public string AnswerText(Interaction interaction)
    {
        var callback = Callback(interaction);
        var type = callback.GetProperty("type").GetInt32();
        if (type is 5 or 6) return Original(interaction).GetProperty("content").GetString()!;
        Assert.True(type is 4 or 7, $"unexpected callback type {type}");
        if (type == 4) Assert.Equal(64, callback.GetProperty("data").GetProperty("flags").GetInt32());
        return callback.GetProperty("data").GetProperty("content").GetString()!;
    }

    public IReadOnlyList<RecordedRequest> MessagePosts(ulong channelId) =>
        Server.Requests.Where(r => r.Method == "POST" && r.Path == $"/channels/{Id(channelId)}/messages").ToList();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record Interaction(ulong Id, string Token);
