using System.Text;
using Kindling.Formats.Values;
using Kindling.Vectors;

namespace Kindling.Formats.Csv;

/// <summary>
/// Spark's CSV schema inference (CSVInferSchema): column names from the header (or _c0, _c1, ...),
/// and with inferSchema=true each column's type is the widest of its values' types, tried in Spark's
/// order int, bigint, decimal(p,0) (integers beyond bigint), double, date, timestamp, boolean, string.
/// Nulls do not vote; a column of only nulls is a string.
/// </summary>
internal static class CsvSchemaInference
{
    private enum Inferred { Null, Int, Long, Decimal, Double, Date, Timestamp, Boolean, String }

    public static Schema Infer(IReadOnlyList<string> files, CsvReadOptions options)
    {
        string[]? names = null;
        Inferred[] types = [];
        int[] decimalPrecision = [];
        foreach (string file in files)
        {
            long start = StartsWithBom(file) ? 3 : 0;
            using var rows = new CsvRowBuffer(256, 2048); // up to 2048 columns are inferred
            using var stream = new CsvRowStream(file, start, 0, options, rows);
            bool first = true;
            while (stream.Next())
            {
                ReadOnlySpan<byte> data = stream.Data;
                for (int r = 0; r < rows.RowCount; r++)
                {
                    int count = Math.Min(rows.RowFieldCounts[r], rows.ColumnCount);
                    if (first)
                    {
                        first = false;
                        if (names is null)
                        {
                            names = new string[count];
                            for (int f = 0; f < count; f++)
                                names[f] = options.Header ? HeaderName(data, rows, r, f, options, names) : $"_c{f}";
                            types = new Inferred[count];
                            decimalPrecision = new int[count];
                        }
                        if (options.Header) continue;
                    }
                    if (!options.InferSchema || rows.RowUnterminatedQuote[r]) continue;
                    for (int f = 0; f < Math.Min(count, types.Length); f++)
                    {
                        var field = Value(data, rows, r, f, options, out bool isNull);
                        if (isNull) continue;
                        var t = InferField(field, options, out int precision);
                        types[f] = Merge(types[f], decimalPrecision[f], t, precision, out decimalPrecision[f]);
                    }
                }
            }
        }
        if (names is null) return Schema.Empty;
        var fields = new Field[names.Length];
        for (int i = 0; i < names.Length; i++)
            fields[i] = new Field(names[i], ToColumnType(types[i], decimalPrecision[i]));
        return new Schema(fields);
    }

    private static bool StartsWithBom(string file)
    {
        Span<byte> head = stackalloc byte[3];
        using var f = File.OpenRead(file);
        return f.ReadAtLeast(head, 3, throwOnEndOfStream: false) == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
    }

    private static string HeaderName(ReadOnlySpan<byte> data, CsvRowBuffer rows, int row, int field, CsvReadOptions options, string[] soFar)
    {
        int cell = row * rows.ColumnCount + field;
        string name = Encoding.UTF8.GetString(CsvFileReader.Unquote(data[rows.FieldStarts[cell]..rows.FieldEnds[cell]], options.Quote));
        if (options.IgnoreLeadingWhiteSpace) name = name.TrimStart();
        if (options.IgnoreTrailingWhiteSpace) name = name.TrimEnd();
        if (name.Length == 0 || name == Encoding.UTF8.GetString(options.NullValue)) return $"_c{field}";
        // Spark makes duplicate header names unique by appending the column index.
        for (int i = 0; i < field; i++)
        {
            if (string.Equals(soFar[i], name, StringComparison.OrdinalIgnoreCase))
            {
                soFar[i] = soFar[i] + i;
                return name + field;
            }
        }
        return name;
    }

    private static ReadOnlySpan<byte> Value(ReadOnlySpan<byte> data, CsvRowBuffer rows, int row, int field, CsvReadOptions options, out bool isNull)
    {
        int cell = row * rows.ColumnCount + field;
        ReadOnlySpan<byte> f = data[rows.FieldStarts[cell]..rows.FieldEnds[cell]];
        if (options.IgnoreLeadingWhiteSpace) f = f.TrimStart(" \t"u8);
        if (options.IgnoreTrailingWhiteSpace) f = f.TrimEnd(" \t"u8);
        bool quoted = options.Quote != 0 && f.Length >= 2 && f[0] == options.Quote;
        if (quoted)
        {
            f = CsvFileReader.Unquote(f, options.Quote);
            if (f.Length == 0) f = options.EmptyValue;
        }
        isNull = f.SequenceEqual(options.NullValue);
        return f;
    }

    private static Inferred InferField(ReadOnlySpan<byte> v, CsvReadOptions options, out int precision)
    {
        precision = 0;
        if (Utf8ValueParser.TryParseInt32(v, out _)) return Inferred.Int;
        if (Utf8ValueParser.TryParseInt64(v, out _)) return Inferred.Long;
        if (IsBigInteger(v, out precision)) return Inferred.Decimal;
        if (Utf8ValueParser.TryParseDouble(v, out _) || v.SequenceEqual(options.NanValue) || v.SequenceEqual(options.PositiveInf) || v.SequenceEqual(options.NegativeInf))
            return Inferred.Double;
        if (IsStrictDate(v, options) ) return Inferred.Date;
        if (options.TimestampFormat.TryParseTimestamp(v, out _)) return Inferred.Timestamp;
        if (Utf8ValueParser.TryParseBoolean(v, out _)) return Inferred.Boolean;
        return Inferred.String;
    }

    // Inference only takes dates that are exactly the pattern (no time part), as Spark's strict formatter.
    private static bool IsStrictDate(ReadOnlySpan<byte> v, CsvReadOptions options)
    {
        if (options.DateFormat.IsDefault)
            return v.Length == 10 && Utf8ValueParser.TryParseIsoDate(v, out _);
        return options.DateFormat.TryParseDate(v, out _);
    }

    private static bool IsBigInteger(ReadOnlySpan<byte> v, out int precision)
    {
        precision = 0;
        int i = v.Length > 0 && (v[0] == '-' || v[0] == '+') ? 1 : 0;
        if (i == v.Length) return false;
        for (int j = i; j < v.Length; j++)
            if ((uint)(v[j] - '0') > 9) return false;
        while (i < v.Length - 1 && v[i] == '0') i++;
        precision = v.Length - i;
        return precision <= ColumnType.MaxDecimalPrecision;
    }

    private static Inferred Merge(Inferred a, int pa, Inferred b, int pb, out int precision)
    {
        precision = Math.Max(pa, pb);
        if (a == b) return a;
        if (a == Inferred.Null) { precision = pb; return b; }
        if (b == Inferred.Null) { precision = pa; return a; }
        if (a > b) (a, b) = (b, a);
        return (a, b) switch
        {
            (Inferred.Int, Inferred.Long) => Inferred.Long,
            (Inferred.Int or Inferred.Long, Inferred.Decimal) => WidenDecimal(a, pa, pb, out precision),
            (Inferred.Int or Inferred.Long or Inferred.Decimal, Inferred.Double) => Inferred.Double,
            (Inferred.Date, Inferred.Timestamp) => Inferred.Timestamp,
            _ => Inferred.String,
        };
    }

    private static Inferred WidenDecimal(Inferred integral, int pa, int pb, out int precision)
    {
        precision = Math.Max(integral == Inferred.Int ? 10 : 20, Math.Max(pa, pb));
        return Inferred.Decimal;
    }

    private static ColumnType ToColumnType(Inferred t, int precision) => t switch
    {
        Inferred.Int => ColumnType.Int32,
        Inferred.Long => ColumnType.Int64,
        Inferred.Decimal => ColumnType.Decimal(Math.Clamp(precision, 1, ColumnType.MaxDecimalPrecision), 0),
        Inferred.Double => ColumnType.Float64,
        Inferred.Date => ColumnType.Date,
        Inferred.Timestamp => ColumnType.Timestamp,
        Inferred.Boolean => ColumnType.Boolean,
        _ => ColumnType.String,
    };

}
