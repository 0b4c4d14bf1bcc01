using Kindling.Formats.Parquet.Encodings;

namespace Kindling.Engine.Tests.Formats.Parquet.Encodings;

/// <summary>DELTA_BINARY_PACKED: the specification's example, extremes that wrap around, and round trips.</summary>
public sealed class DeltaBinaryPackedTests
{
    [Fact]
    public void Decodes_the_specification_example()
    {
        // Encodings.md example 1: 1, 2, 3, 4, 5 -> deltas all 1, min delta 1, bit width 0.
        var buffer = new ByteBuffer();
        DeltaBinaryPacked.Encode([1, 2, 3, 4, 5], buffer);
        var bytes = buffer.Written.ToArray();
        Assert.Equal([128, 1, 4, 5, 2, 2, 0, 0, 0, 0], bytes);
        var values = new long[5];
        DeltaBinaryPacked.Decode(bytes, values, out int total);
        Assert.Equal(5, total);
        Assert.Equal([1L, 2, 3, 4, 5], values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(129)]
    [InlineData(1000)]
    public void Round_trips_with_extremes(int count)
    {
        var rng = new Random(count);
        var values = new long[count];
        for (int i = 0; i < count; i++)
            values[i] = (i % 10) switch { 0 => long.MinValue, 1 => long.MaxValue, 2 => 0, _ => rng.NextInt64(-1_000_000, 1_000_000) };
        var buffer = new ByteBuffer();
        DeltaBinaryPacked.Encode(values, buffer);
        var decoded = new long[count];
        int consumed = DeltaBinaryPacked.Decode(buffer.Written, decoded, out int total);
        Assert.Equal(count, total);
        Assert.Equal(buffer.Length, consumed);
        Assert.Equal(values, decoded);
    }

    [Fact]
    public void Corrupt_headers_are_errors()
    {
        Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.Decode([0, 4, 5, 2], new long[5], out _));
        Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.Decode([128, 1, 4, 100, 2, 2, 200], new long[100], out _));
    }
}
