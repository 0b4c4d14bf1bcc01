using System.Globalization;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>
/// A test table with every type the contract and the engine use, whose values and nulls are simple
/// formulas of the row index, so expected values are computed independently of any reader or writer.
/// </summary>
internal static class ContractTable
{
    public static readonly Schema Schema = new([
        new Field("b", ColumnType.Boolean),
        new Field("i32", ColumnType.Int32, Nullable: false),
        new Field("i64", ColumnType.Int64),
        new Field("f", ColumnType.Float32),
        new Field("d", ColumnType.Float64),
        new Field("s", ColumnType.String),
        new Field("dt", ColumnType.Date),
        new Field("ts", ColumnType.Timestamp),
        new Field("dec", ColumnType.Decimal(15, 4)),
        new Field("wide", ColumnType.Decimal(38, 10)),
        new Field("dec7", ColumnType.Decimal(7, 2)), // precision <= 9: INT32 in Parquet
        new Field("nul", ColumnType.String), // optional, and null in every row
    ]);

    public static readonly string[] Names = [.. Schema.Fields.Select(f => f.Name)];

    private static readonly DateTime TsBase = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    public static bool IsNull(string column, long i) => column switch
    {
        "b" => i % 7 == 3,
        "i64" => i % 5 == 0,
        "d" => i % 11 == 0,
        "s" => i % 13 == 0,
        "dt" => i % 9 == 4,
        "ts" => i % 10 == 9,
        "dec" => i % 6 == 1,
        "wide" => i % 8 == 2,
        "dec7" => i % 4 == 3,
        "nul" => true,
        _ => false,
    };

    public static bool Bool(long i) => i % 3 == 0;
    public static int Int32(long i) => (int)(i * 7 - 1000);
    public static long Int64(long i) => i * 1_000_000_007L - 5_000_000_000_000L;
    public static float Float(long i) => i * 0.5f - 100;
    public static double Double(long i) => i * 0.25 - 1e6;
    public static string String(long i) => i % 17 == 0 ? "" : $"name-{i % 50} Zoë, \"q\" {(i % 4 == 0 ? "東京" : "x")}";
    public static int DateDays(long i) => 19_723 + (int)(i % 1000); // 2024-01-01 + i % 1000
    public static long TimestampMicros(long i) => TemporalConstants.ToEpochMicros(TsBase) + i * 1_234_567L;
    public static long DecimalUnscaled(long i) => i * 12_345L - 500_000L;
    /// <summary>Seven digits at most, of either sign: -49,999.99 to 49,999.99.</summary>
    public static long Dec7Unscaled(long i) => i * 7_919 % 9_999_999 - 4_999_999;
    public static Int128 WideUnscaled(long i) => (Int128)i * Int128.Parse("100000000000000000000") + 7 - (i % 2 == 0 ? Int128.Parse("5000000000000000000000000") : 0);

    public static ColumnBatch Batch(long first, int rows)
    {
        var b = new PrimitiveVectorBuilder<byte>(ColumnType.Boolean, rows);
        var i32 = new PrimitiveVectorBuilder<int>(ColumnType.Int32, rows);
        var i64 = new PrimitiveVectorBuilder<long>(ColumnType.Int64, rows);
        var f = new PrimitiveVectorBuilder<float>(ColumnType.Float32, rows);
        var d = new PrimitiveVectorBuilder<double>(ColumnType.Float64, rows);
        var s = new StringVectorBuilder(ColumnType.String, rows);
        var dt = new PrimitiveVectorBuilder<int>(ColumnType.Date, rows);
        var ts = new PrimitiveVectorBuilder<long>(ColumnType.Timestamp, rows);
        var dec = new PrimitiveVectorBuilder<long>(ColumnType.Decimal(15, 4), rows);
        var wide = new PrimitiveVectorBuilder<Int128>(ColumnType.Decimal(38, 10), rows);
        var dec7 = new PrimitiveVectorBuilder<long>(ColumnType.Decimal(7, 2), rows);
        var nul = new StringVectorBuilder(ColumnType.String, rows);
        for (long i = first; i < first + rows; i++)
        {
            if (IsNull("b", i)) b.AppendNull(); else b.Append(Bool(i) ? (byte)1 : (byte)0);
            i32.Append(Int32(i));
            if (IsNull("i64", i)) i64.AppendNull(); else i64.Append(Int64(i));
            f.Append(Float(i));
            if (IsNull("d", i)) d.AppendNull(); else d.Append(Double(i));
            if (IsNull("s", i)) s.AppendNull(); else s.Append(String(i));
            if (IsNull("dt", i)) dt.AppendNull(); else dt.Append(DateDays(i));
            if (IsNull("ts", i)) ts.AppendNull(); else ts.Append(TimestampMicros(i));
            if (IsNull("dec", i)) dec.AppendNull(); else dec.Append(DecimalUnscaled(i));
            if (IsNull("wide", i)) wide.AppendNull(); else wide.Append(WideUnscaled(i));
            if (IsNull("dec7", i)) dec7.AppendNull(); else dec7.Append(Dec7Unscaled(i));
            nul.AppendNull();
        }
        return new ColumnBatch(Schema, [b.Build(), i32.Build(), i64.Build(), f.Build(), d.Build(), s.Build(), dt.Build(), ts.Build(), dec.Build(), wide.Build(), dec7.Build(), nul.Build()], rows);
    }

    /// <summary>Row i's values as DuckDB's canonical text (see <see cref="DuckDbCanonicalSelect"/>), null for null.</summary>
    public static string?[] ExpectedText(long i) =>
    [
        IsNull("b", i) ? null : Bool(i) ? "true" : "false",
        Int32(i).ToString(CultureInfo.InvariantCulture),
        IsNull("i64", i) ? null : Int64(i).ToString(CultureInfo.InvariantCulture),
        Real(Float(i)),
        IsNull("d", i) ? null : Real(Double(i)),
        IsNull("s", i) ? null : String(i),
        IsNull("dt", i) ? null : TemporalConstants.FromEpochDays(DateDays(i)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IsNull("ts", i) ? null : TemporalConstants.FromEpochMicros(TimestampMicros(i)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        IsNull("dec", i) ? null : FormatUnscaled(DecimalUnscaled(i), 4),
        IsNull("wide", i) ? null : FormatUnscaled(WideUnscaled(i), 10),
        IsNull("dec7", i) ? null : FormatUnscaled(Dec7Unscaled(i), 2),
        null, // nul
    ];

    /// <summary>A DuckDB select list that renders each column as <see cref="ExpectedText"/> does.</summary>
    public const string DuckDbCanonicalSelect =
        "cast(b as varchar), cast(i32 as varchar), cast(i64 as varchar), cast(f as varchar), cast(d as varchar), s, " +
        "cast(dt as varchar), strftime(ts, '%Y-%m-%dT%H:%M:%S.%fZ'), cast(dec as varchar), cast(wide as varchar), " +
        "cast(dec7 as varchar), nul";

    /// <summary>DuckDB's text for a float or double: shortest round trip, with ".0" on whole numbers.</summary>
    private static string Real(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    public static string FormatUnscaled(Int128 unscaled, int scale)
    {
        bool negative = unscaled < 0;
        string digits = (negative ? -unscaled : unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        return (negative ? "-" : "") + digits[..^scale] + "." + digits[^scale..];
    }
}
