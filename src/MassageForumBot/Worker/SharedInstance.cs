namespace MassageForumBot.Worker;

/// <summary>
/// An instance that concurrent callers borrow, disposed once its owner has retired it and the last borrower is done:
/// a swapped-out model is never disposed under a call still running on it.
/// </summary>
public sealed class SharedInstance<T>
    where T : IDisposable
{
    // The owner's own reference counts as one; Retire gives it up.
    private int _users = 1;
    private int _retired;

    public SharedInstance(T value)
    {
        Value = value;
    }

    public T Value { get; }

    /// <summary>Borrows the instance; false once it is retired and no longer in use (take the newer one then).</summary>
    public bool TryAcquire()
    {
        var users = Volatile.Read(ref _users);
        while (users > 0)
        {
            var seen = Interlocked.CompareExchange(ref _users, users + 1, users);
            if (seen == users) return true;
            users = seen;
        }
        return false;
    }

    /// <summary>Gives back a borrowed instance; the last one out after <see cref="Retire"/> disposes it.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _users) == 0) Value.Dispose();
    }

    /// <summary>The owner is done with it (a newer one replaced it): disposed now, or when the last borrower releases it.</summary>
    public void Retire()
    {
        if (Interlocked.Exchange(ref _retired, 1) == 0) Release();
    }
}
