using System.Globalization;
using System.Text;

namespace Kindling.Sql;

/// <summary>Spark's Dataset.showString: the ASCII table (or vertical records) printed by Show.</summary>
internal static class TableFormatter
{
    public static string Format(IReadOnlyList<string> columns, IReadOnlyList<Row> rowsPlusOne, int numRows, int truncate, bool vertical)
    {
        bool hasMore = rowsPlusOne.Count > numRows;
        var rows = rowsPlusOne.Take(numRows).Select(r => r.Values.Select(v => Cell(v, truncate)).ToArray()).ToList();
        var header = columns.Select(c => Truncate(c, truncate)).ToArray();
        var sb = new StringBuilder();
        if (!vertical)
        {
            var widths = header.Select(h => Math.Max(3, Width(h))).ToArray();
            foreach (var r in rows)
                for (int i = 0; i < r.Length; i++) widths[i] = Math.Max(widths[i], Width(r[i]));
            string sep = "+" + string.Join("+", widths.Select(w => new string('-', w))) + "+\n";
            sb.Append(sep);
            AppendRow(sb, header, widths, truncate);
            sb.Append(sep);
            foreach (var r in rows) AppendRow(sb, r, widths, truncate);
            sb.Append(sep);
        }
        else
        {
            // Spark: minimum width 3; the record header is padded to both widths + 5 with '-'.
            int fieldWidth = header.Select(Width).Append(3).Max();
            int valueWidth = rows.SelectMany(r => r).Select(Width).Append(3).Max();
            if (rows.Count == 0) sb.Append("(0 rows)\n");
            for (int r = 0; r < rows.Count; r++)
            {
                string head = $"-RECORD {r}";
                sb.Append(head.PadRight(fieldWidth + valueWidth + 5, '-')).Append('\n');
                for (int i = 0; i < header.Length; i++)
                    sb.Append(' ').Append(header[i].PadRight(fieldWidth)).Append(" | ").Append(rows[r][i].PadRight(valueWidth)).Append(" \n");
            }
        }
        if (hasMore) sb.Append("only showing top ").Append(numRows.ToString(CultureInfo.InvariantCulture)).Append(numRows == 1 ? " row\n" : " rows\n");
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, string[] cells, int[] widths, int truncate)
    {
        sb.Append('|');
        for (int i = 0; i < cells.Length; i++)
        {
            int pad = widths[i] - Width(cells[i]);
            if (truncate > 0) sb.Append(' ', pad).Append(cells[i]);
            else sb.Append(cells[i]).Append(' ', pad);
            sb.Append('|');
        }
        sb.Append('\n');
    }

    private static int Width(string s) => new StringInfo(s).LengthInTextElements;

    private static string Cell(object? v, int truncate) => Truncate(Row.Format(v), truncate);

    private static string Truncate(string s, int truncate)
    {
        if (truncate <= 0 || s.Length <= truncate) return s;
        return truncate < 4 ? s[..truncate] : s[..(truncate - 3)] + "...";
    }
}
