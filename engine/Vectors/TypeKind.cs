namespace Kindling.Vectors;

/// <summary>The logical kinds of column the engine computes on; each maps to one physical layout.</summary>
/// <remarks>
/// Value types of <see cref="PrimitiveVector{T}"/>: Boolean byte; Int32 and Date int; Int64, Timestamp and
/// narrow Decimal long; Float32 float; Float64 double; wide Decimal Int128. Null uses
/// PrimitiveVector&lt;byte&gt; with every row null.
/// </remarks>
internal enum TypeKind : byte
{
    /// <summary>Only nulls; no values buffer.</summary>
    Null,
    /// <summary>One byte per value, 0 or 1 (a deliberate deviation from Arrow's bit-packed booleans: kernels read it as a mask).</summary>
    Boolean,
    Int32,
    Int64,
    Float32,
    Float64,
    /// <summary>UTF-8 bytes with int32 offsets (Arrow "utf8").</summary>
    String,
    /// <summary>Raw bytes with int32 offsets (Arrow "binary").</summary>
    Binary,
    /// <summary>Days since 1970-01-01 as int32 (Arrow date32).</summary>
    Date,
    /// <summary>Microseconds since 1970-01-01T00:00:00Z as int64 (Arrow timestamp[us, UTC]).</summary>
    Timestamp,
    /// <summary>Unscaled value: int64 when precision &lt;= 18, Int128 above (Arrow decimal128 for both in files).</summary>
    Decimal,
    /// <summary>A list per row (Arrow "list"): int32 offsets into a child vector of elements (<see cref="ColumnType.Element"/>).</summary>
    Array,
}
