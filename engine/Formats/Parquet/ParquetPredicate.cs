using System.Buffers.Binary;
using System.Text;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Formats.Parquet.Reader;
using Kindling.Vectors;

namespace Kindling.Formats.Parquet;

/// <summary>
/// A simple <c>column op constant</c> filter that a row group's statistics can rule out; a conjunction
/// of them prunes when any one rules the group out. Constants are engine values: long for integers,
/// dates (days), timestamps (micros) and narrow decimals (unscaled), double, string, Int128.
/// </summary>
internal sealed record ParquetPredicate(string Column, ScanPredicateOperator Operator, object? Value = null)
{
    /// <summary>False only when the statistics prove no row of the group can match.</summary>
    internal bool MayMatch(ParquetColumn column, ColumnMetaData chunk, long rows)
    {
        var stats = chunk.Statistics;
        // A list's leaf statistics count elements, not rows (a null count includes null elements and empty lists).
        if (stats is null || column.IsList) return true;
        if (Operator == ScanPredicateOperator.IsNull) return stats.NullCount is not 0;
        if (Operator == ScanPredicateOperator.IsNotNull) return stats.NullCount is null || stats.NullCount < rows;
        if (stats.NullCount == rows) return false; // only nulls: no comparison is true
        byte[]? min = stats.MinValue, max = stats.MaxValue;
        bool signedLegacy = column.Physical is not (PhysicalType.ByteArray or PhysicalType.FixedLenByteArray);
        if (min is null && signedLegacy) { min = stats.LegacyMin; max = stats.LegacyMax; }
        if (min is null || max is null || Value is null) return true;
        int? cmpMin = Compare(column, min, Value), cmpMax = Compare(column, max, Value);
        if (cmpMin is null || cmpMax is null) return true;
        return Operator switch
        {
            ScanPredicateOperator.Equal => cmpMin <= 0 && cmpMax >= 0,
            ScanPredicateOperator.Less => cmpMin < 0,
            ScanPredicateOperator.LessOrEqual => cmpMin <= 0,
            ScanPredicateOperator.Greater => cmpMax > 0,
            ScanPredicateOperator.GreaterOrEqual => cmpMax >= 0,
            _ => true,
        };
    }

    /// <summary>Compares a statistics value with the constant, or null when the types do not allow it.</summary>
    private static int? Compare(ParquetColumn column, byte[] stat, object value)
    {
        if (column.Conversion is not (ValueConversion.None or ValueConversion.BigEndianDecimal)) return null;
        switch (column.Physical)
        {
            case PhysicalType.Int32 when stat.Length == 4 && value is long or int:
                return ((long)BinaryPrimitives.ReadInt32LittleEndian(stat)).CompareTo(Convert.ToInt64(value));
            case PhysicalType.Int64 when stat.Length == 8 && value is long or int:
                return BinaryPrimitives.ReadInt64LittleEndian(stat).CompareTo(Convert.ToInt64(value));
            case PhysicalType.Double when stat.Length == 8 && value is double d:
                return BinaryPrimitives.ReadDoubleLittleEndian(stat).CompareTo(d);
            case PhysicalType.Float when stat.Length == 4 && value is double f:
                return ((double)BinaryPrimitives.ReadSingleLittleEndian(stat)).CompareTo(f);
            case PhysicalType.ByteArray when column.Type.Kind == TypeKind.String && value is string s:
                return stat.AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(s));
            default:
                return null;
        }
    }
}
