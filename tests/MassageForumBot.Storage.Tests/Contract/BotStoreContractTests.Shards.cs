namespace MassageForumBot.Storage.Tests.Contract;

/// <summary>What shard processes sharing one store rely on: claims and Identify slots decided by the database, bounded similarity candidates.</summary>
public abstract partial class BotStoreContractTests
{
    private static readonly TimeSpan IdentifyWindow = TimeSpan.FromSeconds(5);

    [SkippableFact]
    public async Task Two_processes_claiming_the_same_post_agree_on_one_winner_and_its_nonce()
    {
        var other = await _db.ReopenAsync();
        using var start = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var store = i % 2 == 0 ? _store : other;
            return await store.ClaimReplyAsync(4242, 20, $"nonce-{i}", T0.AddMilliseconds(i));
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(claims);

        var winner = Assert.Single(results, r => r.IsNew);
        Assert.All(results, r => Assert.Equal(winner.Claim.Nonce, r.Claim.Nonce));
        await other.MarkReplySentAsync(4242, 99);
        Assert.Equal(new ReplyClaim(4242, 20, winner.Claim.Nonce, ReplyState.Sent, 99, winner.Claim.ClaimedAt), await _store.GetClaimAsync(4242));
    }

    [SkippableFact]
    public async Task An_identify_slot_is_taken_once_per_window_per_bucket()
    {
        Assert.Null(await _store.TryTakeIdentifySlotAsync(0, T0, IdentifyWindow));

        Assert.Equal(T0 + IdentifyWindow, await _store.TryTakeIdentifySlotAsync(0, T0.AddSeconds(1), IdentifyWindow));
        Assert.Equal(T0 + IdentifyWindow, await _store.TryTakeIdentifySlotAsync(0, T0.AddMilliseconds(4999), IdentifyWindow));
        // Another bucket (shard id % max_concurrency) has a slot of its own.
        Assert.Null(await _store.TryTakeIdentifySlotAsync(1, T0.AddSeconds(1), IdentifyWindow));
        // Exactly one window later the slot is free again, and the next window starts then.
        Assert.Null(await _store.TryTakeIdentifySlotAsync(0, T0 + IdentifyWindow, IdentifyWindow));
        Assert.Equal(T0 + IdentifyWindow * 2, await _store.TryTakeIdentifySlotAsync(0, T0.AddSeconds(6), IdentifyWindow));
    }

    [SkippableFact]
    public async Task Of_processes_racing_for_a_free_identify_slot_exactly_one_gets_it()
    {
        var stores = new[] { _store, await _db.ReopenAsync(), await _db.ReopenAsync() };
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await stores[i % stores.Length].TryTakeIdentifySlotAsync(3, T0.AddMilliseconds(i), IdentifyWindow);
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r is null);
        var winnerAt = T0.AddMilliseconds(Array.FindIndex(results, r => r is null));
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(winnerAt + IdentifyWindow, r));
    }

    [SkippableFact]
    public async Task Identify_slots_are_shared_by_every_store_instance_on_the_database()
    {
        var other = await _db.ReopenAsync();

        Assert.Null(await _store.TryTakeIdentifySlotAsync(0, T0, IdentifyWindow));

        Assert.Equal(T0 + IdentifyWindow, await other.TryTakeIdentifySlotAsync(0, T0.AddSeconds(2), IdentifyWindow));
    }

    [SkippableFact]
    public async Task Similar_candidates_are_bounded_and_of_one_guild_and_topic_only()
    {
        for (var i = 1; i <= 30; i++)
            await _store.RememberAsync(Thread((ulong)i, at: T0.AddMinutes(i), vector: [1f, i, 0f]));
        await _store.RememberAsync(Thread(100, guildId: 11, at: T0.AddHours(1), vector: [1f, 1f, 0f]));
        await _store.RememberAsync(Thread(101, topic: "glutes-draping", at: T0.AddHours(1), vector: [1f, 1f, 0f]));

        var candidates = await _store.SimilarCandidatesAsync(10, "glutes-routine", [1f, 1f, 0f], 7);

        Assert.Equal(7, candidates.Count);
        Assert.All(candidates, c => Assert.Equal((10UL, "glutes-routine"), (c.GuildId, c.Topic)));
        Assert.Equal(7, candidates.Select(c => c.MessageId).Distinct().Count());
        Assert.Empty(await _store.SimilarCandidatesAsync(12, "glutes-routine", [1f, 1f, 0f], 7));
        Assert.Equal([101UL], (await _store.SimilarCandidatesAsync(10, "glutes-draping", [1f, 1f, 0f], 7)).Select(c => c.MessageId));
    }

    [SkippableFact]
    public async Task Similar_candidates_keep_the_vectors_bit_for_bit_and_accept_vectors_a_ranking_cannot_use()
    {
        float[] odd = [float.NaN, 1f, float.PositiveInfinity];
        await _store.RememberAsync(Thread(1, vector: odd));
        await _store.RememberAsync(Thread(2, vector: [], at: T0.AddMinutes(1)));

        var forOdd = await _store.SimilarCandidatesAsync(10, "glutes-routine", odd, 10);
        var forEmpty = await _store.SimilarCandidatesAsync(10, "glutes-routine", [], 10);

        Assert.Equal([2UL, 1UL], forOdd.Select(t => t.MessageId));
        Assert.Equal(odd.Select(BitConverter.SingleToInt32Bits), forOdd[1].Vector.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal([2UL, 1UL], forEmpty.Select(t => t.MessageId));
    }
}
