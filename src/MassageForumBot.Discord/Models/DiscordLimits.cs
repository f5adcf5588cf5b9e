using System.Globalization;

namespace MassageForumBot.Discord.Models;

/// <summary>
/// Documented Discord message limits, the one text-fitting function (<see cref="Truncate"/>: cuts on text-element
/// boundaries and ends cut text with an ellipsis) and <see cref="Fit"/>, which shortens a whole message to fit.
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
}
