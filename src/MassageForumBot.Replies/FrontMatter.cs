using System.Globalization;
using System.Text.RegularExpressions;

namespace MassageForumBot.Replies;

/// <summary>One value in front matter: a scalar or a list, and the line it started on.</summary>
internal sealed record FrontMatterValue(string? Scalar, IReadOnlyList<string>? List, int Line);

/// <summary>
/// The small YAML-like subset the content files use: <c>key: value</c>, quoted values,
/// inline lists <c>[a, b]</c> and block lists of <c>- item</c> lines. Anything else is an error naming the line.
/// </summary>
internal sealed partial class FrontMatter
{
    private readonly Dictionary<string, FrontMatterValue> _values;

    private FrontMatter(string filePath, Dictionary<string, FrontMatterValue> values, string body, int bodyStartLine)
    {
        FilePath = filePath;
        _values = values;
        Body = body;
        BodyStartLine = bodyStartLine;
    }

    public string FilePath { get; }

    public string Body { get; }

    public int BodyStartLine { get; }

    public IReadOnlyCollection<string> Keys => _values.Keys;

    public static FrontMatter Parse(string text, string filePath)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            throw new TopicContentException(filePath, "missing front matter: the file must start with a line '---'", 1);
        }

        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
        if (close < 0)
        {
            throw new TopicContentException(filePath, "front matter is not closed: no second '---' line");
        }

        var values = new Dictionary<string, FrontMatterValue>(StringComparer.Ordinal);
        string? listKey = null;
        List<string>? listItems = null;
        var listLine = 0;

        void FlushList()
        {
            if (listKey is not null)
            {
                values[listKey] = new FrontMatterValue(null, listItems!.ToArray(), listLine);
                listKey = null;
                listItems = null;
            }
        }

        for (var i = 1; i < close; i++)
        {
            var lineNumber = i + 1;
            var raw = lines[i];
            var trimmed = raw.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (trimmed == "-" || trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                if (listKey is null)
                {
                    throw new TopicContentException(filePath, "list item without a key above it (expected 'key:' on its own line first)", lineNumber);
                }

                var item = Unquote(trimmed.Length > 1 ? trimmed[2..].Trim() : string.Empty, filePath, lineNumber);
                if (item.Length == 0)
                {
                    throw new TopicContentException(filePath, $"empty item in list '{listKey}'", lineNumber);
                }

                listItems!.Add(item);
                continue;
            }

            if (char.IsWhiteSpace(raw[0]))
            {
                throw new TopicContentException(filePath, "unexpected indented line (only '- item' lines may be indented)", lineNumber);
            }

            FlushList();
            var match = KeyValue().Match(raw);
            if (!match.Success)
            {
                throw new TopicContentException(filePath, $"expected 'key: value' but found '{Shorten(trimmed)}'", lineNumber);
            }

            var key = match.Groups[1].Value;
            if (values.ContainsKey(key))
            {
                throw new TopicContentException(filePath, $"key '{key}' appears twice", lineNumber);
            }

            var value = match.Groups[2].Value.Trim();
            if (value.Length == 0)
            {
                listKey = key;
                listItems = [];
                listLine = lineNumber;
                values[key] = new FrontMatterValue(null, Array.Empty<string>(), lineNumber);
            }
            else if (value.StartsWith('['))
            {
                if (!value.EndsWith(']'))
                {
                    throw new TopicContentException(filePath, $"list for '{key}' starts with '[' but does not end with ']'", lineNumber);
                }

                var items = value[1..^1]
                    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(v => Unquote(v, filePath, lineNumber))
                    .Where(v => v.Length > 0)
                    .ToArray();
                values[key] = new FrontMatterValue(null, items, lineNumber);
            }
            else
            {
                values[key] = new FrontMatterValue(Unquote(value, filePath, lineNumber), null, lineNumber);
            }
        }

        FlushList();
        var body = string.Join('\n', lines.Skip(close + 1)).Trim();
        return new FrontMatter(filePath, values, body, close + 2);
    }

    /// <summary>A scalar value, or null when the key is missing or empty.</summary>
    public string? Scalar(string key)
    {
        if (!_values.TryGetValue(key, out var value))
        {
            return null;
        }

        if (value.List is not null)
        {
            if (value.List.Count == 0)
            {
                return null;
            }

            throw new TopicContentException(FilePath, $"'{key}' must be a single value, not a list", value.Line);
        }

        return string.IsNullOrWhiteSpace(value.Scalar) ? null : value.Scalar;
    }

    /// <summary>A required scalar value.</summary>
    public string RequiredScalar(string key) =>
        Scalar(key) ?? throw new TopicContentException(FilePath, $"missing required field '{key}'");

    /// <summary>A list value (a single scalar counts as a one-item list); empty when missing.</summary>
    public IReadOnlyList<string> List(string key)
    {
        if (!_values.TryGetValue(key, out var value))
        {
            return Array.Empty<string>();
        }

        return value.List ?? (string.IsNullOrWhiteSpace(value.Scalar) ? Array.Empty<string>() : [value.Scalar]);
    }

    /// <summary>A date value in yyyy-MM-dd form, or null when missing.</summary>
    public DateOnly? Date(string key)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new TopicContentException(FilePath, $"'{key}' must be a date written yyyy-MM-dd, not '{Shorten(text)}'", _values[key].Line);
        }

        return date;
    }

    private static string Unquote(string value, string filePath, int line)
    {
        if (value.Length == 0)
        {
            return value;
        }

        var quote = value[0];
        if (quote is not ('"' or '\''))
        {
            return value;
        }

        if (value.Length < 2 || value[^1] != quote)
        {
            throw new TopicContentException(filePath, $"unterminated quoted value {Shorten(value)}", line);
        }

        var inner = value[1..^1];
        return quote == '"'
            ? inner.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : inner.Replace("''", "'", StringComparison.Ordinal);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(.*)$")]
    private static partial Regex KeyValue();
}
