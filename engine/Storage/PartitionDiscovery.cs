using System.Globalization;
using Kindling.Formats.Values;
using Kindling.Vectors;

namespace Kindling.Storage;

/// <summary>
/// Expands paths into data files and discovers Hive-style key=value partitions, like Spark's
/// PartitioningUtils: folders are walked recursively (skipping names that start with '_' or '.', such
/// as _SUCCESS and _temporary; a folder without _SUCCESS is still read, as Spark does), each file's
/// key=value folders below its root path give its partition values, values are unescaped (%XX), and
/// each column's type is inferred from all its values: int, bigint, decimal (integers beyond bigint),
/// double, date (yyyy-MM-dd), timestamp (yyyy-MM-dd HH:mm:ss[.S]), else string;
/// __HIVE_DEFAULT_PARTITION__ is null. Partition values are the CLR objects ColumnVector.GetObject
/// returns: int, long, decimal, double, DateOnly, DateTime (UTC), string.
/// </summary>
internal static class PartitionDiscovery
{
    private enum Inferred { Null, Int, Long, Decimal, Double, Date, Timestamp, String }

    private sealed record Found(string Path, long Length, string Root, List<(string Key, string? Value)> Partitions);

    public static FileSet Discover(IReadOnlyList<string> paths, bool inferTypes = true)
    {
        var found = new List<Found>();
        foreach (string raw in paths)
        {
            string path = LocalStorage.Normalize(raw);
            long length = LocalStorage.FileLength(path);
            if (length >= 0)
            {
                found.Add(new Found(path, length, Path.GetDirectoryName(path)!, []));
                continue;
            }
            if (!LocalStorage.IsDirectory(path)) StorageThrow.PathNotFound(path);
            Walk(path, path, [], found);
        }

        // Every file must have the same partition columns in the same order.
        string[] columns = [];
        Found? reference = null;
        foreach (var f in found)
        {
            if (reference is null)
            {
                reference = f;
                columns = f.Partitions.Select(p => p.Key).ToArray();
                continue;
            }
            bool same = f.Partitions.Count == columns.Length;
            for (int i = 0; same && i < columns.Length; i++)
                same = string.Equals(f.Partitions[i].Key, columns[i], StringComparison.OrdinalIgnoreCase);
            if (!same)
                StorageThrow.ConflictingDirectories(Path.GetDirectoryName(reference.Path)!, columns, Path.GetDirectoryName(f.Path)!, f.Partitions.Select(p => p.Key));
        }

        var fields = new Field[columns.Length];
        var converted = new object?[found.Count][];
        for (int i = 0; i < found.Count; i++) converted[i] = new object?[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            var type = Inferred.Null;
            int precision = 0;
            if (inferTypes)
            {
                foreach (var f in found)
                {
                    string? v = f.Partitions[c].Value;
                    if (v is null) continue;
                    type = Merge(type, Infer(v, out int p));
                    precision = Math.Max(precision, p);
                }
            }
            if (type == Inferred.Null) type = Inferred.String;
            ColumnType columnType = type switch
            {
                Inferred.Int => ColumnType.Int32,
                Inferred.Long => ColumnType.Int64,
                Inferred.Decimal => ColumnType.Decimal(Math.Max(precision, 20), 0),
                Inferred.Double => ColumnType.Float64,
                Inferred.Date => ColumnType.Date,
                Inferred.Timestamp => ColumnType.Timestamp,
                _ => ColumnType.String,
            };
            fields[c] = new Field(columns[c], columnType, Nullable: true);
            for (int i = 0; i < found.Count; i++)
                converted[i][c] = Convert(found[i].Partitions[c].Value, type);
        }
        var files = new DataFile[found.Count];
        for (int i = 0; i < found.Count; i++) files[i] = new DataFile(found[i].Path, found[i].Length, converted[i]);
        return new FileSet(files, new Schema(fields));
    }

    private static void Walk(string root, string folder, List<(string, string?)> partitions, List<Found> found)
    {
        foreach (var entry in LocalStorage.List(folder))
        {
            string name = entry.Name;
            if (LocalStorage.IsHidden(name)) continue;
            if (!entry.IsDirectory)
            {
                found.Add(new Found(entry.Path, entry.Length, root, partitions));
                continue;
            }
            int eq = name.IndexOf('=');
            var next = new List<(string, string?)>(partitions);
            if (eq > 0)
            {
                string key = PartitionPath.Unescape(name[..eq]);
                string value = PartitionPath.Unescape(name[(eq + 1)..]);
                next.Add((key, value == PartitionPath.DefaultPartitionName ? null : value));
            }
            Walk(root, entry.Path, next, found);
        }
    }

    private static Inferred Infer(string v, out int precision)
    {
        precision = 0;
        if (int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return Inferred.Int;
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return Inferred.Long;
        if (v.Length <= 39 && v.TrimStart('-').All(char.IsAsciiDigit) && v.TrimStart('-').Length > 0)
        {
            precision = v.TrimStart('-').Length;
            return precision <= 28 ? Inferred.Decimal : Inferred.String; // System.Decimal holds the partition value
        }
        if (double.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _))
            return Inferred.Double;
        var bytes = System.Text.Encoding.UTF8.GetBytes(v);
        if (bytes.Length == 10 && Utf8ValueParser.TryParseIsoDate(bytes, out _)) return Inferred.Date;
        if (bytes.Length > 10 && bytes[10] == ' ' && Utf8ValueParser.TryParseIsoTimestamp(bytes, out _)) return Inferred.Timestamp;
        return Inferred.String;
    }

    private static Inferred Merge(Inferred a, Inferred b)
    {
        if (a == b || b == Inferred.Null) return a;
        if (a == Inferred.Null) return b;
        if (a > b) (a, b) = (b, a);
        if (b <= Inferred.Double) return b; // numeric widening int < long < decimal < double
        if (a == Inferred.Date && b == Inferred.Timestamp) return Inferred.Timestamp;
        return Inferred.String;
    }

    private static object? Convert(string? v, Inferred type)
    {
        if (v is null) return null;
        var bytes = System.Text.Encoding.UTF8.GetBytes(v);
        switch (type)
        {
            case Inferred.Int: return int.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            case Inferred.Long: return long.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            case Inferred.Decimal: return decimal.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            case Inferred.Double: return double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture);
            case Inferred.Date:
                Utf8ValueParser.TryParseIsoDate(bytes, out int days);
                return TemporalConstants.FromEpochDays(days);
            case Inferred.Timestamp:
                Utf8ValueParser.TryParseIsoTimestamp(bytes, out long micros);
                return TemporalConstants.FromEpochMicros(micros);
            default: return v;
        }
    }
}
