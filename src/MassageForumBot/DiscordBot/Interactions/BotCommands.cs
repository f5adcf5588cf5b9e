using MassageForumBot.Discord.Models;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>
/// The application commands registered in every guild: one moderator group (hidden from members by
/// default_member_permissions MANAGE_MESSAGES, a first filter only: the bot checks who may do what itself) and three
/// member commands.
/// </summary>
public static class BotCommands
{
    public const string Group = "massagebot";
    public const string Status = "status";
    public const string Mode = "mode";
    public const string Watch = "watch";
    public const string Unwatch = "unwatch";
    public const string Threshold = "threshold";
    public const string LogChannel = "logchannel";
    public const string Why = "why";
    public const string Review = "review";
    public const string OptOut = "optout";
    public const string OptIn = "optin";
    public const string MyData = "mydata";

    /// <summary>MANAGE_MESSAGES (1 &lt;&lt; 13) as Discord's permission string.</summary>
    public const string ModeratorPermissions = "8192";

    /// <summary>Guild-wide settings: they need MANAGE_GUILD at guild level (<see cref="ModeratorAuthority"/>).</summary>
    public static bool IsGuildSetting(string? subcommand) => subcommand is Mode or Watch or Unwatch or Threshold or LogChannel;

    /// <summary>Guild context only.</summary>
    public static readonly IReadOnlyList<int> GuildOnly = [0];

    private static readonly IReadOnlyList<ChannelType> WatchableChannels = [ChannelType.GuildText, ChannelType.GuildForum];

    public static IReadOnlyList<ApplicationCommand> All { get; } =
    [
        new()
        {
            Name = Group,
            Description = "Moderate MassageForumBot in this server",
            DefaultMemberPermissions = ModeratorPermissions,
            Contexts = GuildOnly,
            Options =
            [
                Sub(Status, "Mode, watched channels, threshold, model and the last 7 days"),
                Sub(Mode, "Reply in channels (live) or only draft to the moderators' log (shadow)", new ApplicationCommandOption
                {
                    Type = ApplicationCommandOptionType.String, Name = "mode", Description = "live or shadow", Required = true,
                    Choices = [ApplicationCommandOptionChoice.Of("live", "live"), ApplicationCommandOptionChoice.Of("shadow", "shadow")],
                }),
                Sub(Watch, "Watch a text or forum channel", ChannelOption("The channel to watch")),
                Sub(Unwatch, "Stop watching a channel", ChannelOption("The channel to stop watching")),
                Sub(Threshold, "Minimum confidence before the bot replies (0 to 1)", new ApplicationCommandOption
                {
                    Type = ApplicationCommandOptionType.Number, Name = "value", Description = "Between 0 and 1, e.g. 0.65",
                    Required = true, MinValue = 0, MaxValue = 1,
                }),
                Sub(LogChannel, "The text channel where this server's shadow drafts and red-flag notices go", new ApplicationCommandOption
                {
                    Type = ApplicationCommandOptionType.Channel, Name = "channel", Description = "A text channel of this server", Required = true,
                    ChannelTypes = [ChannelType.GuildText],
                }),
                Sub(Why, "Why the bot did or did not reply to a post", new ApplicationCommandOption
                {
                    Type = ApplicationCommandOptionType.String, Name = "message", Description = "Message link or id", Required = true,
                }),
                Sub(Review, "Latest replies and shadow drafts with their feedback"),
            ],
        },
        new() { Name = OptOut, Description = "The bot never answers or keeps your posts", Contexts = GuildOnly },
        new() { Name = OptIn, Description = "Let the bot answer your posts again", Contexts = GuildOnly },
        new() { Name = MyData, Description = "What the bot keeps about you, in every server", Contexts = GuildOnly },
    ];

    private static ApplicationCommandOption Sub(string name, string description, params ApplicationCommandOption[] options) => new()
    {
        Type = ApplicationCommandOptionType.SubCommand,
        Name = name,
        Description = description,
        Options = options.Length == 0 ? null : options,
    };

    private static ApplicationCommandOption ChannelOption(string description) => new()
    {
        Type = ApplicationCommandOptionType.Channel, Name = "channel", Description = description, Required = true,
        ChannelTypes = WatchableChannels,
    };
}
