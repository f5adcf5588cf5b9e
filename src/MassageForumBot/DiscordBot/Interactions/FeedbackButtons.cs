using System.Globalization;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using MassageForumBot.Storage;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>A click on a reply's button, or a topic picked after 'Wrong topic': custom id "mfb:{action}:{post id}".</summary>
public sealed record FeedbackClick(string Action, ulong PostId)
{
    public const string Helpful = FeedbackKinds.Helpful;
    public const string NotHelpful = FeedbackKinds.NotHelpful;
    public const string WrongTopic = FeedbackKinds.WrongTopic;
    public const string Remove = FeedbackKinds.Removed;

    /// <summary>The topic select shown after 'Wrong topic'.</summary>
    public const string Label = "label";

    public static FeedbackClick? Parse(string? customId)
    {
        var parts = customId?.Split(':');
        return parts is [ReplyMessageBuilder.Prefix, var action, var id]
               && ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var postId)
            ? new FeedbackClick(action, postId)
            : null;
    }

    public static string CustomId(string action, ulong postId) => $"{ReplyMessageBuilder.Prefix}:{action}:{postId}";

    public bool ModeratorsOnly => Action is WrongTopic or Label or Remove;
}

/// <summary>
/// The buttons on every reply and shadow draft. Helpful / Not helpful: any member, stored once per member per reply.
/// Wrong topic (then a topic select) and Remove: moderators only. A removed reply stays removed for good.
/// </summary>
public sealed class FeedbackButtons(
    IBotStore store,
    PostTextSource texts,
    ActiveClassifier classifier,
    DiscordRestClient rest,
    TimeProvider time,
    ILogger<FeedbackButtons> log)
{
    public async Task<Answer> HandleAsync(InteractionCreateEvent interaction, FeedbackClick click, CancellationToken cancel)
    {
        var guildId = interaction.GuildId ?? 0;
        var userId = interaction.InvokingUser?.Id ?? 0;
        var isModerator = MemberPermissions.IsModerator(interaction.Member);
        if (click.ModeratorsOnly && !isModerator) return new Answer(MemberPermissions.ModeratorsOnly);

        var decision = await store.GetDecisionAsync(click.PostId, cancel);
        if (decision is not null && decision.GuildId != guildId) decision = null;

        switch (click.Action)
        {
            case FeedbackClick.Helpful or FeedbackClick.NotHelpful:
                if (decision is null) return Gone;
                await RecordAsync(decision, userId, click.Action, correctedLabel: null, isModerator, cancel);
                return new Answer(click.Action == FeedbackClick.Helpful
                    ? "Thanks! Marked as helpful."
                    : "Thanks, noted as not helpful. It helps the bot learn when to stay quiet.");
            case FeedbackClick.WrongTopic:
                if (decision is null) return Gone;
                return TopicSelect(decision);
            case FeedbackClick.Label:
                if (decision is null) return Gone;
                var label = interaction.Data?.Values?.FirstOrDefault();
                if (label is null || !classifier.Current.Labels.Contains(label)) return new Answer("Pick one of the listed topics.", []);
                await RecordAsync(decision, userId, FeedbackKinds.WrongTopic, label, isModerator, cancel);
                log.LogInformation("Moderator {UserId} labelled post {PostId} as {Label} (predicted {Topic})", userId, click.PostId, label, decision.Topic);
                return new Answer($"Labelled as **{label}** (the bot said {decision.Topic}). Thanks, this goes into the next training run.", []);
            case FeedbackClick.Remove:
                return await RemoveAsync(interaction, decision, click.PostId, userId, cancel);
            default:
                return new Answer("That button is no longer supported.");
        }
    }

    private static Answer Gone => new("This post is no longer stored (it was deleted), so feedback cannot be recorded.");

    private Answer TopicSelect(PostDecision decision) => new(
        $"The bot read this post as **{decision.Topic}**. What is it really about?",
        [
            new ActionRow(new StringSelect
            {
                CustomId = FeedbackClick.CustomId(FeedbackClick.Label, decision.MessageId),
                Placeholder = "Choose the right topic",
                Options = classifier.Current.Labels.Select(l => new SelectOption
                {
                    Label = l,
                    Value = l,
                    Description = l == Classification.Inference.ReplyPolicy.NoReplyLabel ? "none of the recurring topics" : null,
                    Default = l == decision.Topic ? true : null,
                }).ToList(),
            }),
        ]);

    private async Task<Answer> RemoveAsync(InteractionCreateEvent interaction, PostDecision? decision, ulong postId, ulong userId, CancellationToken cancel)
    {
        // Claim first: the MESSAGE_DELETE that follows finds it already removed, and no later delivery can post again.
        await store.MarkReplyRemovedAsync(postId, cancel);
        if (interaction.Message is { } reply)
        {
            try
            {
                await rest.DeleteMessageAsync(interaction.ChannelId ?? reply.ChannelId, reply.Id, cancel);
            }
            catch (DiscordRestException e) when (e.Code == DiscordErrorCodes.UnknownMessage)
            {
                // Someone deleted it already.
            }
        }
        log.LogInformation("Moderator {UserId} removed the reply to post {PostId}", userId, postId);

        if (decision is not null && !await HasLabelAsync(decision, userId, cancel))
            await RecordAsync(decision, userId, FeedbackKinds.Removed, correctedLabel: null, byModerator: true, cancel);
        return new Answer("Removed. The bot will not post again for this post.");
    }

    /// <summary>A moderator who labelled the post keeps the label when they then remove the reply (one row per member).</summary>
    private async Task<bool> HasLabelAsync(PostDecision decision, ulong userId, CancellationToken cancel) =>
        (await store.FeedbackAsync(decision.GuildId, decision.At, cancel))
        .Any(f => f.PostId == decision.MessageId && f.UserId == userId && f.CorrectedLabel is not null);

    private async Task RecordAsync(PostDecision decision, ulong userId, string kind, string? correctedLabel, bool byModerator, CancellationToken cancel)
    {
        var text = await texts.TextAsync(decision, cancel);
        await store.RecordFeedbackAsync(new Feedback(decision.MessageId, userId, decision.GuildId, kind, decision.Topic,
            correctedLabel, text, byModerator, time.GetUtcNow()), cancel);
    }
}
