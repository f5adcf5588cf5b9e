using MassageForumBot.Storage;
using MassageForumBot.Storage.Postgres;
using MassageForumBot.Storage.Sqlite;

namespace MassageForumBot.Configuration;

/// <summary>Makes the store that Storage:Provider names: the embedded SQLite file or the shared PostgreSQL database.</summary>
public static class BotStoreFactory
{
    /// <summary>A store on the configured database, not yet initialised.</summary>
    public static IBotStore Create(StorageOptions options) =>
        options.IsPostgres ? new PostgresBotStore(options.ConnectionString) : new SqliteBotStore(options.ConnectionString);
}
