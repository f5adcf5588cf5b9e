using System.Globalization;

namespace MassageForumBot.Discord.Models;

/// <summary>
/// Documented Discord message limits, a <see cref="Fit"/> that shortens a message to fit them (cutting on text-element
/// boundaries and ending cut text with an ellipsis) and a <see cref="Validate"/> that lists what is over.
/// Lengths are counted in UTF-16 code units, which is never less than what Discord counts.
/// </summary>
public static class DiscordLimits
{
    public const int ContentLength = 2000;
    public const int EmbedsPerMessage = 10;
    public const int EmbedTitleLength = 256;
    public const int EmbedDescriptionLength = 4096;
    public const int EmbedFieldCount = 25;
    public const int EmbedFieldNameLength = 256;
    public const int EmbedFieldValueLength = 1024;
    public const int EmbedFooterTextLength = 2048;
    public const int EmbedAuthorNameLength = 256;
    public const int EmbedTotalLength = 6000;
    public const int ActionRowsPerMessage = 5;
    public const int ComponentsPerActionRow = 5;
    public const int CustomIdLength = 100;
    public const int ButtonLabelLength = 80;
    public const int SelectOptionsCount = 25;
    public const int SelectOptionTextLength = 100;
    public const int NonceLength = 25;

    public const string Ellipsis = "…";

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="maxLength"/> chars, ending with an ellipsis when cut.</summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        if (maxLength <= 0)
        {
            return "";
        }

        var budget = maxLength - Ellipsis.Length;
        var cut = 0;
        while (cut < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, cut);
            if (cut + next > budget)
            {
                break;
            }

            cut += next;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), Ellipsis);
    }

    /// <summary>A copy of <paramref name="request"/> within every documented limit.</summary>
    public static CreateMessageRequest Fit(CreateMessageRequest request)
    {
        var content = request.Content is null ? null : Truncate(request.Content, ContentLength);
        IReadOnlyList<Embed>? embeds = null;
        if (request.Embeds is not null)
        {
            var budget = EmbedTotalLength;
            var fitted = new List<Embed>();
            foreach (var embed in request.Embeds.Take(EmbedsPerMessage))
            {
                fitted.Add(FitEmbed(embed, ref budget));
            }

            embeds = fitted;
        }

        return request with { Content = content, Embeds = embeds };
    }

    /// <summary>A copy of <paramref name="request"/> within every documented limit.</summary>
    public static EditMessageRequest Fit(EditMessageRequest request)
    {
        var fitted = Fit(new CreateMessageRequest { Content = request.Content, Embeds = request.Embeds });
        return request with { Content = fitted.Content, Embeds = fitted.Embeds };
    }

    private static Embed FitEmbed(Embed embed, ref int budget)
    {
        var title = Take(embed.Title, EmbedTitleLength, ref budget);
        var description = Take(embed.Description, EmbedDescriptionLength, ref budget);
        var authorName = embed.Author is null ? null : Take(embed.Author.Name, EmbedAuthorNameLength, ref budget);
        var footerText = embed.Footer is null ? null : Take(embed.Footer.Text, EmbedFooterTextLength, ref budget);
        List<EmbedField>? fields = null;
        if (embed.Fields is not null)
        {
            fields = [];
            foreach (var field in embed.Fields.Take(EmbedFieldCount))
            {
                // A field needs a non-empty name and value: drop it when it no longer fits.
                var name = Truncate(field.Name, EmbedFieldNameLength);
                if (name.Length + 1 > budget)
                {
                    break;
                }

                budget -= name.Length;
                var value = Truncate(field.Value, Math.Min(EmbedFieldValueLength, budget));
                budget -= value.Length;
                fields.Add(field with { Name = name, Value = value.Length == 0 ? Ellipsis : value });
            }
        }

        return embed with
        {
            Title = title,
            Description = description,
            Author = embed.Author is null ? null : embed.Author with { Name = authorName ?? "" },
            Footer = embed.Footer is null || string.IsNullOrEmpty(footerText) ? null : embed.Footer with { Text = footerText },
            Fields = fields,
        };
    }

    private static string? Take(string? text, int limit, ref int budget)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = Truncate(text, Math.Min(limit, budget));
        budget -= result.Length;
        return result.Length == 0 ? null : result;
    }

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

        if (request.Content is { Length: > ContentLength })
        {
            problems.Add($"content is {request.Content.Length} characters (max {ContentLength}).");
        }

        if (request.Nonce is { Length: > NonceLength })
        {
            problems.Add($"nonce is {request.Nonce.Length} characters (max {NonceLength}).");
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
        if (embeds.Count > EmbedsPerMessage)
        {
            problems.Add($"{embeds.Count} embeds (max {EmbedsPerMessage}).");
        }

        var total = 0;
        for (var i = 0; i < embeds.Count; i++)
        {
            var e = embeds[i];
            total += EmbedTextLength(e);
            Check(problems, $"embeds[{i}].title", e.Title, EmbedTitleLength);
            Check(problems, $"embeds[{i}].description", e.Description, EmbedDescriptionLength);
            Check(problems, $"embeds[{i}].footer.text", e.Footer?.Text, EmbedFooterTextLength);
            Check(problems, $"embeds[{i}].author.name", e.Author?.Name, EmbedAuthorNameLength);
            if (e.Fields is null)
            {
                continue;
            }

            if (e.Fields.Count > EmbedFieldCount)
            {
                problems.Add($"embeds[{i}] has {e.Fields.Count} fields (max {EmbedFieldCount}).");
            }

            for (var f = 0; f < e.Fields.Count; f++)
            {
                Check(problems, $"embeds[{i}].fields[{f}].name", e.Fields[f].Name, EmbedFieldNameLength);
                Check(problems, $"embeds[{i}].fields[{f}].value", e.Fields[f].Value, EmbedFieldValueLength);
                if (string.IsNullOrEmpty(e.Fields[f].Name) || string.IsNullOrEmpty(e.Fields[f].Value))
                {
                    problems.Add($"embeds[{i}].fields[{f}] needs a non-empty name and value.");
                }
            }
        }

        if (total > EmbedTotalLength)
        {
            problems.Add($"embed text totals {total} characters (max {EmbedTotalLength}).");
        }
    }

    private static void ValidateComponents(IReadOnlyList<MessageComponent> components, List<string> problems)
    {
        if (components.Count > ActionRowsPerMessage)
        {
            problems.Add($"{components.Count} action rows (max {ActionRowsPerMessage}).");
        }

        for (var r = 0; r < components.Count; r++)
        {
            if (components[r] is not ActionRow row)
            {
                problems.Add($"components[{r}] must be an action row.");
                continue;
            }

            if (row.Components.Count is 0 or > ComponentsPerActionRow)
            {
                problems.Add($"components[{r}] has {row.Components.Count} components (1-{ComponentsPerActionRow}).");
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
                        Check(problems, where + ".label", button.Label, ButtonLabelLength);
                        if (button.Style == ButtonStyle.Link)
                        {
                            if (string.IsNullOrEmpty(button.Url))
                            {
                                problems.Add($"{where}: a link button needs a url.");
                            }
                        }
                        else if (string.IsNullOrEmpty(button.CustomId) || button.CustomId.Length > CustomIdLength)
                        {
                            problems.Add($"{where}: custom_id must be 1-{CustomIdLength} characters.");
                        }

                        if (!Enum.IsDefined(button.Style))
                        {
                            problems.Add($"{where}: button style {(int)button.Style} is not 1-5.");
                        }

                        break;
                    case StringSelect select:
                        if (string.IsNullOrEmpty(select.CustomId) || select.CustomId.Length > CustomIdLength)
                        {
                            problems.Add($"{where}: custom_id must be 1-{CustomIdLength} characters.");
                        }

                        if (select.Options.Count is 0 or > SelectOptionsCount)
                        {
                            problems.Add($"{where}: {select.Options.Count} options (1-{SelectOptionsCount}).");
                        }

                        foreach (var option in select.Options)
                        {
                            Check(problems, where + ".options.label", option.Label, SelectOptionTextLength);
                            Check(problems, where + ".options.value", option.Value, SelectOptionTextLength);
                            Check(problems, where + ".options.description", option.Description, SelectOptionTextLength);
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
