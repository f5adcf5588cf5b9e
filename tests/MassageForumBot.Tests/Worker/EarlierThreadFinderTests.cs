using MassageForumBot.Classification.Features;
using MassageForumBot.Decisions;
using MassageForumBot.Storage;
using MassageForumBot.Storage.Sqlite;
using MassageForumBot.Worker;

namespace MassageForumBot.Tests.Worker;

/// <summary>Earlier-thread ranking on real sentence vectors in a real SQLite file.</summary>
public sealed class EarlierThreadFinderTests : IClassFixture<EarlierThreadFinderTests.EncoderFixture>, IAsyncLifetime, IDisposable
{
    private const ulong Guild = 1, OtherGuild = 2, Channel = 100;
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mfb-threads-{Guid.NewGuid():N}.db");
    private readonly ArcticXsEmbedder _encoder;
    private readonly SqliteBotStore _store;

    public EarlierThreadFinderTests(EncoderFixture fixture)
    {
        _encoder = fixture.Encoder;
        _store = new SqliteBotStore($"Data Source={_path}");
    }

    public sealed class EncoderFixture : IDisposable
    {
        public ArcticXsEmbedder Encoder { get; } = new();

        public void Dispose() => Encoder.Dispose();
    }

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        await Remember(1, Guild, "My new client said no therapist had ever massaged her glutes. Is leaving them out normal?");
        await Remember(2, Guild, "Poll: do you include glutes in every full body, yes or no?");
        await Remember(3, Guild, "Our spa manager told us to skip the glutes unless the client asks. Thoughts?");
        await Remember(4, OtherGuild, "A new client told me nobody had ever worked on her glutes before, is that common?");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_closest_paraphrase_ranks_first_and_only_the_same_community_is_searched()
    {
        var query = _encoder.Embed("client told me nobody has EVER massaged her glutes before... do most of you leave them out?");

        var found = await new EarlierThreadFinder(_store).FindAsync(Guild, "glutes-routine", query, excludeMessageId: 99, count: 3, CancellationToken.None);

        Assert.NotEmpty(found);
        Assert.Equal(1UL, found[0].Thread.MessageId);
        Assert.All(found, f => Assert.Equal(Guild, f.Thread.GuildId));
        Assert.Equal(found.OrderByDescending(f => f.Similarity).Select(f => f.Thread.MessageId), found.Select(f => f.Thread.MessageId));
    }

    [Fact]
    public async Task A_deleted_thread_never_appears_and_the_post_itself_is_never_its_own_earlier_thread()
    {
        var query = _encoder.Embed("client told me nobody has EVER massaged her glutes before... do most of you leave them out?");
        await _store.ForgetAsync(1);

        var found = await new EarlierThreadFinder(_store).FindAsync(Guild, "glutes-routine", query, excludeMessageId: 2, count: 3, CancellationToken.None);

        Assert.DoesNotContain(found, f => f.Thread.MessageId is 1 or 2);
    }

    [Fact]
    public void Discord_jump_links_point_at_the_message_in_its_channel()
    {
        var link = new MassageForumBot.DiscordBot.DiscordLinks().PostLink(Guild, 7, 3);

        Assert.Equal($"https://discord.com/channels/{Guild}/7/3", link!.ToString());
    }

    private Task Remember(ulong id, ulong guild, string text) =>
        _store.RememberAsync(new RememberedThread(id, guild, Channel, null, "glutes-routine", DecisionCore.Title(text), Day.AddDays(id), _encoder.Embed(text)));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
