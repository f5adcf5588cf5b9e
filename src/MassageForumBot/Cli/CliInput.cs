using System.Text;
using System.Text.Json;

namespace MassageForumBot.Cli;

/// <summary>Reads posts for the classify and reply verbs: a file or standard input, a post per line.</summary>
public static class CliInput
{
    // Invalid UTF-8 is replaced with U+FFFD rather than ending the run.
    private static readonly Encoding Utf8 = new UTF8Encoding(false, throwOnInvalidBytes: false);

    public static TextReader Open(FileInfo? input) =>
        input is null
            ? new StreamReader(Console.OpenStandardInput(), Utf8)
            : new StreamReader(input.FullName, Utf8);

    /// <summary>A line that is a JSON object with a string "text" is a post; any other line is the post's text.</summary>
    public static string PostText(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("text", out var text)
                    && text.ValueKind == JsonValueKind.String)
                    return text.GetString()!;
            }
            catch (JsonException)
            {
                // Not JSON after all: the line is the text.
            }
        }
        return line;
    }
}
