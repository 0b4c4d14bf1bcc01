using System.Globalization;
using System.Text;
using Kindling.Vectors;

namespace Kindling.Storage;

/// <summary>
/// Hive partition folder names as Spark writes and reads them: <c>key=value</c> with
/// ExternalCatalogUtils.escapePathName's escaping (control characters and <c>"#%'*/:=?\{[]^</c> and DEL
/// become %XX), and <see cref="DefaultPartitionName"/> for null.
/// </summary>
internal static class PartitionPath
{
    public const string DefaultPartitionName = "__HIVE_DEFAULT_PARTITION__";

    private static bool NeedsEscaping(char c) =>
        c < ' ' || c == '\u007F' || c is '"' or '#' or '%' or '\'' or '*' or '/' or ':' or '=' or '?' or '\\' or '{' or '[' or ']' or '^';

    public static string Escape(string value)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (NeedsEscaping(c))
            {
                sb ??= new StringBuilder(value.Length + 8).Append(value, 0, i);
                sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else sb?.Append(c);
        }
        return sb?.ToString() ?? value;
    }

    public static string Unescape(string path)
    {
        if (!path.Contains('%')) return path;
        var sb = new StringBuilder(path.Length);
        for (int i = 0; i < path.Length; i++)
        {
            char c = path[i];
            if (c == '%' && i + 2 < path.Length &&
                int.TryParse(path.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
            {
                sb.Append((char)code);
                i += 2;
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The folder name for one partition value, formatted as Spark does (dates yyyy-MM-dd, timestamps yyyy-MM-dd HH:mm:ss[.ffffff]).</summary>
    public static string Segment(string column, object? value) =>
        Escape(column) + "=" + (value is null ? DefaultPartitionName : Escape(FormatValue(value)));

    public static string FormatValue(object value) => value switch
    {
        string s => s.Length == 0 ? DefaultPartitionName : s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        double d => Formats.Values.JavaNumberFormat.Format(d),
        float f => Formats.Values.JavaNumberFormat.Format(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The partition value of row <paramref name="row"/> of a column as the CLR object partition values use.</summary>
    public static object? ValueAt(ColumnVector vector, int row) => vector.GetObject(row);
}
