using MassageForumBot.Discord;
using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using MassageForumBot.Discord.Testing;
using MassageForumBot.DiscordBot.Interactions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Tests.Moderation;

public sealed class InteractionResponderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogCollector _logs = new();
    private FakeDiscordServer _server = null!;
    private InteractionResponder _responder = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeDiscordServer.StartAsync();
        var rest = DiscordRestClient.Create(new DiscordClientOptions { Token = "t", ApiBaseUrl = _server.ApiBaseUrl }, _time);
        _responder = new InteractionResponder(rest, _time, new FakeLogger<InteractionResponder>(_logs));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private InteractionCreateEvent Interaction(ulong id) => new()
    {
        Id = id, ApplicationId = _server.ApplicationId, Type = InteractionType.ApplicationCommand, Token = $"tok{id}",
        Data = new InteractionData { Name = "massagebot" },
    };

    private IReadOnlyList<RecordedRequest> Requests(InteractionCreateEvent i) =>
        _server.Requests.Where(r => r.Path.Contains(i.Token, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Quick_work_is_answered_at_once_as_an_ephemeral_message()
    {
        var interaction = Interaction(1);

        await _responder.RespondAsync(interaction, _time.GetTimestamp(), AnswerStyle.NewMessage, _ => Task.FromResult(new Answer("done")), CancellationToken.None);

        var callback = Assert.Single(Requests(interaction)).Body!.Value;
        Assert.Equal(4, callback.GetProperty("type").GetInt32());
        Assert.Equal(64, callback.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal("done", callback.GetProperty("data").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Work_still_running_two_seconds_after_receipt_is_deferred_then_edited_in()
    {
        var interaction = Interaction(2);
        var receivedAt = _time.GetTimestamp();
        var slow = new TaskCompletionSource<Answer>(TaskCreationOptions.RunContinuationsAsynchronously);

        var responding = _responder.RespondAsync(interaction, receivedAt, AnswerStyle.NewMessage, _ => slow.Task, CancellationToken.None);
        _time.Advance(InteractionResponder.AnswerBudget - TimeSpan.FromMilliseconds(1));
        Assert.Empty(Requests(interaction)); // still inside the budget
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _server.WaitForRequestAsync(r => r.Path.EndsWith("/callback", StringComparison.Ordinal) && r.Path.Contains(interaction.Token, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        slow.SetResult(new Answer("late but fine"));
        await responding;

        var requests = Requests(interaction);
        Assert.Equal(["POST", "PATCH"], requests.Select(r => r.Method));
        Assert.Equal(5, requests[0].Body!.Value.GetProperty("type").GetInt32());
        Assert.Equal(64, requests[0].Body!.Value.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.EndsWith("/messages/@original", requests[1].Path, StringComparison.Ordinal);
        Assert.Equal("late but fine", requests[1].Body!.Value.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Work_that_arrives_already_late_is_deferred_without_waiting()
    {
        var interaction = Interaction(3);
        var receivedAt = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromSeconds(2.5)); // e.g. the event queue was backed up
        var slow = new TaskCompletionSource<Answer>(TaskCreationOptions.RunContinuationsAsynchronously);

        var responding = _responder.RespondAsync(interaction, receivedAt, AnswerStyle.NewMessage, _ => slow.Task, CancellationToken.None);
        await _server.WaitForRequestAsync(r => r.Path.Contains(interaction.Token, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        slow.SetResult(new Answer("ok"));
        await responding;

        Assert.Equal(5, Requests(interaction)[0].Body!.Value.GetProperty("type").GetInt32());
    }

    [Theory]
    [InlineData(10062, 404, "no longer knows it (10062)")]
    [InlineData(40060, 400, "already acknowledged (40060)")]
    public async Task Discord_interaction_errors_become_clear_log_messages(int code, int status, string expected)
    {
        var interaction = Interaction(4);
        _server.EnqueueResponse("POST", "/interactions/", status, new { message = "nope", code });

        await _responder.RespondAsync(interaction, _time.GetTimestamp(), AnswerStyle.NewMessage, _ => Task.FromResult(new Answer("x")), CancellationToken.None);

        var warning = Assert.Single(_logs.GetSnapshot(), l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains(expected, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(interaction.Token, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_handler_still_gets_an_answer()
    {
        var interaction = Interaction(5);

        await _responder.RespondAsync(interaction, _time.GetTimestamp(), AnswerStyle.NewMessage, _ => throw new InvalidOperationException("boom"), CancellationToken.None);

        Assert.Contains("did not work", Assert.Single(Requests(interaction)).Body!.Value.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains(_logs.GetSnapshot(), l => l.Exception is InvalidOperationException);
    }
}
