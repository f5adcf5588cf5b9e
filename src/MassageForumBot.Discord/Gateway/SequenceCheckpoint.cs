namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// Which received sequences the host has handled. The watermark is the highest S such that every event received with
/// a sequence &lt;= S is handled: storing it (not the last received) means a restart makes Discord replay whatever was
/// still queued. Each new session starts a new generation, so late marks from an old session are ignored.
/// </summary>
internal sealed class SequenceCheckpoint
{
    private readonly Lock _gate = new();
    private readonly SortedSet<long> _unhandled = [];
    private long _generation;
    private long? _lastReceived;

    /// <summary>The current session's generation; stamped on every dispatch.</summary>
    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    /// <summary>The last sequence received: what a resume inside this process sends (queued events are in memory).</summary>
    public long? LastReceived
    {
        get
        {
            lock (_gate)
            {
                return _lastReceived;
            }
        }
    }

    /// <summary>The contiguous handled watermark: what a restarted process resumes from.</summary>
    public long? Watermark
    {
        get
        {
            lock (_gate)
            {
                return _unhandled.Count == 0 ? _lastReceived : _unhandled.Min - 1;
            }
        }
    }

    /// <summary>Starts a new generation from <paramref name="sequence"/> (a loaded session, or null for a new session).</summary>
    public void Restart(long? sequence)
    {
        lock (_gate)
        {
            _generation++;
            _unhandled.Clear();
            _lastReceived = sequence;
        }
    }

    /// <summary>Records a received sequence; returns the generation to stamp on the dispatch.</summary>
    public long Received(long sequence, bool handledAlready)
    {
        lock (_gate)
        {
            if (_lastReceived is null || sequence > _lastReceived)
            {
                _lastReceived = sequence;
            }

            if (!handledAlready)
            {
                _unhandled.Add(sequence);
            }

            return _generation;
        }
    }

    /// <summary>Marks one sequence of <paramref name="generation"/> handled; a mark from another generation is ignored.</summary>
    public void Handled(long generation, long sequence)
    {
        lock (_gate)
        {
            if (generation == _generation)
            {
                _unhandled.Remove(sequence);
            }
        }
    }
}
