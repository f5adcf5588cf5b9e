using System.Globalization;
using System.Text;
using MassageForumBot.Configuration;
using MassageForumBot.Decisions;
using MassageForumBot.Storage;
using MassageForumBot.Worker;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Web.Pages;

/// <summary>"/": mode per guild, the active model and its held-out real-post metrics, the store, and 30 days of activity.</summary>
public sealed class DashboardPage(IBotStore store, GuildPolicy guilds, ActiveClassifier classifier, HealthReport health,
    IOptions<StorageOptions> storage, TimeProvider time)
{
    public const int Days = 30;

    public async Task<IResult> ShowAsync(HttpContext context, bool signOut)
    {
        var cancel = context.RequestAborted;
        var inv = CultureInfo.InvariantCulture;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var since = new DateTimeOffset(today.AddDays(-(Days - 1)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        // Day counts: stored rows and what retention kept of older ones, so the chart outlives Storage:RetentionDays.
        var days = ActivityChart.Bucket(today, Days, await store.DailyCountsAsync(null, since, cancel));

        var body = new StringBuilder();
        body.Append("<section class=\"card\" id=\"activity\"><h2>Last ").Append(Days).Append(" days</h2>")
            .Append("<p class=\"legend\"><span><i class=\"swatch replies\"></i>Replies ").Append(days.Sum(d => d.Replies))
            .Append("</span><span><i class=\"swatch drafts\"></i>Shadow drafts ").Append(days.Sum(d => d.Drafts))
            .Append("</span><span><i class=\"swatch feedback\"></i>Feedback ").Append(days.Sum(d => d.Feedback)).Append("</span></p>")
            .Append(ActivityChart.Render(days)).Append("</section>");

        body.Append("<section class=\"card\" id=\"guilds\"><h2>Mode per guild</h2><table><thead><tr><th>Guild</th><th>Mode</th><th>Reply threshold</th><th>Watched channels</th></tr></thead><tbody>");
        var known = (await store.KnownGuildsAsync(cancel)).ToList();
        if (!known.Contains(0)) known.Insert(0, 0);
        foreach (var guildId in known)
        {
            var policy = await guilds.ResolveAsync(guildId, cancel);
            body.Append("<tr><td>").Append(guildId == 0 ? "console channel and /draft (configuration)" : guildId.ToString(inv))
                .Append("</td><td>").Append(policy.Mode == BotMode.Live ? "live" : "shadow").Append(" <span class=\"muted\">(").Append(Source(policy.ModeSource)).Append(")</span>")
                .Append("</td><td>").Append(PageLayout.Percent(policy.Threshold)).Append(" <span class=\"muted\">(").Append(Source(policy.ThresholdSource)).Append(")</span>")
                .Append("</td><td>").Append(policy.WatchedChannels.Count == 0 ? "all readable" : string.Join(", ", policy.WatchedChannels))
                .Append("</td></tr>");
        }
        body.Append("</tbody></table></section>");

        var model = classifier.Current.Manifest;
        var held = model.HeldOut;
        body.Append("<section class=\"card\" id=\"model\"><h2>Active model</h2><dl class=\"facts\">")
            .Append("<dt>Version</dt><dd id=\"model-version\">").Append(PageLayout.Encode(model.Version)).Append("</dd>")
            .Append("<dt>Trained</dt><dd>").Append(model.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", inv)).Append(" on ").Append(model.TrainRows).Append(" posts</dd>")
            .Append("<dt>Features, trainer</dt><dd>").Append(PageLayout.Encode(model.Features)).Append(", ").Append(PageLayout.Encode(model.Trainer)).Append("</dd>")
            .Append("<dt>Reply threshold</dt><dd>").Append(PageLayout.Percent(classifier.ModelThreshold)).Append(" (calibrated for ").Append(PageLayout.Percent(model.ReplyPrecisionTarget)).Append(" reply precision)</dd>")
            .Append("<dt>Held-out real posts</dt><dd>accuracy ").Append(PageLayout.Percent(held.Accuracy))
            .Append(", macro F1 ").Append(held.MacroF1.ToString("0.000", inv))
            .Append(", reply precision ").Append(PageLayout.Percent(held.ReplyPrecision))
            .Append(", reply recall ").Append(PageLayout.Percent(held.ReplyRecall))
            .Append(" (").Append(model.TestIds.Count).Append(" posts)</dd>");
        if (classifier.LastReloadFailure is { } failure)
            body.Append("<dt>Last reload</dt><dd id=\"model-reload-failure\" class=\"warning\">failed")
                .Append(classifier.LastReloadFailedAt is { } at ? at.ToString(" 'at' yyyy-MM-dd HH:mm 'UTC'", inv) : "")
                .Append(": ").Append(PageLayout.Encode(failure)).Append(" (this model keeps serving)</dd>");
        body.Append("</dl></section>");

        var status = await health.CheckAsync(cancel);
        var storeCheck = status.Checks["store"];
        body.Append("<section class=\"card\" id=\"store\"><h2>Store</h2><dl class=\"facts\">")
            .Append("<dt>Kind</dt><dd>").Append(PageLayout.Encode(StoreKind(store))).Append("</dd>")
            .Append("<dt>Database</dt><dd>").Append(PageLayout.Encode(DataSource(storage.Value.ConnectionString))).Append("</dd>")
            .Append("<dt>State</dt><dd id=\"store-state\">").Append(PageLayout.Encode(storeCheck.Status)).Append(" (").Append(PageLayout.Encode(storeCheck.Detail)).Append(")</dd>")
            .Append("<dt>Last ").Append(Days).Append(" days</dt><dd>").Append(days.Sum(d => d.Replies + d.Drafts)).Append(" replies and drafts, ").Append(days.Sum(d => d.Feedback)).Append(" feedback</dd>")
            .Append("<dt>Keeps texts for</dt><dd>").Append(storage.Value.RetentionDays).Append(" days</dd>")
            .Append("</dl></section>");

        return PageLayout.Page(context, "Dashboard", "/", body.ToString(), signOut);
    }

    private static string Source(SettingSource source) => source switch
    {
        SettingSource.Moderator => "set by a moderator",
        SettingSource.Model => "the model's",
        _ => "configuration",
    };

    private static string StoreKind(IBotStore store) => store.GetType().Name switch
    {
        var n when n.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) => "SQLite (embedded)",
        var n when n.Contains("Postgres", StringComparison.OrdinalIgnoreCase) || n.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) => "PostgreSQL",
        var n => n,
    };

    /// <summary>Only the file or host and database; never a password.</summary>
    private static string DataSource(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        if (parts.TryGetValue("data source", out var file) || parts.TryGetValue("datasource", out file) || parts.TryGetValue("filename", out file)) return file;
        var host = parts.GetValueOrDefault("host") ?? parts.GetValueOrDefault("server") ?? "?";
        var database = parts.GetValueOrDefault("database") ?? "?";
        return $"{host} / {database}";
    }
}
