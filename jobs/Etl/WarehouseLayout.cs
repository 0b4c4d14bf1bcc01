using System.Globalization;

namespace Kindling.Jobs.Etl;

/// <summary>The folders of DATA-CONTRACT section 1 under one root.</summary>
internal sealed class WarehouseLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string InitFile(string name) => Path.Combine(Root, "init", name);

    public string RawDay(DateOnly date) => Path.Combine(Root, "raw", "dt=" + Format(date));

    public string RawFile(DateOnly date, string name) => Path.Combine(RawDay(date), name);

    public string Table(string name) => Path.Combine(Root, "final", "table=" + name);

    public string Report(string name, DateOnly date) => Path.Combine(Root, "final", "report=" + name, "dt=" + Format(date));

    /// <summary>The rejects of one input file; the file's name is escaped Hive-style (<c>init/orders.csv</c> → <c>init%2Forders.csv</c>).</summary>
    public string Rejects(string sourceFile, DateOnly date) => Path.Combine(Root, "rejects", "source=" + EscapePartitionValue(sourceFile), "dt=" + Format(date));

    /// <summary>Hive's escaping of a partition value: the characters that a path or a key=value pair cannot hold become %XX.</summary>
    public static string EscapePartitionValue(string value)
    {
        var sb = new System.Text.StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c < ' ' || c is '"' or '#' or '%' or '\'' or '*' or '/' or ':' or '=' or '?' or '\\' or '\x7F' or '{' or '[' or ']' or '^')
                sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else
                sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>True when the table folder was committed by an earlier run.</summary>
    public bool TableExists(string name) => File.Exists(Path.Combine(Table(name), "_SUCCESS"));

    /// <summary>The newest raw day whose manifest was written (a day folder without one is incomplete).</summary>
    public DateOnly? NewestCompleteRawDay()
    {
        string raw = Path.Combine(Root, "raw");
        if (!Directory.Exists(raw)) return null;
        DateOnly? newest = null;
        foreach (string dir in Directory.EnumerateDirectories(raw, "dt=*"))
        {
            if (!File.Exists(Path.Combine(dir, "_manifest.json"))) continue;
            if (DateOnly.TryParseExact(Path.GetFileName(dir)[3..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                && (newest is null || d > newest))
                newest = d;
        }
        return newest;
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
