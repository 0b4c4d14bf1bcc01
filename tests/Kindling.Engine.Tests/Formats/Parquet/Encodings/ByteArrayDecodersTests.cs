using System.Text;
using Kindling.Formats.Parquet.Encodings;

namespace Kindling.Engine.Tests.Formats.Parquet.Encodings;

/// <summary>The byte-array encodings decode values built by hand from Encodings.md's layouts.</summary>
public sealed class ByteArrayDecodersTests
{
    private static readonly string[] Words = ["Hello", "Help", "Helsinki", "", "Zoë", "Zoëtrope", "Zoë"];

    private static string[] Decoded(DenseByteArrays output) => [.. Enumerable.Range(0, output.Count).Select(i => Encoding.UTF8.GetString(output[i]))];

    [Fact]
    public void Delta_length_byte_array()
    {
        var bytes = Words.Select(Encoding.UTF8.GetBytes).ToArray();
        var buffer = new ByteBuffer();
        DeltaBinaryPacked.Encode([.. bytes.Select(b => (long)b.Length)], buffer);
        foreach (var b in bytes) buffer.Write(b);
        var output = new DenseByteArrays();
        Assert.Equal(buffer.Length, ByteArrayDecoders.DeltaLength(buffer.Written, Words.Length, output));
        Assert.Equal(Words, Decoded(output));
    }

    [Fact]
    public void Delta_byte_array_shares_prefixes_with_the_previous_value()
    {
        var bytes = Words.Select(Encoding.UTF8.GetBytes).ToArray();
        var prefixes = new long[bytes.Length];
        for (int i = 1; i < bytes.Length; i++)
        {
            int p = 0;
            while (p < bytes[i].Length && p < bytes[i - 1].Length && bytes[i][p] == bytes[i - 1][p]) p++;
            prefixes[i] = p;
        }
        var buffer = new ByteBuffer();
        DeltaBinaryPacked.Encode(prefixes, buffer);
        DeltaBinaryPacked.Encode([.. bytes.Select((b, i) => (long)(b.Length - prefixes[i]))], buffer);
        for (int i = 0; i < bytes.Length; i++) buffer.Write(bytes[i].AsSpan((int)prefixes[i]));
        var output = new DenseByteArrays();
        Assert.Equal(buffer.Length, ByteArrayDecoders.Delta(buffer.Written, Words.Length, output));
        Assert.Equal(Words, Decoded(output));
        Assert.Equal([0L, 3, 3, 0, 0, 4, 4], prefixes);
    }

    [Fact]
    public void A_prefix_longer_than_the_previous_value_is_an_error()
    {
        var buffer = new ByteBuffer();
        DeltaBinaryPacked.Encode([0, 9], buffer);
        DeltaBinaryPacked.Encode([2, 1], buffer);
        buffer.Write("abc"u8);
        Assert.Throws<InvalidDataException>(() => ByteArrayDecoders.Delta(buffer.Written, 2, new DenseByteArrays()));
    }

    [Fact]
    public void Plain_lengths_past_the_page_are_errors()
    {
        byte[] page = [5, 0, 0, 0, (byte)'a', (byte)'b'];
        Assert.Throws<InvalidDataException>(() => ByteArrayDecoders.Plain(page, 1, new DenseByteArrays()));
    }
}
