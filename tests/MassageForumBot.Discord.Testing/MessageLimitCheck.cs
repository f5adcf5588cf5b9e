using MassageForumBot.Discord.Models;

namespace MassageForumBot.Discord.Testing;

/// <summary>
/// Checks an outgoing message against Discord's documented limits (<see cref="DiscordLimits"/>) the way Discord's 400
/// would, listing what is over. For tests: production code shortens with <see cref="DiscordLimits.Fit"/> instead.
/// </summary>
public static class MessageLimitCheck
{
    /// <summary>Total embed text as Discord counts it against the 6000 limit.</summary>
    public static int EmbedTextLength(Embed embed) =>
        (embed.Title?.Length ?? 0)
        + (embed.Description?.Length ?? 0)
        + (embed.Footer?.Text.Length ?? 0)
        + (embed.Author?.Name.Length ?? 0)
        + (embed.Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);

    /// <summary>Everything in <paramref name="request"/> that Discord would reject; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(CreateMessageRequest request)
    {
        var problems = new List<string>();
        var hasEmbeds = request.Embeds is { Count: > 0 };
        var hasComponents = request.Components is { Count: > 0 };
        if (string.IsNullOrEmpty(request.Content) && !hasEmbeds && !hasComponents)
        {
            problems.Add("The message is empty: give content, an embed or a component.");
        }

        if (request.Content is { Length: > DiscordLimits.ContentLength })
        {
            problems.Add($"content is {request.Content.Length} characters (max {DiscordLimits.ContentLength}).");
        }

        if (request.Nonce is { Length: > DiscordLimits.NonceLength })
        {
            problems.Add($"nonce is {request.Nonce.Length} characters (max {DiscordLimits.NonceLength}).");
        }

        if (request.Embeds is not null)
        {
            ValidateEmbeds(request.Embeds, problems);
        }

        if (request.Components is not null)
        {
            ValidateComponents(request.Components, problems);
        }

        return problems;
    }

    private static void ValidateEmbeds(IReadOnlyList<Embed> embeds, List<string> problems)
    {
        if (embeds.Count > DiscordLimits.EmbedsPerMessage)
        {
            problems.Add($"{embeds.Count} embeds (max {DiscordLimits.EmbedsPerMessage}).");
        }

        var total = 0;
        for (var i = 0; i < embeds.Count; i++)
        {
            var e = embeds[i];
            total += EmbedTextLength(e);
            Check(problems, $"embeds[{i}].title", e.Title, DiscordLimits.EmbedTitleLength);
            Check(problems, $"embeds[{i}].description", e.Description, DiscordLimits.EmbedDescriptionLength);
            Check(problems, $"embeds[{i}].footer.text", e.Footer?.Text, DiscordLimits.EmbedFooterTextLength);
            Check(problems, $"embeds[{i}].author.name", e.Author?.Name, DiscordLimits.EmbedAuthorNameLength);
            if (e.Fields is null)
            {
                continue;
            }

            if (e.Fields.Count > DiscordLimits.EmbedFieldCount)
            {
                problems.Add($"embeds[{i}] has {e.Fields.Count} fields (max {DiscordLimits.EmbedFieldCount}).");
            }

            for (var f = 0; f < e.Fields.Count; f++)
            {
                Check(problems, $"embeds[{i}].fields[{f}].name", e.Fields[f].Name, DiscordLimits.EmbedFieldNameLength);
                Check(problems, $"embeds[{i}].fields[{f}].value", e.Fields[f].Value, DiscordLimits.EmbedFieldValueLength);
                if (string.IsNullOrEmpty(e.Fields[f].Name) || string.IsNullOrEmpty(e.Fields[f].Value))
                {
                    problems.Add($"embeds[{i}].fields[{f}] needs a non-empty name and value.");
                }
            }
        }

        if (total > DiscordLimits.EmbedTotalLength)
        {
            problems.Add($"embed text totals {total} characters (max {DiscordLimits.EmbedTotalLength}).");
        }
    }

    private static void ValidateComponents(IReadOnlyList<MessageComponent> components, List<string> problems)
    {
        if (components.Count > DiscordLimits.ActionRowsPerMessage)
        {
            problems.Add($"{components.Count} action rows (max {DiscordLimits.ActionRowsPerMessage}).");
        }

        for (var r = 0; r < components.Count; r++)
        {
            if (components[r] is not ActionRow row)
            {
                problems.Add($"components[{r}] must be an action row.");
                continue;
            }

            if (row.Components.Count is 0 or > DiscordLimits.ComponentsPerActionRow)
            {
                problems.Add($"components[{r}] has {row.Components.Count} components (1-{DiscordLimits.ComponentsPerActionRow}).");
            }

            if (row.Components.OfType<StringSelect>().Any() && row.Components.Count > 1)
            {
                problems.Add($"components[{r}]: a select menu must be alone in its row.");
            }

            for (var c = 0; c < row.Components.Count; c++)
            {
                var where = $"components[{r}].components[{c}]";
                switch (row.Components[c])
                {
                    case Button button:
                        Check(problems, where + ".label", button.Label, DiscordLimits.ButtonLabelLength);
                        if (button.Style == ButtonStyle.Link)
                        {
                            if (string.IsNullOrEmpty(button.Url))
                            {
                                problems.Add($"{where}: a link button needs a url.");
                            }
                        }
                        else if (string.IsNullOrEmpty(button.CustomId) || button.CustomId.Length > DiscordLimits.CustomIdLength)
                        {
                            problems.Add($"{where}: custom_id must be 1-{DiscordLimits.CustomIdLength} characters.");
                        }

                        if (!Enum.IsDefined(button.Style))
                        {
                            problems.Add($"{where}: button style {(int)button.Style} is not 1-5.");
                        }

                        break;
                    case StringSelect select:
                        if (string.IsNullOrEmpty(select.CustomId) || select.CustomId.Length > DiscordLimits.CustomIdLength)
                        {
                            problems.Add($"{where}: custom_id must be 1-{DiscordLimits.CustomIdLength} characters.");
                        }

                        if (select.Options.Count is 0 or > DiscordLimits.SelectOptionsCount)
                        {
                            problems.Add($"{where}: {select.Options.Count} options (1-{DiscordLimits.SelectOptionsCount}).");
                        }

                        foreach (var option in select.Options)
                        {
                            Check(problems, where + ".options.label", option.Label, DiscordLimits.SelectOptionTextLength);
                            Check(problems, where + ".options.value", option.Value, DiscordLimits.SelectOptionTextLength);
                            Check(problems, where + ".options.description", option.Description, DiscordLimits.SelectOptionTextLength);
                        }

                        break;
                    case ActionRow:
                        problems.Add($"{where}: action rows cannot be nested.");
                        break;
                }
            }
        }
    }

    private static void Check(List<string> problems, string name, string? value, int max)
    {
        if (value is { } v && v.Length > max)
        {
            problems.Add($"{name} is {v.Length} characters (max {max}).");
        }
    }
}
