using System.Text;
using MassageForumBot.Discord.Models;
using MassageForumBot.Replies;
using DiscordLimits = MassageForumBot.Discord.Models.DiscordLimits;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>
/// The "Evidence: …" buttons under a reply when the notes are not published (no Notes:BaseUrl): custom id
/// "mfb:note:{note id}". A tap answers only the member who tapped, with the note's key points and its sources as
/// https://doi.org/... or https links, so nothing in the reply points at this machine.
/// </summary>
public sealed class EvidenceButtons(TopicLibrary library)
{
    /// <summary>The custom id action; the id after it is a note id, not a post id.</summary>
    public const string Action = "note";

    private const string Bullet = "• ";

    /// <summary>The note id in an evidence button's custom id, or null when the id is not one.</summary>
    public static string? NoteId(string? customId)
    {
        var parts = customId?.Split(':');
        return parts is [ReplyMessageBuilder.Prefix, Action, var id] && id.Length > 0 ? id : null;
    }

    /// <summary>The custom id for a note's button, or null when it would exceed Discord's 100 characters.</summary>
    public static string? CustomId(string noteId)
    {
        var id = $"{ReplyMessageBuilder.Prefix}:{Action}:{noteId}";
        return id.Length <= DiscordLimits.CustomIdLength ? id : null;
    }

    /// <summary>One row of buttons, one per note (at most five, skipping any whose id is too long for a custom id).</summary>
    public static ActionRow? Row(IReadOnlyList<EvidenceButton> evidence)
    {
        var buttons = evidence
            .Select(e => (Button: e, Id: CustomId(e.NoteId)))
            .Where(e => e.Id is not null)
            .Take(DiscordLimits.ComponentsPerActionRow)
            .Select(e => (MessageComponent)new Button
            {
                Style = ButtonStyle.Secondary,
                Label = DiscordLimits.Truncate(e.Button.Label, DiscordLimits.ButtonLabelLength),
                CustomId = e.Id,
            })
            .ToArray();
        return buttons.Length == 0 ? null : new ActionRow(buttons);
    }

    /// <summary>The answer to a tap: quick (an in-memory lookup), so it is sent at once within Discord's 3-second window.</summary>
    public Answer Handle(string noteId)
    {
        var note = library.FindNote(noteId);
        return note is null
            ? new Answer("That evidence note is no longer available.")
            : new Answer(Render(note));
    }

    /// <summary>Title, summary, key points and sources, within Discord's 2,000 characters; sources are never cut mid-link.</summary>
    public static string Render(EvidenceNote note)
    {
        var sources = note.Sources
            .Select(SourceLinks.For)
            .OfType<SourceLink>()
            .Select(s => $"{Bullet}{s.Label}: <{s.Link.AbsoluteUri}>")
            .ToList();

        var head = new StringBuilder();
        head.Append("**").Append(note.Title).Append("**\n");
        if (note.Summary.Length > 0)
        {
            head.Append(note.Summary).Append('\n');
        }

        if (note.KeyPoints.Count > 0)
        {
            head.Append("\nKey points:\n");
            foreach (var point in note.KeyPoints)
            {
                head.Append(Bullet).Append(point).Append('\n');
            }
        }

        const string sourcesHeading = "\nSources:\n";
        // Keep room for the heading and the first source; the key points give way first.
        var reserve = sources.Count == 0 ? 1 : 1 + sourcesHeading.Length + sources[0].Length + 1;
        var text = new StringBuilder(DiscordLimits.Truncate(head.ToString().TrimEnd(), DiscordLimits.ContentLength - reserve)).Append('\n');
        if (sources.Count > 0)
        {
            text.Append(sourcesHeading);
            foreach (var line in sources)
            {
                if (text.Length + line.Length + 1 > DiscordLimits.ContentLength)
                {
                    break;
                }

                text.Append(line).Append('\n');
            }
        }

        return SafeText.NeutralizeMentions(text.ToString().TrimEnd());
    }
}
