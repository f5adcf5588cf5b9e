using System.Text;
using System.Text.Json;

namespace MassageForumBot.Classification.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mfb-cls-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string WriteText(string name, string contents)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, contents, new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string name, byte[] contents)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, contents);
        return path;
    }

    /// <summary>Writes one JSON object per line.</summary>
    public string WriteJsonLines(string name, params object[] rows) =>
        WriteText(name, string.Join("\n", rows.Select(r => r as string ?? JsonSerializer.Serialize(r))) + "\n");

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
