using MassageForumBot.Classification.Inference;
using MassageForumBot.Replies;
using MassageForumBot.Storage;
using MassageForumBot.Worker;
using Microsoft.Extensions.Hosting;

namespace MassageForumBot.ConsoleChannel;

/// <summary>
/// The embedded default when no Discord token is set: every line typed (or piped) on standard input is a new thread
/// starter in a local channel, and the bot prints what it would reply. Same pipeline, same SQLite store as Discord.
/// </summary>
public sealed class ConsoleChannelService(PostPipeline pipeline, ConsoleChannelIo io, IHostApplicationLifetime lifetime, TimeProvider time) : BackgroundService
{
    private long _sequence;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting before blocking on input
        await io.Output.WriteLineAsync("MassageForumBot console channel: type a post and press Enter (Ctrl+D to stop).");
        try
        {
            while (!stoppingToken.IsCancellationRequested && await io.Input.ReadLineAsync(stoppingToken) is { } line)
            {
                var text = Cli.CliInput.PostText(line);
                if (string.IsNullOrWhiteSpace(text)) continue;
                var result = await pipeline.HandleAsync(NewPost(text), new ConsoleReplyTarget(io.Output), stoppingToken);
                if (result.Outcome != PostOutcome.Replied)
                    await io.Output.WriteLineAsync($"(no reply: {result.Reason}; topic {result.Prediction?.Topic}, confidence {result.Prediction?.Confidence:F2})");
                await io.Output.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        lifetime.StopApplication();
    }

    private IncomingPost NewPost(string text)
    {
        var now = time.GetUtcNow();
        // Snowflake-shaped ids (time in the high bits) stay unique across runs that share the SQLite file.
        var id = ((ulong)(now.ToUnixTimeMilliseconds() - 1420070400000L) << 22) | ((ulong)Interlocked.Increment(ref _sequence) & 0x3FFFFF);
        return new IncomingPost(id, GuildId: 0, ChannelId: 0, ThreadId: null, AuthorId: 0, text, now);
    }
}

/// <summary>The console channel's input and output, injectable so tests can drive it.</summary>
public sealed record ConsoleChannelIo(TextReader Input, TextWriter Output);

/// <summary>Prints the plain-text reply, exactly as a moderator would copy it.</summary>
public sealed class ConsoleReplyTarget(TextWriter output) : IReplyTarget
{
    public bool IsLive => true;

    public async Task<ulong?> SendAsync(IncomingPost post, ComposedReply reply, Prediction prediction, string nonce, CancellationToken cancel)
    {
        await output.WriteLineAsync($"--- bot reply ({prediction.Topic}, {prediction.Confidence * 100:0}%) ---");
        await output.WriteLineAsync(reply.PlainText);
        await output.WriteLineAsync("---");
        return post.MessageId;
    }
}
