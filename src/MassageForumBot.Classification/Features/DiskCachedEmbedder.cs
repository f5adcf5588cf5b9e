using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MassageForumBot.Classification.Features;

/// <summary>
/// Keeps sentence vectors in a file between training runs (keyed by the encoder's name and a hash of the text), so a
/// retrain after new rows arrive encodes only the new texts. <see cref="Save"/> writes aside and renames; a missing,
/// unreadable or other-encoder file is simply a cold cache.
/// </summary>
public sealed class DiskCachedEmbedder : ISentenceEmbedder
{
    private const int Magic = 0x4D464245; // "MFBE"

    private readonly ISentenceEmbedder _inner;
    private readonly string _path;
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private int _added;

    public DiskCachedEmbedder(ISentenceEmbedder inner, string path)
    {
        _inner = inner;
        _path = path;
        Load();
    }

    public string Name => _inner.Name;

    public int Dimensions => _inner.Dimensions;

    public int Count => _vectors.Count;

    public float[] Embed(string text) => _vectors.GetOrAdd(Key(text), _ =>
    {
        Interlocked.Increment(ref _added);
        return _inner.Embed(text);
    });

    public IReadOnlyList<float[]> EmbedMany(IReadOnlyList<string> texts)
    {
        var missing = texts.Where(t => !_vectors.ContainsKey(Key(t))).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var vectors = _inner.EmbedMany(missing);
            for (var i = 0; i < missing.Count; i++)
                if (_vectors.TryAdd(Key(missing[i]), vectors[i])) Interlocked.Increment(ref _added);
        }
        return texts.Select(t => _vectors[Key(t)]).ToList();
    }

    /// <summary>Writes the cache when it learned new vectors.</summary>
    public void Save()
    {
        if (Volatile.Read(ref _added) == 0) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(_path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                writer.Write(Magic);
                writer.Write(Name);
                writer.Write(Dimensions);
                writer.Write(_vectors.Count);
                foreach (var (key, vector) in _vectors)
                {
                    writer.Write(key);
                    foreach (var v in vector) writer.Write(v);
                }
            }
            File.Move(temporary, _path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private void Load()
    {
        if (!File.Exists(_path)) return;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(_path));
            if (reader.ReadInt32() != Magic || reader.ReadString() != Name || reader.ReadInt32() != Dimensions) return;
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var vector = new float[Dimensions];
                for (var d = 0; d < vector.Length; d++) vector[d] = reader.ReadSingle();
                _vectors[key] = vector;
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or FormatException)
        {
            _vectors.Clear();
        }
    }

    private static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
