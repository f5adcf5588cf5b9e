using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>
/// Answers an interaction within Discord's 3-second window, measured from receipt with the injected clock: the work
/// runs against a budget; when it is not done in time (or is known to be slow) the interaction is deferred and the
/// answer is sent later as an edit of the original response (the token lasts 15 minutes). 10062 and 40060 are logged
/// as what they mean instead of failing the handler.
/// </summary>
public sealed class InteractionResponder(DiscordRestClient rest, TimeProvider time, ILogger<InteractionResponder> log)
{
    /// <summary>Time from receipt after which the bot defers instead of answering, leaving a second for the request itself.</summary>
    public static readonly TimeSpan AnswerBudget = TimeSpan.FromSeconds(2);

    public async Task RespondAsync(InteractionCreateEvent interaction, long receivedAt, AnswerStyle style,
        Func<CancellationToken, Task<Answer>> work, CancellationToken cancel)
    {
        try
        {
            if (style == AnswerStyle.DeferredMessage)
            {
                await DeferAsync(interaction, style, cancel);
                await EditOriginalAsync(interaction, await RunAsync(interaction, work, cancel), cancel);
                return;
            }

            var remaining = AnswerBudget - time.GetElapsedTime(receivedAt);
            var running = RunAsync(interaction, work, cancel);
            if (remaining <= TimeSpan.Zero)
            {
                // Already past the budget (the interaction waited in a queue): secure the window first, whatever the work.
                await DeferAsync(interaction, style, cancel);
                await EditOriginalAsync(interaction, await running, cancel);
                return;
            }

            if (!running.IsCompleted)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                await Task.WhenAny(running, Task.Delay(remaining, time, stop.Token));
                await stop.CancelAsync();
            }

            if (running.IsCompleted)
            {
                await CallbackAsync(interaction, Immediate(await running, style), cancel);
                return;
            }

            log.LogDebug("Interaction {Id} is slow; deferring", interaction.Id);
            await DeferAsync(interaction, style, cancel);
            await EditOriginalAsync(interaction, await running, cancel);
        }
        catch (DiscordRestException e) when (e.IsUnknownInteraction)
        {
            log.LogWarning("Could not answer interaction {Id} ({Name}): Discord no longer knows it (10062). The 3-second window passed " +
                "({Elapsed:F0} ms since the bot received it) or the token expired; check for a backed-up event queue or a stalled host.",
                interaction.Id, Describe(interaction), time.GetElapsedTime(receivedAt).TotalMilliseconds);
        }
        catch (DiscordRestException e) when (e.IsInteractionAlreadyAcknowledged)
        {
            log.LogWarning("Interaction {Id} ({Name}) was already acknowledged (40060): a duplicate delivery or another bot process answered it first; nothing more to do.",
                interaction.Id, Describe(interaction));
        }
    }

    private async Task<Answer> RunAsync(InteractionCreateEvent interaction, Func<CancellationToken, Task<Answer>> work, CancellationToken cancel)
    {
        await Task.Yield(); // the budget timer starts even when the work is synchronous at first
        try
        {
            return await work(cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Handling interaction {Id} ({Name}) failed", interaction.Id, Describe(interaction));
            return new Answer("Sorry, that did not work. The error is in the bot's log.");
        }
    }

    private Task DeferAsync(InteractionCreateEvent interaction, AnswerStyle style, CancellationToken cancel) =>
        CallbackAsync(interaction, style == AnswerStyle.UpdateMessage
            ? new InteractionResponse { Type = InteractionResponseType.DeferredUpdateMessage }
            : new InteractionResponse
            {
                Type = InteractionResponseType.DeferredChannelMessageWithSource,
                Data = new InteractionResponseData { Flags = InteractionResponseData.EphemeralFlag },
            }, cancel);

    private static InteractionResponse Immediate(Answer answer, AnswerStyle style) => new()
    {
        Type = style == AnswerStyle.UpdateMessage ? InteractionResponseType.UpdateMessage : InteractionResponseType.ChannelMessageWithSource,
        Data = new InteractionResponseData
        {
            Content = answer.FittedContent,
            Components = answer.Components ?? (style == AnswerStyle.UpdateMessage ? [] : null),
            Flags = style == AnswerStyle.UpdateMessage ? null : InteractionResponseData.EphemeralFlag, // an update keeps the message's flags
        },
    };

    private Task CallbackAsync(InteractionCreateEvent interaction, InteractionResponse response, CancellationToken cancel) =>
        rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, cancel);

    private Task EditOriginalAsync(InteractionCreateEvent interaction, Answer answer, CancellationToken cancel) =>
        rest.EditOriginalInteractionResponseAsync(interaction.ApplicationId, interaction.Token, new EditMessageRequest
        {
            Content = answer.FittedContent,
            Components = answer.Components ?? [],
        }, cancel);

    private static string Describe(InteractionCreateEvent interaction) =>
        interaction.Data?.CustomId ?? string.Join(' ', new[] { interaction.Data?.Name }.Concat(interaction.Data?.Options?.Select(o => o.Name) ?? []));
}
