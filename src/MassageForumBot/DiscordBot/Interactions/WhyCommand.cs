using System.Globalization;
using System.Text;
using System.Text.Json;
using MassageForumBot.Storage;
using MassageForumBot.Worker;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>
/// `why`: what the bot decided about a post and why, from the stored decision and reply claim. Only thread starters
/// in watched channels get a decision; for other messages the answer is worked out from the link when it can be.
/// </summary>
public sealed class WhyCommand(IBotStore store, GuildPolicy guilds, ChannelLookup channels)
{
    public async Task<Answer> RunAsync(ulong guildId, CommandOptions options, CancellationToken cancel)
    {
        if (MessageLink.Parse(options.String("message")) is not { } target)
            return new Answer("Give a message link (right-click the message > Copy Message Link) or a message id.");
        if (target.GuildId is { } linkGuild && linkGuild != guildId)
            return new Answer("That link points to another server.");

        // Never explain another guild's posts: its decision and its reply claim read as no record at all.
        var decision = await store.GetDecisionAsync(target.MessageId, cancel);
        if (decision is not null && decision.GuildId != guildId) return new Answer(NoRecord);
        var claim = await store.GetClaimAsync(target.MessageId, cancel);
        if (claim is not null && decision is null && !await channels.IsInGuildAsync(claim.ChannelId, guildId, cancel)) return new Answer(NoRecord);
        if (decision is null) return new Answer(await NoRecordAsync(guildId, target, claim, cancel));

        var text = new StringBuilder();
        text.AppendLine($"**Why** {DiscordLinks.JumpLink(guildId, decision.ChannelId, decision.MessageId)}");
        text.AppendLine($"Decision: {Explain(decision)}");
        if (decision.Outcome != PostOutcome.OptedOut)
        {
            text.AppendLine($"Topic: **{decision.Topic}**, confidence {decision.Confidence:0.000}");
            text.AppendLine($"Scores: {Scores(decision.ScoresJson)}");
            text.AppendLine($"Reason: {decision.Reason}");
        }
        if (claim is not null) text.AppendLine(Claim(claim, guildId));
        text.Append(CultureInfo.InvariantCulture, $"Decided <t:{decision.At.ToUnixTimeSeconds()}:f>.");
        return new Answer(text.ToString());
    }

    public static string Explain(PostDecision d) => d.Outcome switch
    {
        PostOutcome.Replied => "**replied** (a recurring topic at or above the threshold)",
        PostOutcome.ShadowDraft => "**drafted in shadow mode**: not posted publicly; the draft went to the moderators' log",
        PostOutcome.BelowThreshold => d.Reason.StartsWith("confidence", StringComparison.Ordinal)
            ? "**not answered**: below the threshold"
            : "**not answered**: not one of the recurring topics",
        PostOutcome.OptedOut => "**not answered**: the author opted out (`/optout`), so the post was not classified and nothing of it was kept",
        PostOutcome.RedFlag => "**not answered**: clinical red flag; such posts are never auto-answered and are left to moderators",
        PostOutcome.AlreadyReplied => "**not answered again**: the bot had already replied",
        PostOutcome.ChannelNotWatched => "**not answered**: the channel is not watched",
        PostOutcome.EmptyContent => "**not answered**: the post arrived empty (the MESSAGE_CONTENT intent is missing)",
        PostOutcome.Failed => "**tried to reply, but sending failed**",
        _ => d.Outcome.ToString(),
    };

    private static string Claim(ReplyClaim claim, ulong guildId) => claim.State switch
    {
        ReplyState.Removed => "Reply: **removed by a moderator**; the bot will never post again for this post.",
        ReplyState.Sent when claim.ReplyMessageId is { } reply =>
            $"Reply: {DiscordLinks.JumpLink(guildId, claim.ChannelId, reply)} (one per post: a redelivered post is not answered again).",
        ReplyState.Sent => "Reply: already made once (one per post: a redelivered post is not answered again).",
        _ => "Reply: being sent.",
    };

    private async Task<string> NoRecordAsync(ulong guildId, MessageLink target, ReplyClaim? claim, CancellationToken cancel)
    {
        if (claim is not null)
            return "No decision is kept for this post any more (its author deleted it, which deletes what the bot kept). " + Claim(claim, guildId);
        if (target.ChannelId is { } channelId && await channels.FindAsync(channelId, cancel) is { } channel)
        {
            if (channel.GuildId != guildId) return NoRecord;
            if (channel.IsThread && channel.Id != target.MessageId)
                return "**Not answered**: a message inside a thread, not the thread starter. The bot answers only the first post of a thread.";
            var policy = await guilds.ResolveAsync(guildId, cancel);
            var watchedId = channel.IsThread ? channel.ParentId ?? channel.Id : channel.Id;
            if (!policy.Watches(watchedId)) return $"**Not answered**: <#{watchedId}> is not watched. Watched channels: {SettingsCommands.Channels(policy)}.";
        }
        return NoRecord;
    }

    public const string NoRecord = "No record: not a thread starter in a watched channel (replies are not recorded), or the post was deleted, " +
                                   "or it arrived while the bot was not running.";

    private static string Scores(string json)
    {
        try
        {
            var scores = JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? [];
            return scores.Count == 0 ? "none" : string.Join(", ", scores.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value:0.000}"));
        }
        catch (JsonException)
        {
            return "unreadable";
        }
    }
}
