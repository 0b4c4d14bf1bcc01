using Kindling.Formats.Parquet.Compression;
using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Engine.Tests.Formats.Parquet.Compression;

/// <summary>Every codec round-trips, our Snappy agrees with an independent implementation both ways, and corrupt input fails cleanly.</summary>
public sealed class CompressionCodecTests
{
    public static TheoryData<string> Inputs => ["empty", "one", "random", "repetitive", "text", "large"];

    private static byte[] Input(string kind)
    {
        var rng = new Random(kind.Length * 31 + 7);
        switch (kind)
        {
            case "empty": return [];
            case "one": return [42];
            case "random": { var b = new byte[100_000]; rng.NextBytes(b); return b; }
            case "repetitive": return [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i % 7 == 0 ? 1 : i % 3))];
            case "text": return System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},name-{i % 97},Zoë,{i * 1.25}\n")));
            default:
            {
                // Several 64 KiB snappy blocks of column-like data: PLAIN int64 ids with small deltas.
                var b = new byte[5 << 20];
                for (int i = 0; i < b.Length / 8; i++) BitConverter.TryWriteBytes(b.AsSpan(i * 8), 1_000_000L + i * 3 + rng.Next(3));
                return b;
            }
        }
    }

    [Theory, MemberData(nameof(Inputs))]
    public void Every_codec_round_trips(string kind)
    {
        var input = Input(kind);
        foreach (var codec in new[] { CompressionCodec.Uncompressed, CompressionCodec.Snappy, CompressionCodec.Gzip, CompressionCodec.Zstd, CompressionCodec.Lz4Raw })
        {
            var c = CompressionCodecs.Get(codec);
            var compressed = new byte[c.MaxCompressedLength(input.Length)];
            int n = c.Compress(input, compressed);
            var output = new byte[input.Length];
            c.Decompress(compressed.AsSpan(0, n), output);
            Assert.True(input.AsSpan().SequenceEqual(output), $"{codec} on {kind}");
        }
    }

    [Theory, MemberData(nameof(Inputs))]
    public void Our_snappy_and_IronSnappy_read_each_other(string kind)
    {
        var input = Input(kind);
        var compressed = new byte[SnappyCodec.Instance.MaxCompressedLength(input.Length)];
        int n = SnappyCodec.Instance.Compress(input, compressed);
        Assert.Equal(input, IronSnappy.Snappy.Decode(compressed.AsSpan(0, n)));

        var theirs = IronSnappy.Snappy.Encode(input);
        var output = new byte[input.Length];
        SnappyCodec.Instance.Decompress(theirs, output);
        Assert.Equal(input, output);
        // Our compressor finds matches about as well as the reference does.
        Assert.True(n <= theirs.Length * 1.1 + 16, $"{kind}: ours {n} bytes, IronSnappy {theirs.Length}");
    }

    [Fact]
    public void Corrupt_snappy_fails_with_InvalidDataException_only()
    {
        var input = Input("text");
        var compressed = IronSnappy.Snappy.Encode(input);
        var rng = new Random(5);
        var output = new byte[input.Length];
        int detected = 0;
        for (int round = 0; round < 2_000; round++)
        {
            var bytes = (byte[])compressed.Clone();
            for (int k = rng.Next(1, 4); k > 0; k--) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            if (rng.Next(4) == 0) bytes = bytes[..rng.Next(bytes.Length)];
            try { SnappyCodec.Instance.Decompress(bytes, output); }
            catch (InvalidDataException) { detected++; }
        }
        Assert.True(detected > 100);
    }

    [Fact]
    public void A_length_that_disagrees_with_the_page_header_is_refused()
    {
        var compressed = IronSnappy.Snappy.Encode(new byte[1000]);
        Assert.Throws<InvalidDataException>(() => SnappyCodec.Instance.Decompress(compressed, new byte[999]));
        var zstd = ZstdCodec.Instance;
        var buffer = new byte[zstd.MaxCompressedLength(1000)];
        int n = zstd.Compress(new byte[1000], buffer);
        Assert.Throws<InvalidDataException>(() => zstd.Decompress(buffer.AsSpan(0, n), new byte[10]));
        Assert.Throws<InvalidDataException>(() => GzipCodec.Instance.Decompress([1, 2, 3, 4], new byte[10]));
        Assert.Throws<InvalidDataException>(() => Lz4RawCodec.Instance.Decompress([0xFF, 0xFF, 0xFF], new byte[10]));
    }
}
