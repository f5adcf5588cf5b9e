using MassageForumBot.Decisions;
using MassageForumBot.Storage;
using Microsoft.Extensions.Hosting;

namespace MassageForumBot.ConsoleChannel;

/// <summary>
/// The embedded default when no Discord token is set: every line typed (or piped) on standard input is a new thread
/// starter in a local channel, and the bot prints what it would reply. Same decision core, same SQLite store as Discord.
/// </summary>
public sealed class ConsoleChannelService : BackgroundService
{
    private readonly PostHandler _posts;
    private readonly ConsoleChannelIo _io;
    private readonly ConsolePlanSender _sender;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private long _sequence;

    public ConsoleChannelService(PostHandler posts, ConsoleChannelIo io, IHostApplicationLifetime lifetime, TimeProvider time)
    {
        _posts = posts;
        _io = io;
        _sender = new ConsolePlanSender(io.Output);
        _lifetime = lifetime;
        _time = time;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting before blocking on input
        await _io.Output.WriteLineAsync("MassageForumBot console channel: type a post and press Enter (Ctrl+D to stop).");
        try
        {
            while (!stoppingToken.IsCancellationRequested && await _io.Input.ReadLineAsync(stoppingToken) is { } line)
            {
                var text = Cli.CliInput.PostText(line);
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }
                var handled = await _posts.HandleAsync(NewPost(text), _sender, stoppingToken);
                if (handled.Outcome is not (PostOutcome.Replied or PostOutcome.ShadowDraft))
                {
                    var prediction = handled.Plan.Prediction;
                    await _io.Output.WriteLineAsync($"(no reply: {handled.Reason}; topic {prediction?.Topic}, confidence {prediction?.Confidence:F2})");
                }
                await _io.Output.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        _lifetime.StopApplication();
    }

    private IncomingPost NewPost(string text)
    {
        var now = _time.GetUtcNow();
        // Snowflake-shaped ids (time in the high bits) stay unique across runs that share the SQLite file.
        var id = ((ulong)(now.ToUnixTimeMilliseconds() - 1420070400000L) << 22) | ((ulong)Interlocked.Increment(ref _sequence) & 0x3FFFFF);
        return new IncomingPost(id, GuildId: 0, ChannelId: 0, ThreadId: null, AuthorId: 0, text, now, WatchedChannelId: 0);
    }
}

/// <summary>The console channel's input and output, injectable so tests can drive it.</summary>
public sealed record ConsoleChannelIo(TextReader Input, TextWriter Output);

/// <summary>Prints the plain-text reply exactly as a moderator would copy it; a shadow draft says it is one.</summary>
public sealed class ConsolePlanSender : IPlanSender
{
    private readonly TextWriter _output;

    public ConsolePlanSender(TextWriter output)
    {
        _output = output;
    }

    public async Task<ulong?> SendAsync(PostPlan plan, CancellationToken cancel)
    {
        var prediction = plan.Prediction!;
        // The console is read by the person running it, so a shadow draft is shown like a reply, marked as a draft.
        var draft = plan.Kind == PlanKind.DraftToModerators ? "shadow draft: " : "";
        await _output.WriteLineAsync($"--- bot reply ({draft}{prediction.Topic}, {prediction.Confidence * 100:0}%) ---");
        await _output.WriteLineAsync(plan.Reply!.PlainText);
        await _output.WriteLineAsync("---");
        return plan.Post.MessageId;
    }

    public async Task NotifyRedFlagAsync(PostPlan plan, CancellationToken cancel)
    {
        await _output.WriteLineAsync($"(red flag '{plan.RedFlag}': not answered; a person should respond)");
    }
}
