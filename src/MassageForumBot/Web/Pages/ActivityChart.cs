using System.Globalization;
using System.Text;

namespace MassageForumBot.Web.Pages;

/// <summary>One day's counts on the dashboard chart.</summary>
public sealed record DayActivity(DateOnly Day, int Replies, int Drafts, int Feedback);

/// <summary>
/// Replies, shadow drafts and feedback per day as a grouped bar chart in server-rendered SVG: no script, nothing
/// fetched. Colours are presentation attributes (allowed by the CSP, unlike inline styles); each bar has a title.
/// </summary>
public static class ActivityChart
{
    public const int Width = 960;
    public const int Height = 280;
    private const int Left = 44, Right = 12, Top = 16, Bottom = 44;

    private static readonly (string Name, string Colour, Func<DayActivity, int> Value)[] Series =
    [
        ("replies", "#0b5cad", d => d.Replies),
        ("drafts", "#8a63d2", d => d.Drafts),
        ("feedback", "#e08a00", d => d.Feedback),
    ];

    /// <summary>Counts per day for the <paramref name="days"/> days ending with <paramref name="today"/>, zeros included,
    /// from stored day counts (what outlives retention), every guild together.</summary>
    public static IReadOnlyList<DayActivity> Bucket(DateOnly today, int days, IEnumerable<Storage.DailyCount> counts)
    {
        var first = today.AddDays(-(days - 1));
        var byDay = counts.Where(c => c.Day >= first && c.Day <= today).ToLookup(c => c.Day);
        long Sum(DateOnly day, Func<Storage.DailyCount, bool> which) => byDay[day].Where(which).Sum(c => c.Count);
        return Enumerable.Range(0, days).Select(i => first.AddDays(i)).Select(day => new DayActivity(day,
            (int)Sum(day, c => c.Is(Storage.PostOutcome.Replied)),
            (int)Sum(day, c => c.Is(Storage.PostOutcome.ShadowDraft)),
            (int)Sum(day, c => c.IsFeedback))).ToList();
    }

    public static string Render(IReadOnlyList<DayActivity> days)
    {
        var inv = CultureInfo.InvariantCulture;
        var max = Math.Max(1, days.Max(d => Math.Max(d.Replies, Math.Max(d.Drafts, d.Feedback))));
        var step = NiceStep(max);
        var top = (int)Math.Ceiling(max / (double)step) * step;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = plotWidth / (double)days.Count;
        var bar = Math.Max(1, (slot - 4) / Series.Length);

        var svg = new StringBuilder();
        svg.Append(inv, $"<svg id=\"activity-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"activity-chart-title\">");
        svg.Append(inv, $"<title id=\"activity-chart-title\">Replies, shadow drafts and feedback per day, {days[0].Day:yyyy-MM-dd} to {days[^1].Day:yyyy-MM-dd}</title>");
        for (var v = 0; v <= top; v += step)
        {
            var y = Top + plotHeight - (v / (double)top * plotHeight);
            svg.Append(inv, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#e3e3ea\" stroke-width=\"1\"/>");
            svg.Append(inv, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b5b66\">{v}</text>");
        }
        for (var i = 0; i < days.Count; i++)
        {
            var x0 = Left + (i * slot) + 2;
            for (var s = 0; s < Series.Length; s++)
            {
                var value = Series[s].Value(days[i]);
                var h = value / (double)top * plotHeight;
                svg.Append(inv, $"<rect class=\"bar {Series[s].Name}\" data-day=\"{days[i].Day:yyyy-MM-dd}\" data-value=\"{value}\" x=\"{x0 + (s * bar):0.##}\" y=\"{Top + plotHeight - h:0.##}\" width=\"{bar:0.##}\" height=\"{h:0.##}\" fill=\"{Series[s].Colour}\">");
                svg.Append(inv, $"<title>{days[i].Day:d MMM}: {value} {Series[s].Name}</title></rect>");
            }
            if (i % 5 == 0 || i == days.Count - 1)
                svg.Append(inv, $"<text x=\"{x0 + (slot / 2) - 2:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b5b66\">{days[i].Day:d MMM}</text>");
        }
        svg.Append(inv, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + plotHeight}\" y2=\"{Top + plotHeight}\" stroke=\"#5b5b66\" stroke-width=\"1\"/>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static int NiceStep(int max)
    {
        foreach (var step in new[] { 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000 })
            if (max / step <= 6) return step;
        return (int)Math.Pow(10, Math.Ceiling(Math.Log10(max / 6.0)));
    }
}
