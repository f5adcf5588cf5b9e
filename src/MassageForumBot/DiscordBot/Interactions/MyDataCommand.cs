using System.Globalization;
using System.Text;
using MassageForumBot.Configuration;
using MassageForumBot.Storage;
using Microsoft.Extensions.Options;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>
/// `/mydata`: what the bot keeps about the member who asks, in every server: how many posts, which ones (jump links to
/// Discord only: the console channel's posts have no link anyone could open), feedback they gave, and whether they
/// opted out. Answered ephemerally; mentions never ping.
/// </summary>
public sealed class MyDataCommand(IBotStore store, IOptions<StorageOptions> storage)
{
    /// <summary>Posts listed by link; the rest are counted.</summary>
    public const int Listed = 15;

    public async Task<Answer> RunAsync(ulong userId, CancellationToken cancel)
    {
        var data = await store.MemberDataAsync(userId, Listed, cancel);
        var days = storage.Value.RetentionDays;
        var text = new StringBuilder("**What MassageForumBot keeps about you** (in every server it is in)\n");
        text.AppendLine(data.OptedOutAt is { } since
            ? string.Create(CultureInfo.InvariantCulture, $"Opted out since <t:{since.ToUnixTimeSeconds()}:f>: your new posts are not answered or kept. `/optin` undoes it.")
            : "Not opted out. `/optout` stops the bot answering or keeping your posts, and forgets the ones below.");
        if (data.Posts == 0 && data.FeedbackGiven == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Nothing else: no posts of yours are stored. Stored posts are kept for {days} days at most.");
            return new Answer(text.ToString());
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"{data.Posts} post(s) with the bot's decision (topic, confidence, outcome; the first words only of posts it answered), " +
            $"{data.RememberedThreads} of them remembered as earlier threads (title and a vector), {data.FeedbackGiven} feedback click(s) you gave.");
        var lines = 0;
        foreach (var post in data.RecentPosts)
        {
            // Guild 0 is the local console channel: it has no Discord link, and a loopback link must never be shown.
            var where = post.GuildId == 0 ? "a console post" : DiscordLinks.JumpLink(post.GuildId, post.ChannelId, post.MessageId).ToString();
            var line = string.Create(CultureInfo.InvariantCulture, $"• {where}: {Describe(post.Outcome)}, <t:{post.At.ToUnixTimeSeconds()}:d>\n");
            if (text.Length + line.Length + 120 > Answer.MaxContent) break;
            text.Append(line);
            lines++;
        }
        if (data.Posts > lines) text.AppendLine(CultureInfo.InvariantCulture, $"…and {data.Posts - lines} older.");
        text.Append(CultureInfo.InvariantCulture, $"Deleting a post deletes what is kept about it. Everything here goes after {days} days.");
        return new Answer(text.ToString());
    }

    private static string Describe(PostOutcome outcome) => outcome switch
    {
        PostOutcome.Replied => "answered",
        PostOutcome.ShadowDraft => "a reply drafted for moderators",
        PostOutcome.RedFlag => "left to moderators",
        PostOutcome.Failed => "an answer that failed to send",
        _ => "not answered",
    };
}
