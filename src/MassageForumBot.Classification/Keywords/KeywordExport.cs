using System.Text;

namespace MassageForumBot.Classification.Keywords;

/// <summary>
/// Writes keyword lists in the shape Facebook's group admin tools accept when pasted by hand: one phrase per line under a
/// comment line per topic, then the same phrases as one comma-separated line per topic. Nothing here talks to Facebook.
/// </summary>
public static class KeywordExport
{
    public static string Render(IReadOnlyList<TopicKeywords> topics, string source, int rows, DateTimeOffset generated)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Keywords for Facebook group admin tools, from MassageForumBot's training data ({source}, {rows} posts), generated {generated.UtcDateTime:yyyy-MM-dd}.");
        sb.AppendLine("# How to use (by hand; the bot never reads or automates Facebook):");
        sb.AppendLine("#   Keyword alerts (the usual choice): Admin tools > Moderation alerts > Keyword alerts > Create/Edit, add one topic's");
        sb.AppendLine("#     phrases; you are notified when a post or comment uses one, and can draft an answer with the `reply` verb.");
        sb.AppendLine("#   Admin Assist: Admin tools > Admin Assist > Add > criteria 'Post contains keywords', paste the phrases. Admin Assist acts");
        sb.AppendLine("#     automatically (for example declines posts): never pair these phrases with decline or remove, these are welcome questions.");
        sb.AppendLine("#   Both accept one phrase per line (the blocks below) or a comma-separated list (the lines at the end).");
        sb.AppendLine("#   Lines starting with # are notes: do not paste them. Review the phrases first: they come from example posts,");
        sb.AppendLine("#   and a broad word can catch unrelated posts.");
        foreach (var t in topics)
        {
            sb.AppendLine();
            sb.AppendLine($"# {t.Topic}: {t.Phrases.Count} phrases, most indicative first ({t.Posts} example posts)");
            foreach (var p in t.Phrases) sb.AppendLine(p.Phrase);
        }
        sb.AppendLine();
        sb.AppendLine("# The same phrases, comma-separated, one line per topic:");
        foreach (var t in topics)
        {
            sb.AppendLine($"# {t.Topic}");
            sb.AppendLine(string.Join(", ", t.Phrases.Select(p => p.Phrase)));
        }
        return sb.ToString();
    }
}
