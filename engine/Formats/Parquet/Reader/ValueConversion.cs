namespace Kindling.Formats.Parquet.Reader;

/// <summary>How a column's physical values become the engine's values.</summary>
internal enum ValueConversion
{
    None,
    /// <summary>INT32 as unsigned (UINT_32) into int64.</summary>
    UInt32,
    /// <summary>INT64 as unsigned (UINT_64) into decimal(20,0).</summary>
    UInt64,
    /// <summary>INT64 timestamp in milliseconds into microseconds.</summary>
    Millis,
    /// <summary>INT64 timestamp in nanoseconds into microseconds.</summary>
    Nanos,
    /// <summary>Legacy INT96 timestamps (nanoseconds of day and Julian day) into microseconds.</summary>
    Int96,
    /// <summary>Big-endian two's complement decimals in byte arrays.</summary>
    BigEndianDecimal,
}
