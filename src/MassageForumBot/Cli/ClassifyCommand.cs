using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using MassageForumBot.Classification;
using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Cli;

/// <summary>`classify`: one JSON object per input line, in order, for the worker and outside tools.</summary>
public static class ClassifyCommand
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input", "-i") { Description = "File of posts, one per line (plain text, or a JSON object with a \"text\" field). Default: standard input." };
        var model = CommonOptions.Model();
        var command = new Command("classify", "Classify posts: prints {\"text\",\"topic\",\"confidence\",\"reply\",\"scores\"} as one JSON line per input line.") { input, model };
        command.SetAction((parse, cancel) => CliErrors.Guard(async () =>
        {
            var classifier = ClassifierFactory.Load(parse.GetValue(model));
            using var reader = CliInput.Open(parse.GetValue(input));
            await using var stdout = Console.OpenStandardOutput();
            while (await reader.ReadLineAsync(cancel) is { } line)
            {
                var text = CliInput.PostText(line);
                Write(stdout, text, classifier.Classify(text));
            }
            return 0;
        }));
        return command;
    }

    public static void Write(Stream output, string text, Prediction prediction)
    {
        using (var json = new Utf8JsonWriter(output, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("text", text);
            json.WriteString("topic", prediction.Topic);
            json.WriteNumber("confidence", prediction.Confidence);
            json.WriteBoolean("reply", prediction.Reply);
            json.WriteStartObject("scores");
            foreach (var (label, score) in prediction.Scores) json.WriteNumber(label, score);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
        output.Flush();
    }
}
