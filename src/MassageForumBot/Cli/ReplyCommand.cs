using System.CommandLine;
using MassageForumBot.Configuration;
using MassageForumBot.Decisions;
using MassageForumBot.Replies;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Cli;

/// <summary>
/// `reply`: the draft the bot would post, as plain text. Also the Facebook assisted mode: a moderator pastes a
/// Facebook group post and copies the draft back by hand (Facebook closed its Groups API; nothing is automated there).
/// A dry run of the decision core: nothing is claimed or stored.
/// </summary>
public static class ReplyCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("text") { Description = "The post. Omit it to read the post from standard input (all of it, as one post).", Arity = ArgumentArity.ZeroOrOne };
        var model = CommonOptions.Model();
        var tone = new Option<string?>("--tone") { Description = "brief or full (default: Bot:Tone from configuration)." };
        var command = new Command("reply", "Print the topic, the confidence and the reply exactly as it would be posted (plain text), with the evidence-note links. Paste a Facebook post to get a draft to post by hand.")
        {
            text, model, tone,
        };
        command.SetAction((parse, cancel) => CliErrors.Guard(async () =>
        {
            var post = parse.GetValue(text) ?? await CliInput.Open(null).ReadToEndAsync(cancel);
            var bot = CliConfiguration.Section<BotOptions>(BotOptions.Section);
            bot.Tone = parse.GetValue(tone) ?? bot.Tone;
            var plan = await DryRunAsync(post, bot, new LoadedClassifier(ClassifierFactory.Load(parse.GetValue(model))),
                new ReplyComposer(CliConfiguration.Topics(), CliConfiguration.NoteLinks()), cancel);
            Console.WriteLine(Render(plan));
            return 0;
        }));
        return command;
    }

    /// <summary>The decision core's dry run over a pasted post, with the configuration's policy and no history.</summary>
    public static async Task<PostPlan> DryRunAsync(string text, BotOptions bot, IPostClassifier classifier, ReplyComposer composer, CancellationToken cancel)
    {
        await using var memory = await EphemeralStore.CreateAsync(cancel);
        // A pasted post is in no channel: watch everything, whatever Bot:Channels says.
        bot.Channels = [];
        var options = Options.Create(bot);
        var policies = new GuildPolicy(memory.Store, classifier, options, TimeProvider.System);
        var core = new DecisionCore(policies, memory.Store, new RedFlagDetector(), classifier, memory.Store, memory.Store, memory.Store,
            new NoLinks(), composer, options, TimeProvider.System, NullLogger<DecisionCore>.Instance);
        var post = new IncomingPost(1, GuildId: 0, ChannelId: 0, ThreadId: null, AuthorId: 0, text, TimeProvider.System.GetUtcNow(), WatchedChannelId: 0);
        return await core.DryRunAsync(post, cancel);
    }

    /// <summary>What the verb prints: the classification line, then the reply or why there is none.</summary>
    public static string Render(PostPlan plan)
    {
        var head = plan.Prediction is { } p
            ? $"topic: {p.Topic}  confidence: {p.Confidence:F2}  threshold: {plan.Policy!.Threshold:F2}"
            : $"threshold: {plan.Policy!.Threshold:F2}";
        var body = plan.Ignored switch
        {
            null => Environment.NewLine + plan.Reply!.PlainText,
            IgnoreReason.RedFlag => $"no reply: the post mentions '{plan.RedFlag}', a clinical red flag; the bot never auto-answers these. A person should respond.",
            IgnoreReason.NotRecurringTopic => "no reply: not one of the recurring topics.",
            IgnoreReason.BelowThreshold => "no reply: confidence below the reply threshold.",
            IgnoreReason.EmptyText => "no reply: the post is empty.",
            _ => $"no reply: {plan.Reason}.",
        };
        return head + Environment.NewLine + body;
    }
}
