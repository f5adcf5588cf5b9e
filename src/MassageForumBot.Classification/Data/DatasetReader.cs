using System.Text;
using System.Text.Json;

namespace MassageForumBot.Classification.Data;

/// <summary>
/// Reads labelled posts from JSON Lines or TSV files (or every such file in a folder).
/// Columns: id, text, label, source, and optional group and register. Anything else is refused, with file and line.
/// A real post (source is a page URL) must also say its register (question, comment, blog or client).
/// </summary>
public static class DatasetReader
{
    public static readonly IReadOnlyList<string> RequiredColumns = ["id", "text", "label", "source"];
    public static readonly IReadOnlyList<string> KnownColumns = ["id", "text", "label", "source", "group", "register"];

    // Invalid UTF-8 becomes U+FFFD instead of an exception: one bad byte must not lose a dataset.
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static IReadOnlyList<LabelledPost> Read(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*.*", SearchOption.TopDirectoryOnly)
                .Where(f => f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
                throw new DatasetException($"{path}: the folder holds no .jsonl or .tsv files.");
            var all = files.SelectMany(ReadFile).ToList();
            RejectDuplicateIds(all);
            return all;
        }
        if (!File.Exists(path))
            throw new DatasetException($"{path}: no such file or folder.");
        var rows = ReadFile(path);
        RejectDuplicateIds(rows);
        return rows;
    }

    private static List<LabelledPost> ReadFile(string file) =>
        file.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? ReadTsv(file) : ReadJsonLines(file);

    private static List<LabelledPost> ReadJsonLines(string file)
    {
        var rows = new List<LabelledPost>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file, Utf8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var where = $"{Path.GetFileName(file)}:{lineNumber}";
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException e) { throw new DatasetException($"{where}: not a JSON object ({e.Message})."); }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw new DatasetException($"{where}: expected a JSON object.");
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                        throw new DatasetException($"{where}: column '{property.Name}' must be a string.");
                    fields[property.Name] = property.Value.GetString()!;
                }
                rows.Add(ToPost(fields, where));
            }
        }
        return rows;
    }

    private static List<LabelledPost> ReadTsv(string file)
    {
        var rows = new List<LabelledPost>();
        using var reader = new StreamReader(file, Utf8);
        var header = reader.ReadLine() ?? throw new DatasetException($"{Path.GetFileName(file)}:1: empty file, expected a header line.");
        var columns = header.Split('\t');
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var where = $"{Path.GetFileName(file)}:{lineNumber}";
            var cells = line.Split('\t');
            if (cells.Length != columns.Length)
                throw new DatasetException($"{where}: {cells.Length} cells, the header has {columns.Length}.");
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length; i++)
                fields[columns[i]] = cells[i].Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal);
            rows.Add(ToPost(fields, where));
        }
        return rows;
    }

    private static LabelledPost ToPost(Dictionary<string, string> fields, string where)
    {
        var unknown = fields.Keys.Where(k => !KnownColumns.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new DatasetException($"{where}: unknown column(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; known columns are {string.Join(", ", KnownColumns)}.");
        foreach (var column in RequiredColumns)
            if (!fields.ContainsKey(column))
                throw new DatasetException($"{where}: missing column '{column}'.");
        if (string.IsNullOrWhiteSpace(fields["id"]))
            throw new DatasetException($"{where}: empty id.");
        if (string.IsNullOrWhiteSpace(fields["text"]))
            throw new DatasetException($"{where}: empty text (id '{fields["id"]}').");
        if (string.IsNullOrWhiteSpace(fields["label"]))
            throw new DatasetException($"{where}: empty label (id '{fields["id"]}').");
        var label = fields["label"].Trim();
        if (!IsLabelShaped(label))
            throw new DatasetException($"{where}: label '{label}' (id '{fields["id"]}') is not a label name: lower-case letters, digits and '-', such as glutes-routine or other.");
        var source = fields["source"].Trim();
        if (source.Length == 0)
            throw new DatasetException($"{where}: empty source (id '{fields["id"]}'); give the page URL, or synthetic:<style> for a written post.");
        var register = fields.TryGetValue("register", out var r) && !string.IsNullOrWhiteSpace(r) ? r.Trim() : null;
        if (register is not null && !Registers.IsKnown(register))
            throw new DatasetException($"{where}: register '{register}' (id '{fields["id"]}') is not one of {string.Join(", ", Registers.All)}.");
        if (PostOrigin.IsWebSource(source))
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || !uri.Host.Contains('.'))
                throw new DatasetException($"{where}: source '{source}' (id '{fields["id"]}') is not a page URL.");
            if (register is null)
                throw new DatasetException($"{where}: a real post (id '{fields["id"]}', source {source}) needs a register: one of {string.Join(", ", Registers.All)}.");
        }
        var group = fields.TryGetValue("group", out var g) && !string.IsNullOrWhiteSpace(g) ? g.Trim() : fields["id"].Trim();
        return new LabelledPost(fields["id"].Trim(), fields["text"], label, source, group) { Location = where, Register = register };
    }

    private static bool IsLabelShaped(string label) =>
        label.Length > 0 && label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static void RejectDuplicateIds(IReadOnlyList<LabelledPost> rows)
    {
        var seen = new Dictionary<string, LabelledPost>(StringComparer.Ordinal);
        foreach (var row in rows)
            if (!seen.TryAdd(row.Id, row))
                throw new DatasetException($"{row.Location}: duplicate id '{row.Id}' (first at {seen[row.Id].Location}).");
    }
}
