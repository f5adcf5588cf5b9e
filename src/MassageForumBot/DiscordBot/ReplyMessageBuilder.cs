using MassageForumBot.Discord.Models;
using MassageForumBot.Replies;
using DiscordLimits = MassageForumBot.Discord.Models.DiscordLimits;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// Turns a composed reply into a Discord message: one embed, feedback buttons, a row of evidence buttons when the
/// notes are not published, no pings, fitted to Discord's limits.
/// </summary>
public static class ReplyMessageBuilder
{
    /// <summary>Custom ids are "mfb:{action}:{post id}", so a click names the post it is about.</summary>
    public const string Prefix = "mfb";

    public const int EmbedColor = 0x5B8C85;

    public static CreateMessageRequest Build(ComposedReply reply, ulong postId, string nonce, DiscordMessageReference? reference) =>
        DiscordLimits.Fit(new CreateMessageRequest
        {
            Embeds = [ToEmbed(reply.Card)],
            Components = Interactions.EvidenceButtons.Row(reply.Evidence) is { } evidence ? [.. Buttons(postId), evidence] : Buttons(postId),
            MessageReference = reference,
            Nonce = nonce,
            EnforceNonce = true,
        });

    public static Embed ToEmbed(ReplyCard card) => new()
    {
        Title = card.Title,
        Description = card.Description,
        Color = EmbedColor,
        Fields = card.Fields.Select(f => new EmbedField(f.Name, f.Value, f.Inline)).ToList(),
        Footer = new EmbedFooter { Text = card.Footer },
    };

    /// <summary>Under a shadow draft only: a moderator posts it as the real reply (the web console's review page does the same).</summary>
    public static ActionRow ApproveRow(ulong postId) =>
        new(new Button { Style = ButtonStyle.Primary, Label = "Approve and post (mods)", CustomId = $"{Prefix}:approve:{postId}" });

    public static IReadOnlyList<MessageComponent> Buttons(ulong postId) =>
    [
        new ActionRow(
            new Button { Style = ButtonStyle.Success, Label = "Helpful", CustomId = $"{Prefix}:helpful:{postId}" },
            new Button { Style = ButtonStyle.Secondary, Label = "Not helpful", CustomId = $"{Prefix}:unhelpful:{postId}" },
            new Button { Style = ButtonStyle.Secondary, Label = "Wrong topic (mods)", CustomId = $"{Prefix}:wrongtopic:{postId}" },
            new Button { Style = ButtonStyle.Danger, Label = "Remove (mods)", CustomId = $"{Prefix}:remove:{postId}" }),
    ];
}
