using MassageForumBot.Configuration;
using MassageForumBot.Storage;
using MassageForumBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MassageForumBot.Cli;

/// <summary>The bot's store for an operator's verb: --db (a SQLite connection string), else the configured store
/// (SQLite, or PostgreSQL with Storage:Provider=postgres). A SQLite file that does not exist is an error.</summary>
public static class CliStore
{
    public static async Task<IBotStore> OpenAsync(string? db, CancellationToken cancel)
    {
        var configured = CliConfiguration.Section<StorageOptions>(StorageOptions.Section);
        IBotStore store = db is null && configured.IsPostgres
            ? BotStoreFactory.Create(configured)
            : new SqliteBotStore(FeedbackCommand.ConnectionString(db));
        try
        {
            await store.InitializeAsync(cancel);
            return store;
        }
        catch (Exception e) when (e is SqliteException or Npgsql.NpgsqlException)
        {
            throw new CliException($"cannot open the store ({e.Message})");
        }
    }
}
