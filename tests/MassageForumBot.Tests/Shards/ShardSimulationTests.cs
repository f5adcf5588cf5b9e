using System.Globalization;
using System.Text.Json.Nodes;
using MassageForumBot.Discord.Testing;
using MassageForumBot.Storage;
using MassageForumBot.Tests.Support;

namespace MassageForumBot.Tests.Shards;

/// <summary>
/// Two shard processes (real child processes of the built host) over one PostgreSQL, against the fake Discord on
/// loopback that routes six guilds by (guild_id &gt;&gt; 22) % 2 and replays what a resuming shard missed. Skipped, and
/// reported skipped, when no PostgreSQL server could be started.
/// </summary>
public sealed class ShardSimulationTests : IAsyncLifetime
{
    private const int ShardCount = 2;
    private const string Token = "shard-sim-token.SECRET";
    private const ulong MemberId = 30_000_000_000_000_001;
    private const string ModeratorPermissions = "104332865";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static readonly string[] Questions =
    [
        "A new client told me nobody had ever massaged her glutes before. Doesn't everyone include the glutes in a full body??",
        "do you guys keep undies on or off for glute work? new client asked and i froze lol",
    ];

    private readonly ShardProcess?[] _shards = new ShardProcess?[ShardCount];
    private TempPostgresSchema? _db;
    private FakeDiscordServer? _server;
    private long _nextId = 50_000_000_000_000_000;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var shard in _shards)
            if (shard is not null) await shard.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        if (_db is not null) await _db.DisposeAsync();
    }

    [SkippableFact]
    public async Task Two_shard_processes_over_one_postgres_answer_once_keep_settings_across_restarts_and_survive_a_sigkill()
    {
        _db = await TempPostgresSchema.CreateAsync();
        _server = await FakeDiscordServer.StartAsync();
        var guilds = Enumerable.Range(0, 6).Select(i => new FakeGuild(GuildId(i), GuildId(i) + 100, $"studio {i}")).ToList();
        var cluster = new FakeShardCluster(_server, ShardCount, guilds);
        Assert.All(Enumerable.Range(0, ShardCount), s => Assert.Equal(3, cluster.GuildsOf(s).Count));
        var store = await _db.OpenStoreAsync();

        // 1. Both processes start at the same moment (Discord:ShardCount=auto): each identifies with its shard array,
        //    paced through the shared store's identify slot (max_concurrency 1: one Identify per 5 s).
        for (var s = 0; s < ShardCount; s++) _shards[s] = StartShard(s);
        await AcceptAsync(cluster, ShardCount);
        var identifies = cluster.Identifies.OrderBy(i => i.ReceivedAt).ToList();
        Assert.Equal([0, 1], identifies.Select(i => i.ShardId).Order());
        Assert.All(identifies, i => Assert.Equal(ShardCount, i.ShardCount));
        Assert.All(identifies, i => Assert.Equal(ShardCount, i.Payload.GetProperty("d").GetProperty("shard")[1].GetInt32()));
        Assert.True(identifies[1].ReceivedAt - identifies[0].ReceivedAt >= TimeSpan.FromSeconds(5),
            $"Identify payloads only {(identifies[1].ReceivedAt - identifies[0].ReceivedAt).TotalSeconds:F2} s apart");

        // 2. One question per guild: each answered once, by the process of the shard that owns the guild.
        var answered = new Dictionary<ulong, FakeGuild>();
        foreach (var guild in guilds)
        {
            var post = NewId();
            answered[post] = guild;
            await cluster.DispatchAsync(guild.Id, "MESSAGE_CREATE", Message(post, guild, Questions[answered.Count % 2]));
        }
        await WaitForRepliesAsync(answered.Keys);
        foreach (var (post, guild) in answered)
        {
            var owner = cluster.ShardFor(guild.Id);
            await WaitUntilAsync(() => _shards[owner]!.Log.Contains($"Replied to post {post} ", StringComparison.Ordinal), $"shard {owner} logs its reply to {post}");
            Assert.DoesNotContain($"Replied to post {post} ", _shards[1 - owner]!.Log, StringComparison.Ordinal);
            Assert.Equal(guild.ChannelId, Assert.Single(RepliesTo(post)).ChannelId);
        }

        // 3. A moderator switches one guild to shadow mode; every process restarts (SIGTERM, then a new process).
        var quiet = cluster.GuildsOf(0)[0];
        var interactionId = NewId();
        await cluster.DispatchAsync(quiet.Id, "INTERACTION_CREATE", ModeCommand(interactionId, quiet, "shadow"));
        await _server.WaitForRequestAsync(r => r.Method == "POST" && r.Path.StartsWith($"/interactions/{Id(interactionId)}/", StringComparison.Ordinal), Patience);
        await WaitUntilAsync(async () => (await store.GetGuildSettingsAsync(quiet.Id))?.Mode == "shadow", "the mode change is stored");
        for (var s = 0; s < ShardCount; s++)
        {
            await _shards[s]!.StopAsync(TimeSpan.FromSeconds(30));
            _shards[s] = StartShard(s);
        }
        await AcceptAsync(cluster, ShardCount);

        // The quiet guild stays in shadow after the restarts; its neighbour on the same shard and the other shard reply.
        var shadowPost = NewId();
        await cluster.DispatchAsync(quiet.Id, "MESSAGE_CREATE", Message(shadowPost, quiet, Questions[0]));
        var livePosts = new Dictionary<ulong, FakeGuild> { [NewId()] = cluster.GuildsOf(0)[1], [NewId()] = cluster.GuildsOf(1)[0] };
        foreach (var (post, guild) in livePosts) await cluster.DispatchAsync(guild.Id, "MESSAGE_CREATE", Message(post, guild, Questions[1]));
        await WaitForRepliesAsync(livePosts.Keys);
        await WaitUntilAsync(async () => await store.GetDecisionAsync(shadowPost) is not null, "the shadow decision is stored");
        Assert.Equal(PostOutcome.ShadowDraft, (await store.GetDecisionAsync(shadowPost))!.Outcome);
        Assert.Empty(RepliesTo(shadowPost));

        // 4. Shard 1 is killed with SIGKILL just after a question reaches it; another question arrives while it is
        //    down. The restarted process resumes from the stored sequence, Discord replays, and each gets one reply.
        var victim = 1;
        var victimGuilds = cluster.GuildsOf(victim);
        var midQuestion = NewId();
        await cluster.DispatchAsync(victimGuilds[0].Id, "MESSAGE_CREATE", Message(midQuestion, victimGuilds[0], Questions[0]));
        await _shards[victim]!.KillAsync();
        var whileDown = NewId();
        await cluster.DispatchAsync(victimGuilds[1].Id, "MESSAGE_CREATE", Message(whileDown, victimGuilds[1], Questions[1]));
        _shards[victim] = StartShard(victim);
        Assert.Equal(victim, await cluster.AcceptAsync(Patience));
        // A question in each of the victim's guilds after the restart: once they are answered, every replayed event
        // before them in those channels has been handled too.
        var after = victimGuilds.ToDictionary(_ => NewId(), g => g);
        foreach (var (post, guild) in after) await cluster.DispatchAsync(guild.Id, "MESSAGE_CREATE", Message(post, guild, Questions[0]));
        await WaitForRepliesAsync([midQuestion, whileDown, .. after.Keys]);

        ulong[] everyLivePost = [.. answered.Keys, .. livePosts.Keys, midQuestion, whileDown, .. after.Keys];
        Assert.All(everyLivePost, post => Assert.Single(RepliesTo(post)));
        Assert.Empty(RepliesTo(shadowPost));
        var midNonces = MessagePostsFor(midQuestion).Select(r => r.Body!.Value.GetProperty("nonce").GetString()).Distinct();
        Assert.Single(midNonces);
        Assert.Equal(ReplyState.Sent, (await store.GetClaimAsync(midQuestion))!.State);
        // The moderator's setting still holds for the quiet guild after the kill too.
        Assert.Equal("shadow", (await store.GetGuildSettingsAsync(quiet.Id))!.Mode);
    }

    private ShardProcess StartShard(int shardId) => ShardProcess.Start(
        shardId,
        new Dictionary<string, string> { ["Discord__Token"] = Token },
        $"--Discord:ApiBaseUrl={_server!.ApiBaseUrl}",
        $"--Discord:ShardId={shardId}",
        "--Discord:ShardCount=auto",
        "--Storage:Provider=postgres",
        $"--Storage:ConnectionString={_db!.ConnectionString}",
        "--Bot:Mode=live",
        "--Bot:Concurrency=2",
        "--Web:ListenUrl=http://127.0.0.1:0/",
        "--Notes:BaseUrl=https://notes.example.org/notes/");

    /// <summary>Accepts <paramref name="count"/> shard connections at once (they identify or resume in any order).</summary>
    private async Task AcceptAsync(FakeShardCluster cluster, int count)
    {
        var accepted = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => cluster.AcceptAsync(Patience)))
            .WaitAsync(Patience + TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        Assert.Equal(Enumerable.Range(0, count), accepted.Order());
    }

    private IEnumerable<Discord.Models.DiscordMessage> RepliesTo(ulong post) =>
        _server!.CreatedMessages.Where(m => m.MessageReference?.MessageId == post);

    private IEnumerable<RecordedRequest> MessagePostsFor(ulong post) =>
        _server!.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal)
            && r.RawBody.Contains($"\"message_id\":\"{post}\"", StringComparison.Ordinal));

    private Task WaitForRepliesAsync(IEnumerable<ulong> posts)
    {
        var wanted = posts.ToList();
        return WaitUntilAsync(() => wanted.All(p => RepliesTo(p).Any()),
            () => $"replies to {string.Join(", ", wanted.Where(p => !RepliesTo(p).Any()))}");
    }

    private Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), () => what);

    private Task WaitUntilAsync(Func<Task<bool>> condition, string what) => WaitUntilAsync(condition, () => what);

    private Task WaitUntilAsync(Func<bool> condition, Func<string> what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>Other processes do the work, so there is no signal to wait on in this one: check every 50 ms, up to the patience.</summary>
    private async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                var logs = string.Join("\n", _shards.Where(s => s is not null).Select(s => $"--- shard {s!.ShardId} ---\n{Tail(s.Log)}"));
                throw new TimeoutException($"Waited {Patience} for {what()}.\n{logs}");
            }
            await Task.Delay(50);
        }
    }

    private static string Tail(string log) => log.Length <= 6000 ? log : log[^6000..];

    private ulong NewId() => (ulong)Interlocked.Increment(ref _nextId);

    /// <summary>Snowflake-shaped guild ids whose timestamp part alternates parity, so shards 0 and 1 own three each.</summary>
    private static ulong GuildId(int i) => ((1_200_000_000_000UL + (ulong)i) << 22) | 7;

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private static object Message(ulong id, FakeGuild guild, string content) => new
    {
        id = Id(id),
        channel_id = Id(guild.ChannelId),
        guild_id = Id(guild.Id),
        content,
        timestamp = "2026-11-30T12:00:00.000000+00:00",
        type = 0,
        author = new { id = Id(MemberId), username = "member", bot = false },
        mentions = Array.Empty<object>(),
    };

    private static JsonNode ModeCommand(ulong interactionId, FakeGuild guild, string mode) => JsonNode.Parse($$$"""
        {"id":"{{{Id(interactionId)}}}","application_id":"900000000000000002","type":2,"token":"tok-{{{Id(interactionId)}}}",
         "guild_id":"{{{Id(guild.Id)}}}","channel_id":"{{{Id(guild.ChannelId)}}}",
         "member":{"user":{"id":"{{{Id(FakeShardCluster.GuildOwnerId)}}}","username":"owner"},"roles":[],"permissions":"{{{ModeratorPermissions}}}"},
         "data":{"id":"{{{Id(interactionId + 1)}}}","name":"massagebot","type":1,
                 "options":[{"name":"mode","type":1,"options":[{"name":"mode","type":3,"value":"{{{mode}}}"}]}]}}
        """)!;
}
