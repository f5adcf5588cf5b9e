using MassageForumBot.Storage;

namespace MassageForumBot.Cli;

/// <summary>
/// Which posts `feedback export` may write, and which rows of an earlier export must go: a post may be exported only
/// while the store still keeps its text (deleting, opting out, removing the bot and retention all drop it), no
/// tombstone covers it, and its author has not opted out.
/// </summary>
public sealed class FeedbackPrivacy
{
    private readonly HashSet<ulong> _exportable;

    private FeedbackPrivacy(HashSet<ulong> exportable)
    {
        _exportable = exportable;
    }

    public static async Task<FeedbackPrivacy> LoadAsync(IBotStore store, CancellationToken cancel)
    {
        var exportable = new HashSet<ulong>();
        var withText = (await store.FeedbackAsync(null, DateTimeOffset.MinValue, cancel))
            .Where(f => !string.IsNullOrWhiteSpace(f.Text))
            .GroupBy(f => f.PostId);
        foreach (var post in withText)
        {
            var decision = await store.GetDecisionAsync(post.Key, cancel);
            // The opt-out already dropped the text; this is the second guard, for a text stored while it ran.
            if (decision is not null && await store.IsOptedOutAsync(decision.AuthorId, cancel)) continue;
            if (!await store.IsForgottenAsync(post.Key, decision?.ChannelId ?? 0, decision?.WatchedChannelId, post.First().GuildId, cancel))
                exportable.Add(post.Key);
        }
        return new FeedbackPrivacy(exportable);
    }

    public bool MayExport(ulong postId) => _exportable.Contains(postId);

    /// <summary>Rows of an earlier export: an fb-&lt;post id&gt; row stays only while its post may be exported; other rows
    /// (written by hand) are not ours to judge.</summary>
    public bool MayKeep(string rowId) =>
        !rowId.StartsWith("fb-", StringComparison.Ordinal) || !ulong.TryParse(rowId.AsSpan(3), out var postId) || MayExport(postId);
}
