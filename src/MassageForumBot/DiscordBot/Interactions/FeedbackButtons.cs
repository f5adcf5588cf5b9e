using System.Globalization;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using MassageForumBot.Storage;
using MassageForumBot.Moderation;
using MassageForumBot.Worker;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>A click on a reply's button, or a topic picked after 'Wrong topic': custom id "mfb:{action}:{post id}".</summary>
public sealed record FeedbackClick(string Action, ulong PostId)
{
    public const string Helpful = FeedbackKinds.Helpful;
    public const string NotHelpful = FeedbackKinds.NotHelpful;
    public const string WrongTopic = FeedbackKinds.WrongTopic;
    public const string Remove = FeedbackKinds.Removed;

    /// <summary>Under a shadow draft: post it as the real reply.</summary>
    public const string Approve = "approve";

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

    public bool ModeratorsOnly => Action is WrongTopic or Label or Remove or Approve;
}

/// <summary>
/// The buttons on every reply and shadow draft. Helpful / Not helpful: any member, stored once per member per reply.
/// Wrong topic (then a topic select) and Remove: moderators only. A removed reply stays removed for good. What each
/// button does lives in <see cref="ModerationActions"/>, shared with the web console's review page.
/// </summary>
public sealed class FeedbackButtons(
    ModerationActions actions,
    ActiveClassifier classifier,
    DiscordRestClient rest)
{
    public async Task<Answer> HandleAsync(InteractionCreateEvent interaction, FeedbackClick click, CancellationToken cancel)
    {
        var guildId = interaction.GuildId ?? 0;
        var userId = interaction.InvokingUser?.Id ?? 0;
        var isModerator = MemberPermissions.IsModerator(interaction.Member);
        if (click.ModeratorsOnly && !isModerator) return new Answer(MemberPermissions.ModeratorsOnly);

        // Only this guild's posts: a post id of another guild reads as gone, and nothing of it is changed.
        var decision = await actions.FindAsync(click.PostId, guildId, cancel);

        switch (click.Action)
        {
            case FeedbackClick.Helpful or FeedbackClick.NotHelpful:
                return new Answer((await actions.RateAsync(decision, userId, click.Action == FeedbackClick.Helpful, isModerator, cancel)).Message);
            case FeedbackClick.WrongTopic:
                if (decision is null) return Gone;
                return TopicSelect(decision);
            case FeedbackClick.Label:
                var labelled = await actions.LabelAsync(decision, userId, interaction.Data?.Values?.FirstOrDefault(), cancel);
                return new Answer(labelled.Message, []);
            case FeedbackClick.Approve:
                return new Answer((await actions.ApproveAsync(decision, userId, cancel)).Message);
            case FeedbackClick.Remove:
                return new Answer((await actions.RemoveAsync(click.PostId, guildId, userId, DeleteClickedMessage(interaction), cancel)).Message);
            default:
                return new Answer("That button is no longer supported.");
        }
    }

    private static Answer Gone => new(ModerationActions.Gone);

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

    /// <summary>The reply (or draft) the moderator clicked Remove on is the message to delete.</summary>
    private Func<CancellationToken, Task>? DeleteClickedMessage(InteractionCreateEvent interaction)
    {
        if (interaction.Message is not { } reply) return null;
        return async cancel =>
        {
            try
            {
                await rest.DeleteMessageAsync(interaction.ChannelId ?? reply.ChannelId, reply.Id, cancel);
            }
            catch (DiscordRestException e) when (e.Code == DiscordErrorCodes.UnknownMessage)
            {
                // Someone deleted it already.
            }
        };
    }
}
