using Kindling.Formats.Parquet.Encodings;

namespace Kindling.Engine.Tests.Formats.Parquet.Encodings;

/// <summary>The RLE/bit-packed hybrid against hand-made bytes from Encodings.md and a round-trip property.</summary>
public sealed class RleBitPackedHybridTests
{
    [Fact]
    public void Decodes_the_specification_example()
    {
        // Encodings.md: values 0..7 bit-packed at width 3 are the bytes 10001000 11000110 11111010.
        byte[] encoded = [0b0000_0011, 0b1000_1000, 0b1100_0110, 0b1111_1010];
        var values = new int[8];
        Assert.Equal(4, RleBitPackedHybrid.Decode(encoded, 3, values));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], values);
    }

    [Fact]
    public void Decodes_an_rle_run()
    {
        var values = new int[5];
        RleBitPackedHybrid.Decode([5 << 1, 0x34, 0x12], 13, values);
        Assert.All(values, v => Assert.Equal(0x1234, v));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(5, 1000)]
    [InlineData(13, 4097)]
    [InlineData(20, 77)]
    [InlineData(32, 200)]
    [InlineData(0, 50)]
    public void Round_trips_runs_and_noise(int bitWidth, int count)
    {
        var rng = new Random(bitWidth * 1000 + count);
        long max = bitWidth == 0 ? 0 : (1L << bitWidth) - 1;
        var values = new int[count];
        for (int i = 0; i < count; i++)
            values[i] = rng.Next(3) == 0 && i > 0 ? values[i - 1] : (int)(uint)(rng.NextInt64(max + 1));
        // A long run in the middle exercises the RLE branch.
        for (int i = count / 3; i < Math.Min(count, count / 3 + 40); i++) values[i] = values[count / 3];
        var buffer = new ByteBuffer();
        RleBitPackedHybrid.Encode(values, bitWidth, buffer);
        var decoded = new int[count];
        int consumed = RleBitPackedHybrid.Decode(buffer.Written, bitWidth, decoded);
        Assert.Equal(buffer.Length, consumed);
        Assert.Equal(values, decoded);
    }

    [Fact]
    public void Unpacks_every_width_from_inputs_cut_to_the_last_byte()
    {
        // Widths up to 16 take whole groups of 8 from one or two loads, the rest value by value; an input cut
        // right after its last value makes the group path stop early and the careful tail finish.
        var rng = new Random(3);
        foreach (int bitWidth in Enumerable.Range(1, 32))
            foreach (int count in new[] { 1, 7, 8, 9, 15, 16, 17, 31, 64, 100, 257 })
            {
                var values = new int[(count + 7) / 8 * 8];
                for (int i = 0; i < count; i++) values[i] = (int)(uint)rng.NextInt64(1L << bitWidth);
                var packed = new byte[values.Length / 8 * bitWidth];
                RleBitPackedHybrid.Pack(values, bitWidth, packed);
                var decoded = new int[count];
                RleBitPackedHybrid.Unpack(packed.AsSpan(0, (count * bitWidth + 7) / 8), bitWidth, decoded);
                Assert.True(values.AsSpan(0, count).SequenceEqual(decoded), $"width {bitWidth}, {count} values");
            }
    }

    [Fact]
    public void Truncated_input_is_an_error()
    {
        var values = new int[16];
        Assert.Throws<InvalidDataException>(() => RleBitPackedHybrid.Decode([0b0000_0101, 1, 2], 8, values));
        Assert.Throws<InvalidDataException>(() => RleBitPackedHybrid.Decode([], 1, values));
    }
}
