using MassageForumBot.ConsoleChannel;
using MassageForumBot.Storage.Sqlite;
using MassageForumBot.Worker;
using Microsoft.Extensions.Hosting;

namespace MassageForumBot.Tests.ConsoleChannel;

/// <summary>`run` without a token: posts from standard input, replies on standard output, a real SQLite file.</summary>
public sealed class ConsoleChannelTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mfb-console-" + Guid.NewGuid().ToString("N"));

    public ConsoleChannelTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Without_a_token_the_bot_answers_recurring_posts_typed_on_the_console_and_skips_the_rest()
    {
        var input = new StringReader(string.Join('\n',
            "A new client said nobody had ever massaged her glutes before. Doesn't everyone include the glutes?",
            "{\"text\": \"what's everyone charging for 60 minutes in 2026?\"}",
            "client says no therapist has ever touched her glutes in a full body, is that normal or do most of you skip them?"));
        var output = new StringWriter();

        await RunAsync(input, output);

        var text = output.ToString();
        var replies = text.Split("--- bot reply (", StringSplitOptions.None).Length - 1;
        Assert.Equal(2, replies);
        Assert.Contains("glutes-routine", text, StringComparison.Ordinal);
        Assert.Contains("no reply: not a recurring topic", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "console.db")));
    }

    [Fact]
    public async Task Replies_are_remembered_in_the_SQLite_file_across_runs()
    {
        await RunAsync(new StringReader("do you all include glutes in a full body massage or skip them?"), new StringWriter());
        await RunAsync(new StringReader("honest question: is it standard to include glutes in a full body or do most people skip?"), new StringWriter());

        var store = new SqliteBotStore($"Data Source={Path.Combine(_folder, "console.db")}");
        var remembered = await store.ThreadsAsync(guildId: 0, "glutes-routine", limit: 10);
        Assert.Equal(2, remembered.Count);
        Assert.NotEqual(remembered[0].MessageId, remembered[1].MessageId);
    }

    private async Task RunAsync(TextReader input, TextWriter output)
    {
        string[] args = [$"--Storage:ConnectionString=Data Source={Path.Combine(_folder, "console.db")}", "--Notes:BaseUrl=https://notes.example.org/", "--Web:ListenUrl=http://127.0.0.1:0/", "--Discord:Token="];
        using var host = BotHost.CreateBuilder(args, new ConsoleChannelIo(input, output)).Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // The console channel stops the host when its input ends.
        await host.RunAsync(timeout.Token);
        Assert.False(timeout.IsCancellationRequested, "the console channel should stop by itself at the end of input");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
