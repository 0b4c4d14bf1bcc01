using System.Buffers.Binary;
using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Formats.Parquet.Writer;

/// <summary>
/// Compares raw values in the sort order the Parquet specification defines for each type: signed for
/// integers, dates, timestamps and decimals; numeric for floats; unsigned bytes for strings and binary.
/// </summary>
internal static class ValueOrder
{
    public static int Compare(PhysicalType type, bool isDecimal, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => type switch
    {
        PhysicalType.Boolean => a[0].CompareTo(b[0]),
        PhysicalType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(a).CompareTo(BinaryPrimitives.ReadInt32LittleEndian(b)),
        PhysicalType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(a).CompareTo(BinaryPrimitives.ReadInt64LittleEndian(b)),
        PhysicalType.Float => BinaryPrimitives.ReadSingleLittleEndian(a).CompareTo(BinaryPrimitives.ReadSingleLittleEndian(b)),
        PhysicalType.Double => BinaryPrimitives.ReadDoubleLittleEndian(a).CompareTo(BinaryPrimitives.ReadDoubleLittleEndian(b)),
        PhysicalType.FixedLenByteArray when isDecimal => CompareBigEndianSigned(a, b),
        _ => a.SequenceCompareTo(b),
    };

    /// <summary>True for NaN, which statistics leave out.</summary>
    public static bool IsNaN(PhysicalType type, ReadOnlySpan<byte> v) =>
        (type == PhysicalType.Float && float.IsNaN(BinaryPrimitives.ReadSingleLittleEndian(v)))
        || (type == PhysicalType.Double && double.IsNaN(BinaryPrimitives.ReadDoubleLittleEndian(v)));

    private static int CompareBigEndianSigned(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        bool negA = (a[0] & 0x80) != 0, negB = (b[0] & 0x80) != 0;
        if (negA != negB) return negA ? -1 : 1;
        return a.SequenceCompareTo(b); // same sign and width: two's complement orders like unsigned
    }
}
