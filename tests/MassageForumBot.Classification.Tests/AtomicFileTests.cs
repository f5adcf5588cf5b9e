using MassageForumBot.Classification.Tests.Support;

namespace MassageForumBot.Classification.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Writes_creating_the_folder_and_replaces_leaving_no_temporary_file()
    {
        var path = Path.Combine(_dir.Path, "sub", "MODEL_CARD.md");

        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second ✓");

        Assert.Equal("second ✓", File.ReadAllText(path));
        Assert.Equal(["MODEL_CARD.md"], Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_write_leaves_the_target_alone_and_no_temporary_file()
    {
        var path = _dir.File("card.md");
        Directory.CreateDirectory(path); // the target is a folder: the final rename must fail

        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(path, "text"));

        Assert.True(Directory.Exists(path));
        Assert.Equal(["card.md"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }
}
