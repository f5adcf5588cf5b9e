using MassageForumBot.ConsoleChannel;
using MassageForumBot.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Tests.Configuration;

/// <summary>Bad configuration stops the host at start-up with a message that names the key.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("--Bot:Tone=loud", "Bot:Tone")]
    [InlineData("--Bot:ReplyThreshold=1.5", "Bot:ReplyThreshold")]
    [InlineData("--Storage:RetentionDays=0", "Storage:RetentionDays")]
    [InlineData("--Bot:Concurrency=0", "Bot:Concurrency")]
    [InlineData("--Storage:Provider=mysql", "Storage:Provider")]
    [InlineData("--Bot:QueueCapacity=0", "Bot:QueueCapacity")]
    public async Task An_invalid_value_stops_start_up_naming_the_key(string argument, string key)
    {
        string[] args = [argument, "--Discord:Token=", "--Storage:ConnectionString=Data Source=:memory:", "--Notes:BaseUrl=https://notes.example.org/", "--Web:ListenUrl=http://127.0.0.1:0/"];
        using var host = BotHost.CreateBuilder(args, new ConsoleChannelIo(new StringReader(""), new StringWriter())).Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key, string.Join(" ", error.Failures), StringComparison.Ordinal);
    }
}

public sealed class StorageProviderConfigurationTests
{
    [Theory]
    [InlineData("Data Source=massageforumbot.db", "Storage:ConnectionString is not an Npgsql connection string")]
    [InlineData("Database=bot;Username=bot", "it names no Host")]
    public async Task Postgres_without_a_usable_npgsql_connection_string_stops_start_up_naming_the_key(string connectionString, string expected)
    {
        string[] args = ["--Storage:Provider=postgres", $"--Storage:ConnectionString={connectionString}", "--Discord:Token=", "--Notes:BaseUrl=https://notes.example.org/"];
        using var host = BotHost.CreateBuilder(args, new ConsoleChannelIo(new StringReader(""), new StringWriter())).Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, string.Join(" ", error.Failures), StringComparison.Ordinal);
    }
}

/// <summary>Notes:BaseUrl is posted to members, so it must be an https address on a public host.</summary>
public sealed class NotesBaseUrlValidationTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080/notes/", "loopback or private host")]
    [InlineData("https://127.0.0.1:5080/notes/", "loopback or private host")]
    [InlineData("https://localhost/notes/", "loopback or private host")]
    [InlineData("https://192.168.1.20/notes/", "loopback or private host")]
    [InlineData("https://10.1.2.3/notes/", "loopback or private host")]
    [InlineData("https://[::1]/notes/", "loopback or private host")]
    [InlineData("https://notes-box.local/notes/", "loopback or private host")]
    [InlineData("http://notes.example.org/notes/", "must be an https URL")]
    public async Task A_base_url_members_cannot_open_stops_start_up_naming_the_key(string baseUrl, string reason)
    {
        string[] args = ["--Discord:Token=", "--Storage:ConnectionString=Data Source=:memory:", "--Notes:BaseUrl=" + baseUrl];
        using var host = BotHost.CreateBuilder(args, new ConsoleChannelIo(new StringReader(""), new StringWriter())).Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var message = string.Join(" ", error.Failures);
        Assert.Contains("Notes:BaseUrl", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }
}

public sealed class ShardConfigurationTests
{
    [Fact]
    public async Task A_shard_id_outside_the_shard_count_stops_start_up_naming_both_keys()
    {
        string[] args = ["--Discord:ShardId=2", "--Discord:ShardCount=2", "--Discord:Token=", "--Storage:ConnectionString=Data Source=:memory:", "--Notes:BaseUrl=https://notes.example.org/", "--Web:ListenUrl=http://127.0.0.1:0/"];
        using var host = BotHost.CreateBuilder(args, new ConsoleChannelIo(new StringReader(""), new StringWriter())).Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Discord:ShardId (2) must be less than Discord:ShardCount (2)", string.Join(" ", error.Failures), StringComparison.Ordinal);
    }
}

public sealed class DiscordSettingsTests
{
    [Fact]
    public async Task A_token_with_the_Bot_prefix_stops_start_up_before_anything_connects()
    {
        string[] args = ["--Discord:Token=Bot abc.def", "--Discord:ApiBaseUrl=http://127.0.0.1:9/api", "--Web:ListenUrl=http://127.0.0.1:0/", "--Storage:ConnectionString=Data Source=:memory:", "--Notes:BaseUrl=https://notes.example.org/"];
        using var host = BotHost.CreateBuilder(args).Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var failure = Assert.Single(error.Failures);
        Assert.Equal("Discord:Token must be the bare token, without the \"Bot \" prefix.", failure);
        Assert.DoesNotContain("abc.def", failure, StringComparison.Ordinal);
    }
}

public sealed class ConfigurationTypeTests
{
    [Fact]
    public async Task A_value_of_the_wrong_type_fails_start_up_naming_the_key_and_the_value()
    {
        string[] args = ["--Bot:Mode=loud", "--Discord:Token=", "--Storage:ConnectionString=Data Source=:memory:", "--Notes:BaseUrl=https://notes.example.org/", "--Web:ListenUrl=http://127.0.0.1:0/"];

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            using var host = BotHost.CreateBuilder(args, new ConsoleChannelIo(new StringReader(""), new StringWriter())).Build();
            await host.StartAsync();
        });

        Assert.StartsWith("Failed to convert configuration value", error.Message, StringComparison.Ordinal);
        Assert.Contains("'loud' at 'Bot:Mode'", error.Message, StringComparison.Ordinal);
    }
}
