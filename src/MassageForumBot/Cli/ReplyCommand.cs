using System.CommandLine;
using MassageForumBot.Configuration;
using MassageForumBot.Replies;
using MassageForumBot.Worker;

namespace MassageForumBot.Cli;

/// <summary>
/// `reply`: the draft the bot would post, as plain text. Also the Facebook assisted mode: a moderator pastes a
/// Facebook group post and copies the draft back by hand (Facebook closed its Groups API; nothing is automated there).
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
            var classifier = ClassifierFactory.Load(parse.GetValue(model), bot.ReplyThreshold);
            var composer = new ReplyComposer(CliConfiguration.Topics(), CliConfiguration.NoteLinks());
            var prediction = classifier.Classify(post);
            Console.WriteLine($"topic: {prediction.Topic}  confidence: {prediction.Confidence:F2}  threshold: {classifier.Policy.Threshold:F2}");
            var redFlag = RedFlagDetector.Find(post);
            if (redFlag is not null)
            {
                Console.WriteLine($"no reply: the post mentions '{redFlag}', a clinical red flag; the bot never auto-answers these. A person should respond.");
                return 0;
            }
            if (!prediction.Reply)
            {
                Console.WriteLine(prediction.Topic == "other" ? "no reply: not one of the recurring topics." : "no reply: confidence below the reply threshold.");
                return 0;
            }
            var reply = composer.Compose(new ReplyRequest(prediction.Topic, prediction.Confidence, ReplyTones.Parse(parse.GetValue(tone) ?? bot.Tone), []));
            Console.WriteLine();
            Console.WriteLine(reply.PlainText);
            return 0;
        }));
        return command;
    }
}
