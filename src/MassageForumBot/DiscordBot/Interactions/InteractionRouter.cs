using MassageForumBot.Discord.Models;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>
/// Routes INTERACTION_CREATE to the command or button it is for and answers through <see cref="InteractionResponder"/>.
/// Moderator commands are hidden from members by default_member_permissions, and also checked here, because a server
/// can change who sees a command: guild-wide settings need MANAGE_GUILD at guild level (<see cref="ModeratorAuthority"/>),
/// the rest MANAGE_MESSAGES where the command was used.
/// </summary>
public sealed class InteractionRouter(
    InteractionResponder responder,
    SettingsCommands settings,
    StatusCommand status,
    WhyCommand why,
    ReviewCommand review,
    MemberCommands members,
    MyDataCommand myData,
    FeedbackButtons buttons,
    EvidenceButtons evidence,
    ModeratorAuthority authority,
    ILogger<InteractionRouter> log)
{
    public Task HandleAsync(InteractionCreateEvent interaction, long receivedAt, CancellationToken cancel)
    {
        if (interaction.Data is not { } data) return Task.CompletedTask;
        switch (interaction.Type)
        {
            case InteractionType.ApplicationCommand:
                var options = CommandOptions.From(data);
                return responder.RespondAsync(interaction, receivedAt, Style(options), c => CommandAsync(interaction, options, c), cancel);
            case InteractionType.MessageComponent when EvidenceButtons.NoteId(data.CustomId) is { } noteId:
                return responder.RespondAsync(interaction, receivedAt, AnswerStyle.NewMessage, _ => Task.FromResult(evidence.Handle(noteId)), cancel);
            case InteractionType.MessageComponent when FeedbackClick.Parse(data.CustomId) is { } click:
                var style = click.Action == FeedbackClick.Label ? AnswerStyle.UpdateMessage : AnswerStyle.NewMessage;
                return responder.RespondAsync(interaction, receivedAt, style, c => ComponentAsync(interaction, click, c), cancel);
            default:
                log.LogDebug("Ignoring interaction {Id} of type {Type}", interaction.Id, interaction.Type);
                return Task.CompletedTask;
        }
    }

    /// <summary>`why` and `review` may take longer than Discord's window: they are deferred at once.</summary>
    private static AnswerStyle Style(CommandOptions options) =>
        options.Command == BotCommands.Group && options.Subcommand is BotCommands.Why or BotCommands.Review
            ? AnswerStyle.DeferredMessage
            : AnswerStyle.NewMessage;

    private async Task<Answer> CommandAsync(InteractionCreateEvent interaction, CommandOptions options, CancellationToken cancel)
    {
        if (interaction.GuildId is not { } guildId || interaction.InvokingUser is not { } user)
            return new Answer("MassageForumBot works in servers only.");
        switch (options.Command)
        {
            case BotCommands.OptOut: return await members.OptOutAsync(user.Id, cancel);
            case BotCommands.MyData: return await myData.RunAsync(user.Id, cancel);
            case BotCommands.OptIn: return await members.OptInAsync(user.Id, cancel);
            case BotCommands.Group when BotCommands.IsGuildSetting(options.Subcommand):
                if (!await authority.CanManageGuildAsync(interaction, cancel))
                {
                    log.LogInformation("Refused /{Group} {Subcommand} to user {UserId} in guild {GuildId}: no MANAGE_GUILD at guild level",
                        BotCommands.Group, options.Subcommand, user.Id, guildId);
                    return new Answer(MemberPermissions.ManagersOnly);
                }
                break;
            case BotCommands.Group when !MemberPermissions.IsModerator(interaction.Member): return new Answer(MemberPermissions.ModeratorsOnly);
            case BotCommands.Group: break;
            default: return new Answer($"Unknown command `{options.Command}`.");
        }

        return options.Subcommand switch
        {
            BotCommands.Status => await status.RunAsync(guildId, cancel),
            BotCommands.Mode => await settings.ModeAsync(guildId, user.Id, options, cancel),
            BotCommands.Watch => await settings.WatchAsync(guildId, user.Id, options, cancel),
            BotCommands.Unwatch => await settings.UnwatchAsync(guildId, user.Id, options, cancel),
            BotCommands.Threshold => await settings.ThresholdAsync(guildId, user.Id, options, cancel),
            BotCommands.LogChannel => await settings.LogChannelAsync(guildId, user.Id, options, cancel),
            BotCommands.Why => await why.RunAsync(guildId, options, cancel),
            BotCommands.Review => await review.RunAsync(guildId, cancel),
            _ => new Answer($"Unknown subcommand `{options.Subcommand}`."),
        };
    }

    private Task<Answer> ComponentAsync(InteractionCreateEvent interaction, FeedbackClick click, CancellationToken cancel) =>
        interaction.GuildId is null
            ? Task.FromResult(new Answer("MassageForumBot works in servers only."))
            : buttons.HandleAsync(interaction, click, cancel);
}
