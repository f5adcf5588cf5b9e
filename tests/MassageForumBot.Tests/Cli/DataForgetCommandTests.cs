using MassageForumBot.Cli;
using MassageForumBot.Storage;
using MassageForumBot.Storage.Sqlite;

namespace MassageForumBot.Tests.Cli;

public sealed class DataForgetCommandTests : IAsyncLifetime
{
    private const ulong GuildA = 500, GuildB = 600, Member = 42, Other = 43;
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly LoopTempFolder _temp = new();
    private SqliteBotStore _store = null!;

    private string Db => _temp.File("bot.db");

    public async Task InitializeAsync()
    {
        _store = new SqliteBotStore($"Data Source={Db}");
        await _store.InitializeAsync();
        await StoreAsync(1, GuildA, Member);
        await StoreAsync(2, GuildB, Member);
        await StoreAsync(3, GuildA, Other);
    }

    private async Task StoreAsync(ulong post, ulong guild, ulong author)
    {
        await _store.RecordDecisionAsync(new PostDecision(post, guild, 20, author, "glutes-routine", 0.9, "{}", PostOutcome.Replied, "r", T0));
        await _store.RememberAsync(new RememberedThread(post, guild, 20, null, "glutes-routine", $"title {post}", T0, [1f]) { AuthorId = author });
        await _store.RecordFeedbackAsync(new Feedback(post, 99, guild, FeedbackKinds.Helpful, "glutes-routine", null, "the post text", true, T0));
    }

    private static Task<(int Exit, string Output)> Run(params string[] args) =>
        LearningLoopCli.RunAsync(["data", "forget", .. args], DataCommand.Create());

    [Fact]
    public async Task Forget_user_removes_their_posts_in_every_guild_and_says_what_went()
    {
        var (exit, output) = await Run("--user", $"{Member}", "--db", $"Data Source={Db}");

        Assert.Equal(0, exit);
        Assert.Contains($"user {Member}: forgot 2 post decision(s), 2 remembered thread(s) (titles and vectors), 2 feedback row(s)", output, StringComparison.Ordinal);
        Assert.Contains("not opted out", output, StringComparison.Ordinal);
        Assert.Null(await _store.GetDecisionAsync(1));
        Assert.Null(await _store.GetDecisionAsync(2));
        Assert.NotNull(await _store.GetDecisionAsync(3));
        Assert.Empty(await _store.ThreadsAsync(GuildB, "glutes-routine", 10));
        Assert.Equal(0, (await _store.MemberDataAsync(Member, 10)).Posts);
        Assert.False(await _store.IsOptedOutAsync(Member));
    }

    [Fact]
    public async Task Forget_user_with_opt_out_also_stops_future_storage()
    {
        var (exit, output) = await Run("--user", $"{Member}", "--opt-out", "--db", $"Data Source={Db}");

        Assert.Equal(0, exit);
        Assert.Contains("is opted out", output, StringComparison.Ordinal);
        Assert.True(await _store.IsOptedOutAsync(Member));
        Assert.False(await _store.RecordDecisionAsync(new PostDecision(9, GuildA, 20, Member, "t", 0.5, "{}", PostOutcome.Replied, "r", T0)));
    }

    [Fact]
    public async Task Forget_guild_removes_that_guild_only()
    {
        var (exit, output) = await Run("--guild", $"{GuildA}", "--db", $"Data Source={Db}");

        Assert.Equal(0, exit);
        Assert.Contains($"server {GuildA}: forgot 2 post decision(s)", output, StringComparison.Ordinal);
        Assert.Null(await _store.GetDecisionAsync(1));
        Assert.Null(await _store.GetDecisionAsync(3));
        Assert.NotNull(await _store.GetDecisionAsync(2));
    }

    [Theory]
    [InlineData("--user", "abc")]
    [InlineData("--user", "-5")]
    [InlineData("--user", "0")]
    [InlineData("--guild", "12.5")]
    public async Task A_bad_id_is_a_clear_error_with_exit_code_1_and_nothing_is_forgotten(string option, string value)
    {
        var (exit, output) = await Run(option, value, "--db", $"Data Source={Db}");

        Assert.Equal(1, exit);
        Assert.Contains($"error: {option} takes a Discord", output, StringComparison.Ordinal);
        Assert.Contains($"not '{value}'", output, StringComparison.Ordinal);
        Assert.NotNull(await _store.GetDecisionAsync(1));
    }

    [Fact]
    public async Task Neither_user_nor_guild_is_an_error()
    {
        var (exit, output) = await Run("--db", $"Data Source={Db}");

        Assert.Equal(1, exit);
        Assert.Contains("error: give --user <user id> or --guild <server id>", output, StringComparison.Ordinal);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
