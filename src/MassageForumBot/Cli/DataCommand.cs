using System.CommandLine;
using System.Globalization;
using MassageForumBot.Storage;

namespace MassageForumBot.Cli;

/// <summary>`data forget`: an operator deletes what the bot keeps about one member, or about one server, on request.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var user = new Option<string?>("--user") { Description = "A Discord user id: forget every post of theirs in every server (decisions, remembered threads, feedback texts) and the feedback they gave as a member." };
        var guild = new Option<string?>("--guild") { Description = "A Discord server (guild) id: forget every post of that server, as when the bot is removed from it (its settings stay)." };
        var optOut = new Option<bool>("--opt-out") { Description = "With --user: also opt the member out, so their new posts are not stored either (as /optout does)." };
        var db = new Option<string?>("--db") { Description = "SQLite connection string (default: Storage:ConnectionString from the configuration, which may name a PostgreSQL database with Storage:Provider=postgres)." };
        var forget = new Command("forget", """
            Delete what the bot keeps about a member (--user) or a server (--guild), and print what was removed. Reply claims
            stay (a post id and the id of the bot's reply, no content), so the bot never answers a post twice. A running bot
            needs no restart.
            """)
        {
            user, guild, optOut, db,
        };
        forget.SetAction((parse, cancel) => CliErrors.Guard(async () =>
        {
            var userId = Id(parse.GetValue(user), "--user", "user");
            var guildId = Id(parse.GetValue(guild), "--guild", "server (guild)");
            if (userId is null && guildId is null) throw new CliException("give --user <user id> or --guild <server id>");
            if (parse.GetValue(optOut) && userId is null) throw new CliException("--opt-out needs --user");

            var output = parse.InvocationConfiguration.Output;
            var store = await CliStore.OpenAsync(parse.GetValue(db), cancel);
            try
            {
                if (userId is { } u)
                {
                    if (parse.GetValue(optOut)) await store.SetOptedOutAsync(u, true, DateTimeOffset.UtcNow, cancel);
                    Report(output, $"user {u}", await store.ForgetAuthorAsync(u, cancel));
                    var optedOut = parse.GetValue(optOut) || await store.IsOptedOutAsync(u, cancel);
                    output.WriteLine(optedOut
                        ? $"user {u} is opted out: their new posts are not answered or stored"
                        : $"user {u} is not opted out: their new posts are stored again (--opt-out stops that)");
                }
                if (guildId is { } g)
                {
                    Report(output, $"server {g}", await store.ForgetGuildAsync(g, DateTimeOffset.UtcNow, cancel));
                }
            }
            finally
            {
                if (store is IAsyncDisposable disposable) await disposable.DisposeAsync();
            }
            return 0;
        }, parse.InvocationConfiguration.Error));

        return new Command("data", "What the bot keeps about members, and deleting it.") { forget };
    }

    private static void Report(TextWriter output, string who, ForgetResult forgot) =>
        output.WriteLine($"{who}: forgot {forgot.Decisions} post decision(s), {forgot.Threads} remembered thread(s) (titles and vectors), " +
                         $"{forgot.Feedback} feedback row(s) (post texts, and the member's own votes)");

    /// <summary>A snowflake: digits only, above zero.</summary>
    private static ulong? Id(string? value, string option, string what)
    {
        if (value is null) return null;
        if (ulong.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        throw new CliException($"{option} takes a Discord {what} id (digits only, e.g. 222000000000000001), not '{value}'");
    }
}
