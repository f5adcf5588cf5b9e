namespace MassageForumBot.Storage.Tests.Contract;

/// <summary>One empty database of the provider under test, with ways to look at it from outside the store.</summary>
public interface IStoreHarness : IAsyncDisposable
{
    /// <summary>The initialised store the test works on.</summary>
    IBotStore Store { get; }

    /// <summary>Another store instance on the same database, initialised, as a restarted or second process would make.</summary>
    Task<IBotStore> ReopenAsync();

    /// <summary>Runs a scalar query on a connection of its own (SQL common to both providers: COUNT(*) and the like).</summary>
    Task<object?> ScalarAsync(string sql);
}
