using System.Globalization;
using System.Text;

namespace MassageForumBot.Classification.Registry;

/// <summary>Renders the registry's slots for `models list`: one line per slot, then where its files are.</summary>
public static class ModelListing
{
    public static string Render(IReadOnlyList<ModelSlotInfo> slots)
    {
        var header = new[] { "slot", "version", "trained (UTC)", "file written (UTC)", "features + trainer", "threshold", "macro-F1", "reply precision" };
        var table = new List<string[]> { header };
        foreach (var s in slots)
        {
            var m = s.Manifest;
            table.Add(m is null
                ? [s.Slot.Name, s.Problem == "none" ? "(none)" : "(unreadable)", "", Time(s.FileTime), "", "", "", ""]
                : [s.Slot.Name, m.Version, Time(m.CreatedAt), Time(s.FileTime), $"{m.Features} + {m.Trainer}", F(m.ReplyThreshold), F(m.HeldOut.MacroF1), F(m.HeldOut.ReplyPrecision)]);
        }
        var widths = Enumerable.Range(0, header.Length).Select(c => table.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in table)
            sb.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        sb.AppendLine();
        sb.AppendLine("macro-F1 and reply precision are each model's own held-out figures, recorded when it was trained (promote rescores both on the same rows).");
        foreach (var s in slots)
        {
            sb.Append($"{s.Slot.Name}: {s.Slot.ModelPath}");
            if (s.Slot.Exists) sb.Append(File.Exists(s.Slot.CardPath) ? $" (card {s.Slot.CardPath})" : " (no card)");
            if (s.Problem is not null && s.Problem != "none") sb.Append($": {s.Problem}");
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static string Time(DateTimeOffset? t) => t is null ? "" : t.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
