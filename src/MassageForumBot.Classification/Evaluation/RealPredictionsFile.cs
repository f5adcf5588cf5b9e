using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Classification.Evaluation;

/// <summary>
/// <c>real-predictions.jsonl</c> beside a model: its out-of-site predictions for every real post, one JSON object a line after
/// a header line naming the model and its threshold. A fast test judges the shipped model against the keyword rule from it
/// without loading the model.
/// </summary>
public static class RealPredictionsFile
{
    public const string FileName = "real-predictions.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record Header(string Model, double Threshold, string KeywordRule, int Rows);

    public sealed record Line(string Id, string Label, string Site, string? Register, string Topic, double Confidence, bool Reply, bool KeywordRule);

    public static string PathBeside(string modelPath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, FileName);

    public static void Write(string path, ModelManifest manifest, IReadOnlyList<LabelledPost> rows)
    {
        if (manifest.Real is null) return;
        var policy = new ReplyPolicy(manifest.ReplyThreshold);
        var sb = new StringBuilder();
        sb.AppendLine(JsonSerializer.Serialize(new Header(manifest.Version, manifest.ReplyThreshold, KeywordRule.Pattern, manifest.Real.Predictions.Count), Json));
        foreach (var s in RealPostFigures.Join(manifest.Real.Predictions, rows))
            sb.AppendLine(JsonSerializer.Serialize(new Line(s.Post.Id, s.Post.Label, PostOrigin.Site(s.Post.Source), s.Post.Register, s.Topic, s.Confidence,
                policy.ShouldReply(s.Topic, s.Confidence), KeywordRule.Replies(s.Post.Text)), Json));
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    public static (Header Header, IReadOnlyList<Line> Lines) Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (lines.Count == 0) throw new InvalidDataException($"{path}: empty");
        var header = JsonSerializer.Deserialize<Header>(lines[0], Json) ?? throw new InvalidDataException($"{path}:1: no header");
        return (header, lines.Skip(1).Select((l, i) => JsonSerializer.Deserialize<Line>(l, Json) ?? throw new InvalidDataException($"{path}:{i + 2}: empty line")).ToList());
    }
}
