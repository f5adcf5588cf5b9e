using System.IO.Compression;
using System.Text.Json;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MassageForumBot.Classification.Inference;

/// <summary>
/// One file holds a model: a zip with the ML.NET pipeline (model.zip) and its manifest (manifest.json).
/// Saving writes a temporary file beside the target and renames it over, so a failed save never leaves a half-written model.
/// </summary>
public static class ModelBundle
{
    private const string PipelineEntry = "model.zip";
    private const string ManifestEntry = "manifest.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Save(string path, MLContext ml, TrainedModel model, ModelManifest manifest)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = File.Create(temporary))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                using (var pipeline = zip.CreateEntry(PipelineEntry, CompressionLevel.NoCompression).Open())
                    ml.Model.Save(model.Transformer, model.InputSchema, pipeline);
                using var manifestStream = zip.CreateEntry(ManifestEntry).Open();
                JsonSerializer.Serialize(manifestStream, manifest, Json);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public static (ITransformer Transformer, DataViewSchema InputSchema, ModelManifest Manifest) Load(string path, MLContext ml)
    {
        if (!File.Exists(path))
            throw new ModelLoadException($"model file not found: {Path.GetFullPath(path)}. Train one with: dotnet run --project src/MassageForumBot -- train --data models/data --out {path}");
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw new InvalidDataException($"no {ManifestEntry} inside");
            ModelManifest manifest;
            using (var stream = manifestEntry.Open())
                manifest = JsonSerializer.Deserialize<ModelManifest>(stream, Json) ?? throw new InvalidDataException("empty manifest");
            var pipelineEntry = zip.GetEntry(PipelineEntry) ?? throw new InvalidDataException($"no {PipelineEntry} inside");
            // ML.NET needs a seekable stream.
            using var buffer = new MemoryStream();
            using (var stream = pipelineEntry.Open()) stream.CopyTo(buffer);
            buffer.Position = 0;
            var transformer = ml.Model.Load(buffer, out var schema);
            // A manifest that does not fit its pipeline would make every prediction wrong or crash: refuse it here.
            if (!Enum.TryParse<FeatureSet>(manifest.Features, out var features) || !Enum.IsDefined(features))
                throw new InvalidDataException($"unknown feature set '{manifest.Features}' in {ManifestEntry}");
            var scores = (transformer.GetOutputSchema(schema)["Score"].Type as VectorDataViewType)?.Size ?? 0;
            if (scores != manifest.Labels.Count)
                throw new InvalidDataException($"{ManifestEntry} names {manifest.Labels.Count} labels but the pipeline gives {scores} scores");
            return (transformer, schema, manifest);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new ModelLoadException($"model file is corrupt or not a MassageForumBot model: {Path.GetFullPath(path)} ({e.Message}). Retrain with: dotnet run --project src/MassageForumBot -- train --data models/data --out {path}", e);
        }
    }

    public static ModelManifest ReadManifest(string path) => Load(path, new MLContext()).Manifest;

    /// <summary>Only the manifest, without loading the pipeline (fast; does not check that the two fit).</summary>
    public static ModelManifest ReadManifestOnly(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.GetEntry(ManifestEntry) ?? throw new InvalidDataException($"no {ManifestEntry} inside");
            using var stream = entry.Open();
            return JsonSerializer.Deserialize<ModelManifest>(stream, Json) ?? throw new InvalidDataException("empty manifest");
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
        {
            throw new ModelLoadException($"cannot read the manifest of {Path.GetFullPath(path)} ({e.Message})", e);
        }
    }
}
