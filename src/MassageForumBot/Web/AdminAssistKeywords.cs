using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Keywords;
using MassageForumBot.Cli;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.Web;

/// <summary>
/// The Admin Assist / keyword-alert list shown under /draft: the same list as `keywords export`, computed once from the
/// training data (models/data) the first time it is asked for. When the data is not deployed, the page says so.
/// </summary>
public sealed class AdminAssistKeywords(TimeProvider time, ILogger<AdminAssistKeywords> log)
{
    private readonly Lazy<(string? List, string? Problem)> _list = new(() => Build(time, log));

    public string? List => _list.Value.List;

    public string? Problem => _list.Value.Problem;

    private static (string?, string?) Build(TimeProvider time, ILogger log)
    {
        var path = ProjectPaths.Resolve(ProjectPaths.DefaultData);
        try
        {
            var rows = DatasetReader.Read(path);
            var topics = KeywordExtractor.Extract(rows, new KeywordOptions());
            if (topics.Count == 0) return (null, $"{path} has no posts labelled with a recurring topic.");
            return (KeywordExport.Render(topics, ProjectPaths.DefaultData, rows.Count, time.GetUtcNow()), null);
        }
        catch (Exception e) when (e is DatasetException or IOException or UnauthorizedAccessException)
        {
            log.LogWarning("No Admin Assist keyword list: {Message}", e.Message);
            return (null, $"The keyword list needs the training data at {path}: {e.Message}");
        }
    }
}
