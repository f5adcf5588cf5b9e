namespace MassageForumBot.Storage.Tests.Contract;

/// <summary>
/// The store contract: every provider (SQLite, PostgreSQL) runs these same tests through a subclass that supplies a
/// fresh, initialised store. Anyone adding a store member adds its behaviour here.
/// </summary>
public abstract partial class BotStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private IStoreHarness _db = null!;
    private IBotStore _store = null!;

    /// <summary>A new empty store of the provider under test; throws <see cref="SkipException"/> when the provider cannot run here.</summary>
    protected abstract Task<IStoreHarness> CreateHarnessAsync();

    public async Task InitializeAsync()
    {
        _db = await CreateHarnessAsync();
        _store = _db.Store;
    }

    public async Task DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
    }

    private static PostDecision Decision(ulong messageId, ulong guildId = 10, DateTimeOffset? at = null, PostOutcome outcome = PostOutcome.Replied) =>
        new(messageId, guildId, 20, 30, "glutes-draping", 0.87654321, """{"glutes-draping":0.87654321,"other":0.12345679}""",
            outcome, $"reason for {messageId}", at ?? T0);

    private static RememberedThread Thread(ulong messageId, ulong guildId = 10, string topic = "glutes-routine", DateTimeOffset? at = null, float[]? vector = null, ulong? threadId = 500) =>
        new(messageId, guildId, 20, threadId, topic, $"title {messageId}", at ?? T0, vector ?? [1f, 2f, 3f]);

    // ---- schema ----

    [SkippableFact]
    public async Task Initialize_is_idempotent_and_keeps_the_data()
    {
        await _store.RecordDecisionAsync(Decision(1));
        await _store.ClaimReplyAsync(1, 20, "n1", T0);

        await _store.InitializeAsync();
        await _store.InitializeAsync();
        var again = await _db.ReopenAsync();

        Assert.Equal(Decision(1), await again.GetDecisionAsync(1));
        Assert.Equal("n1", (await again.GetClaimAsync(1))!.Nonce);
    }

    // ---- reply claims ----

    [SkippableFact]
    public async Task First_claim_is_new_and_a_second_claim_returns_the_first_nonce()
    {
        var (first, firstIsNew) = await _store.ClaimReplyAsync(100, 20, "nonce-a", T0);
        var (second, secondIsNew) = await _store.ClaimReplyAsync(100, 21, "nonce-b", T0.AddMinutes(1));

        Assert.True(firstIsNew);
        Assert.False(secondIsNew);
        Assert.Equal(new ReplyClaim(100, 20, "nonce-a", ReplyState.Sending, null, T0), first);
        Assert.Equal(first, second);
    }

    [SkippableFact]
    public async Task Of_twenty_parallel_claims_exactly_one_is_new_and_all_see_its_nonce()
    {
        using var start = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await _store.ClaimReplyAsync(777, 20, $"nonce-{i}", T0.AddMilliseconds(i));
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(claims);

        var winner = Assert.Single(results, r => r.IsNew);
        Assert.All(results, r => Assert.Equal(winner.Claim, r.Claim));
        Assert.Equal(winner.Claim, await _store.GetClaimAsync(777));
    }

    [SkippableFact]
    public async Task Claims_on_different_posts_are_independent()
    {
        var a = await _store.ClaimReplyAsync(1, 20, "a", T0);
        var b = await _store.ClaimReplyAsync(2, 20, "b", T0);

        Assert.True(a.IsNew);
        Assert.True(b.IsNew);
        Assert.Equal("b", b.Claim.Nonce);
    }

    [SkippableFact]
    public async Task Mark_sent_records_the_reply_and_it_can_be_found_by_reply_id()
    {
        await _store.ClaimReplyAsync(100, 20, "n", T0);

        await _store.MarkReplySentAsync(100, 9_000_000_000_000_000_001);

        var expected = new ReplyClaim(100, 20, "n", ReplyState.Sent, 9_000_000_000_000_000_001, T0);
        Assert.Equal(expected, await _store.GetClaimAsync(100));
        Assert.Equal(expected, await _store.FindClaimByReplyAsync(9_000_000_000_000_000_001));
        Assert.Null(await _store.FindClaimByReplyAsync(9_000_000_000_000_000_002));
        Assert.Null(await _store.GetClaimAsync(101));
    }

    [SkippableFact]
    public async Task Mark_removed_keeps_the_claim_so_no_second_reply_is_claimed()
    {
        await _store.ClaimReplyAsync(100, 20, "n", T0);
        await _store.MarkReplySentAsync(100, 555);

        await _store.MarkReplyRemovedAsync(100);
        var (claim, isNew) = await _store.ClaimReplyAsync(100, 20, "other-nonce", T0.AddHours(1));

        Assert.False(isNew);
        Assert.Equal(ReplyState.Removed, claim.State);
        Assert.Equal("n", claim.Nonce);
        Assert.Equal((ulong?)555, claim.ReplyMessageId);
        Assert.Equal(claim, await _store.FindClaimByReplyAsync(555));
    }

    [SkippableFact]
    public async Task Release_removes_a_sending_claim_so_a_later_claim_is_new_again()
    {
        await _store.ClaimReplyAsync(100, 20, "first", T0);

        await _store.ReleaseClaimAsync(100);

        Assert.Null(await _store.GetClaimAsync(100));
        var (claim, isNew) = await _store.ClaimReplyAsync(100, 20, "second", T0.AddMinutes(5));
        Assert.True(isNew);
        Assert.Equal("second", claim.Nonce);
        Assert.Equal(T0.AddMinutes(5), claim.ClaimedAt);
    }

    [SkippableTheory]
    [InlineData(ReplyState.Sent)]
    [InlineData(ReplyState.Removed)]
    public async Task Release_leaves_sent_and_removed_claims_alone(ReplyState state)
    {
        await _store.ClaimReplyAsync(100, 20, "n", T0);
        await _store.MarkReplySentAsync(100, 555);
        if (state == ReplyState.Removed) await _store.MarkReplyRemovedAsync(100);

        await _store.ReleaseClaimAsync(100);

        var claim = await _store.GetClaimAsync(100);
        Assert.NotNull(claim);
        Assert.Equal(state, claim.State);
        Assert.False((await _store.ClaimReplyAsync(100, 20, "again", T0)).IsNew);
    }

    [SkippableFact]
    public async Task Marking_a_post_that_was_never_claimed_changes_nothing()
    {
        await _store.MarkReplySentAsync(404, 1);
        await _store.MarkReplyRemovedAsync(404);
        await _store.ReleaseClaimAsync(404);

        Assert.Null(await _store.GetClaimAsync(404));
        Assert.Null(await _store.FindClaimByReplyAsync(1));
        Assert.Equal(0L, await _db.ScalarAsync("SELECT COUNT(*) FROM reply_claims;"));
    }

    // ---- decisions ----

    [SkippableFact]
    public async Task Decisions_round_trip_every_field()
    {
        var decision = new PostDecision(ulong.MaxValue >> 1, 1_234_567_890_123_456_789, 2, 3, "glutes-lowback", 0.123456789012345,
            """{"glutes-lowback":0.1}""", PostOutcome.ShadowDraft, "shadow mode: draft only, ünïcødé ✓", T0.AddMilliseconds(123));

        await _store.RecordDecisionAsync(decision);

        Assert.Equal(decision, await _store.GetDecisionAsync(decision.MessageId));
        Assert.Null(await _store.GetDecisionAsync(1));
    }

    [SkippableFact]
    public async Task Every_outcome_round_trips()
    {
        var outcomes = Enum.GetValues<PostOutcome>();
        for (var i = 0; i < outcomes.Length; i++)
            await _store.RecordDecisionAsync(Decision((ulong)i + 1, outcome: outcomes[i]));

        for (var i = 0; i < outcomes.Length; i++)
            Assert.Equal(outcomes[i], (await _store.GetDecisionAsync((ulong)i + 1))!.Outcome);
    }

    [SkippableFact]
    public async Task Recording_a_decision_again_replaces_it()
    {
        await _store.RecordDecisionAsync(Decision(1, outcome: PostOutcome.Replied));

        await _store.RecordDecisionAsync(Decision(1, outcome: PostOutcome.Failed));

        Assert.Equal(PostOutcome.Failed, (await _store.GetDecisionAsync(1))!.Outcome);
        Assert.Equal(1L, await _db.ScalarAsync("SELECT COUNT(*) FROM decisions;"));
    }

    [SkippableFact]
    public async Task Recent_decisions_are_newest_first_limited_and_of_one_guild()
    {
        // Recorded out of time order on purpose.
        foreach (var minutes in new[] { 3, 1, 5, 2, 4 })
            await _store.RecordDecisionAsync(Decision((ulong)minutes, guildId: 10, at: T0.AddMinutes(minutes)));
        await _store.RecordDecisionAsync(Decision(99, guildId: 11, at: T0.AddMinutes(10)));

        var recent = await _store.RecentDecisionsAsync(10, 3);
        var all = await _store.RecentDecisionsAsync(10, 100);
        var otherGuild = await _store.RecentDecisionsAsync(11, 100);

        Assert.Equal([5UL, 4UL, 3UL], recent.Select(d => d.MessageId));
        Assert.Equal([5UL, 4UL, 3UL, 2UL, 1UL], all.Select(d => d.MessageId));
        Assert.Equal([99UL], otherGuild.Select(d => d.MessageId));
        Assert.Empty(await _store.RecentDecisionsAsync(12, 10));
    }

    [SkippableFact]
    public async Task Forgetting_a_post_removes_its_decision_and_thread_memory_but_keeps_the_claim()
    {
        await _store.RecordDecisionAsync(Decision(1));
        await _store.RememberAsync(Thread(1));
        await _store.ClaimReplyAsync(1, 20, "n", T0);
        await _store.MarkReplySentAsync(1, 1001);
        await _store.RecordDecisionAsync(Decision(2));
        await _store.RememberAsync(Thread(2));

        await _store.ForgetMessagesAsync(10, 20, [1], T0);

        Assert.Null(await _store.GetDecisionAsync(1));
        Assert.DoesNotContain(await _store.ThreadsAsync(10, "glutes-routine", 10), t => t.MessageId == 1);
        var claim = await _store.GetClaimAsync(1);
        Assert.Equal(ReplyState.Sent, claim!.State);
        Assert.False((await _store.ClaimReplyAsync(1, 20, "again", T0)).IsNew);
        // Other posts are untouched.
        Assert.NotNull(await _store.GetDecisionAsync(2));
        Assert.Single(await _store.ThreadsAsync(10, "glutes-routine", 10));
    }

    // ---- thread memory ----

    [SkippableFact]
    public async Task Thread_vectors_round_trip_bit_for_bit()
    {
        float[] vector = [0f, -0f, 1.1f, -3.4028235e38f, float.Epsilon, 1e-45f, float.NaN, float.PositiveInfinity, 0.1f + 0.2f, MathF.PI];
        var random = new Random(7);
        var big = Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        await _store.RememberAsync(Thread(1, vector: vector, threadId: null));
        await _store.RememberAsync(Thread(2, vector: big, at: T0.AddMinutes(-1)));

        var threads = await _store.ThreadsAsync(10, "glutes-routine", 10);

        Assert.Equal(2, threads.Count);
        Assert.Equal(vector.Select(BitConverter.SingleToInt32Bits), threads[0].Vector.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(big.Select(BitConverter.SingleToInt32Bits), threads[1].Vector.Select(BitConverter.SingleToInt32Bits));
        Assert.Null(threads[0].ThreadId);
        Assert.Equal((ulong?)500, threads[1].ThreadId);
        Assert.Equal(Thread(2, vector: big, at: T0.AddMinutes(-1)) with { Vector = threads[1].Vector }, threads[1]);
    }

    [SkippableFact]
    public async Task An_empty_vector_round_trips_as_empty()
    {
        await _store.RememberAsync(Thread(1, vector: []));

        var thread = Assert.Single(await _store.ThreadsAsync(10, "glutes-routine", 10));

        Assert.Empty(thread.Vector);
    }

    [SkippableFact]
    public async Task Threads_are_filtered_by_guild_and_topic_newest_first_and_limited()
    {
        await _store.RememberAsync(Thread(1, at: T0.AddMinutes(1)));
        await _store.RememberAsync(Thread(2, at: T0.AddMinutes(3)));
        await _store.RememberAsync(Thread(3, at: T0.AddMinutes(2)));
        await _store.RememberAsync(Thread(4, guildId: 11, at: T0.AddMinutes(9)));
        await _store.RememberAsync(Thread(5, topic: "glutes-draping", at: T0.AddMinutes(9)));

        Assert.Equal([2UL, 3UL, 1UL], (await _store.ThreadsAsync(10, "glutes-routine", 10)).Select(t => t.MessageId));
        Assert.Equal([2UL, 3UL], (await _store.ThreadsAsync(10, "glutes-routine", 2)).Select(t => t.MessageId));
        Assert.Equal([4UL], (await _store.ThreadsAsync(11, "glutes-routine", 10)).Select(t => t.MessageId));
        Assert.Equal([5UL], (await _store.ThreadsAsync(10, "glutes-draping", 10)).Select(t => t.MessageId));
        Assert.Empty(await _store.ThreadsAsync(11, "glutes-draping", 10));
    }

    [SkippableFact]
    public async Task Remembering_a_thread_again_replaces_it_and_forget_removes_only_it()
    {
        await _store.RememberAsync(Thread(1));
        await _store.RememberAsync(Thread(2));
        await _store.RememberAsync(Thread(1) with { Title = "edited", Vector = [9f] });

        await _store.ForgetAsync(2);

        var t = Assert.Single(await _store.ThreadsAsync(10, "glutes-routine", 10));
        Assert.Equal("edited", t.Title);
        Assert.Equal([9f], t.Vector);
    }

    [SkippableFact]
    public async Task Delete_older_than_removes_threads_strictly_before_the_cutoff_and_counts_them()
    {
        await _store.RememberAsync(Thread(1, at: T0.AddDays(-10)));
        await _store.RememberAsync(Thread(2, guildId: 11, at: T0.AddDays(-5)));
        await _store.RememberAsync(Thread(3, at: T0));               // exactly at the cut-off: kept
        await _store.RememberAsync(Thread(4, at: T0.AddDays(1)));

        var deleted = await _store.DeleteOlderThanAsync(T0);
        var again = await _store.DeleteOlderThanAsync(T0);

        Assert.Equal(2, deleted);
        Assert.Equal(0, again);
        Assert.Equal([4UL, 3UL], (await _store.ThreadsAsync(10, "glutes-routine", 10)).Select(t => t.MessageId));
        Assert.Empty(await _store.ThreadsAsync(11, "glutes-routine", 10));
    }

    // ---- gateway sessions ----

    [SkippableFact]
    public async Task Sessions_save_load_replace_and_clear_per_shard()
    {
        var s0 = new StoredGatewaySession(0, "session-a", 41, "wss://resume.example/a", T0);
        var s1 = new StoredGatewaySession(1, "session-b", 7, "wss://resume.example/b", T0.AddSeconds(1));
        Assert.Null(await _store.LoadSessionAsync(0));

        await _store.SaveSessionAsync(s0);
        await _store.SaveSessionAsync(s1);
        Assert.Equal(s0, await _store.LoadSessionAsync(0));
        Assert.Equal(s1, await _store.LoadSessionAsync(1));

        var newer = s0 with { Sequence = 42, SavedAt = T0.AddSeconds(30) };
        await _store.SaveSessionAsync(newer);
        Assert.Equal(newer, await _store.LoadSessionAsync(0));

        await _store.ClearSessionAsync(0);
        Assert.Null(await _store.LoadSessionAsync(0));
        Assert.Equal(s1, await _store.LoadSessionAsync(1));
    }

    // ---- persistence ----

    [SkippableFact]
    public async Task Everything_survives_reopening_the_file_with_a_new_store()
    {
        float[] vector = [0.25f, -1.5f, float.NaN];
        await _store.RecordDecisionAsync(Decision(1, at: T0.AddMilliseconds(7)));
        await _store.ClaimReplyAsync(1, 20, "nonce-1", T0);
        await _store.MarkReplySentAsync(1, 1001);
        await _store.ClaimReplyAsync(2, 20, "nonce-2", T0);
        await _store.RememberAsync(Thread(1, vector: vector));
        var session = new StoredGatewaySession(3, "s", 99, "wss://r", T0);
        await _store.SaveSessionAsync(session);

        var reopened = await _db.ReopenAsync();

        Assert.Equal(Decision(1, at: T0.AddMilliseconds(7)), await reopened.GetDecisionAsync(1));
        Assert.Equal(new ReplyClaim(1, 20, "nonce-1", ReplyState.Sent, 1001, T0), await reopened.FindClaimByReplyAsync(1001));
        var (pending, isNew) = await reopened.ClaimReplyAsync(2, 20, "nonce-after-restart", T0);
        Assert.False(isNew);
        Assert.Equal("nonce-2", pending.Nonce);
        var thread = Assert.Single(await reopened.ThreadsAsync(10, "glutes-routine", 10));
        Assert.Equal(vector.Select(BitConverter.SingleToInt32Bits), thread.Vector.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(session, await reopened.LoadSessionAsync(3));
    }

    [SkippableFact]
    public async Task Times_keep_their_instant_at_millisecond_precision_whatever_the_offset()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(-5));

        await _store.RecordDecisionAsync(Decision(1, at: at));

        var back = (await _store.GetDecisionAsync(1))!.At;
        Assert.Equal(at.UtcDateTime, back.UtcDateTime);
        Assert.Equal(at.ToUnixTimeMilliseconds(), back.ToUnixTimeMilliseconds());
    }
}
