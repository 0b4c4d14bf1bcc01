using System.Globalization;
using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>
/// A constant. Values use the engine's representation: bool, int, long, float, double, string, byte[],
/// decimal (System.Decimal), int epoch days for dates, long epoch micros for timestamps; null for null.
/// </summary>
internal sealed class Literal(object? value, ColumnType type) : LeafExpr
{
    public static readonly Literal Null = new(null, ColumnType.Null);
    public static readonly Literal True = new(true, ColumnType.Boolean);
    public static readonly Literal False = new(false, ColumnType.Boolean);

    public object? Value { get; } = value;

    public override ColumnType Type { get; } = type;

    public override bool Nullable => Value is null;

    public override bool Foldable => true;

    /// <summary>The literal of a CLR value passed to the public API (Functions.Lit, Column operators).</summary>
    public static Literal FromObject(object? value) => value switch
    {
        null => Null,
        bool b => new(b, ColumnType.Boolean),
        byte v => new((int)v, ColumnType.Int32),
        sbyte v => new((int)v, ColumnType.Int32),
        short v => new((int)v, ColumnType.Int32),
        ushort v => new((int)v, ColumnType.Int32),
        int v => new(v, ColumnType.Int32),
        uint v => new((long)v, ColumnType.Int64),
        long v => new(v, ColumnType.Int64),
        float v => new(v, ColumnType.Float32),
        double v => new(v, ColumnType.Float64),
        decimal v => new(v, DecimalTypeOf(v)),
        string s => new(s, ColumnType.String),
        char c => new(c.ToString(), ColumnType.String),
        byte[] bytes => new(bytes, ColumnType.Binary),
        DateOnly d => new(TemporalConstants.ToEpochDays(d), ColumnType.Date),
        DateTime dt => new(TemporalConstants.ToEpochMicros(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt), ColumnType.Timestamp),
        Sql.Types.Date d => new(d.EpochDays, ColumnType.Date),
        Sql.Types.Timestamp t => new(t.EpochMicros, ColumnType.Timestamp),
        _ => throw new NotSupportedException($"Unsupported literal type {value.GetType()}: {value}"),
    };

    /// <summary>Spark's type for a decimal literal: precision = digits, scale = the value's scale.</summary>
    public static ColumnType DecimalTypeOf(decimal v)
    {
        int scale = v.Scale;
        var digits = decimal.Truncate(Math.Abs(v) * DecimalPow10(scale)).ToString(CultureInfo.InvariantCulture).TrimStart('0').Length;
        int precision = Math.Max(Math.Max(digits, scale), 1);
        return ColumnType.Decimal(Math.Min(precision, ColumnType.MaxDecimalPrecision), scale);
    }

    private static decimal DecimalPow10(int n)
    {
        decimal r = 1;
        for (int i = 0; i < n; i++) r *= 10;
        return r;
    }

    public override string ToString() => Value switch
    {
        null => "NULL",
        string s => s,
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        int days when Type.Kind == TypeKind.Date => $"DATE '{TemporalConstants.FromEpochDays(days):yyyy-MM-dd}'",
        long micros when Type.Kind == TypeKind.Timestamp => $"TIMESTAMP '{Kernels.Temporal.TemporalFormat.FormatTimestamp(micros)}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? "",
    };
}
