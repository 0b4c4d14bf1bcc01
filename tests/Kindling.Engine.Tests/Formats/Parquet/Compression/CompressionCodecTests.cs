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

    // ---- Snappy decoder: every branch of the fast loop and of the checked tail ----

    /// <summary>Decodes into the middle of a larger buffer and checks nothing was written outside the output.</summary>
    private static byte[] SnappyDecode(byte[] compressed, int length)
    {
        const int Guard = 128;
        var buffer = new byte[Guard + length + Guard];
        buffer.AsSpan().Fill(0xA5);
        try
        {
            SnappyCodec.Instance.Decompress(compressed, buffer.AsSpan(Guard, length));
        }
        finally
        {
            Assert.True(buffer.AsSpan(0, Guard).IndexOfAnyExcept((byte)0xA5) < 0, "wrote before the output");
            Assert.True(buffer.AsSpan(Guard + length).IndexOfAnyExcept((byte)0xA5) < 0, "wrote past the output");
        }
        return buffer[Guard..^Guard];
    }

    private static void AssertSnappyRoundTrips(byte[] input, string what)
    {
        var compressed = new byte[SnappyCodec.Instance.MaxCompressedLength(input.Length)];
        int n = SnappyCodec.Instance.Compress(input, compressed);
        Assert.True(input.AsSpan().SequenceEqual(SnappyDecode(compressed[..n], input.Length)), $"ours, {what}");
        Assert.True(input.AsSpan().SequenceEqual(SnappyDecode(IronSnappy.Snappy.Encode(input), input.Length)), $"IronSnappy's, {what}");
    }

    /// <summary>A snappy stream built element by element, in any of the format's forms, with the bytes it decodes to.</summary>
    private sealed class SnappyStream
    {
        private readonly List<byte> _body = [];
        public List<byte> Expected { get; } = [];

        /// <summary>A literal; <paramref name="lengthBytes"/> 0 keeps its length in the tag (up to 60), 1..4 put it in that many bytes after.</summary>
        public SnappyStream Literal(ReadOnlySpan<byte> bytes, int lengthBytes = -1)
        {
            int n = bytes.Length - 1;
            int needed = n < 60 ? 0 : n < 1 << 8 ? 1 : n < 1 << 16 ? 2 : n < 1 << 24 ? 3 : 4;
            if (lengthBytes < 0) lengthBytes = needed;
            if (lengthBytes < needed) throw new ArgumentOutOfRangeException(nameof(lengthBytes));
            LiteralTag(bytes.Length, lengthBytes);
            _body.AddRange(bytes);
            Expected.AddRange(bytes);
            return this;
        }

        /// <summary>A literal tag claiming <paramref name="length"/> bytes, without them.</summary>
        public SnappyStream LiteralTag(int length, int lengthBytes)
        {
            int n = length - 1;
            if (lengthBytes == 0) _body.Add((byte)(n << 2));
            else
            {
                _body.Add((byte)((59 + lengthBytes) << 2));
                for (int i = 0; i < lengthBytes; i++) _body.Add((byte)(n >> (8 * i)));
            }
            return this;
        }

        /// <summary>Copy with a 1-byte offset trailer: length 4..11, offset below 2048.</summary>
        public SnappyStream Copy1(int offset, int length)
        {
            _body.Add((byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5)));
            _body.Add((byte)offset);
            return Repeat(offset, length);
        }

        /// <summary>Copy with a 2-byte offset: length 1..64.</summary>
        public SnappyStream Copy2(int offset, int length)
        {
            _body.Add((byte)(2 | ((length - 1) << 2)));
            _body.Add((byte)offset);
            _body.Add((byte)(offset >> 8));
            return Repeat(offset, length);
        }

        /// <summary>Copy with a 4-byte offset: length 1..64 (our compressor never writes it).</summary>
        public SnappyStream Copy4(long offset, int length)
        {
            _body.Add((byte)(3 | ((length - 1) << 2)));
            for (int i = 0; i < 4; i++) _body.Add((byte)(offset >> (8 * i)));
            return Repeat(offset, length);
        }

        public SnappyStream Raw(params byte[] bytes)
        {
            _body.AddRange(bytes);
            return this;
        }

        // The decoded bytes, byte by byte as the format defines a copy (only where the copy is valid).
        private SnappyStream Repeat(long offset, int length)
        {
            if (offset <= 0 || offset > Expected.Count) return this;
            for (int i = 0; i < length; i++) Expected.Add(Expected[Expected.Count - (int)offset]);
            return this;
        }

        public byte[] ToArray(long? declared = null)
        {
            var bytes = new List<byte>();
            ulong v = (ulong)(declared ?? Expected.Count);
            while (v >= 0x80)
            {
                bytes.Add((byte)(v | 0x80));
                v >>= 7;
            }
            bytes.Add((byte)v);
            bytes.AddRange(_body);
            return [.. bytes];
        }
    }

    private static byte[] RandomBytes(Random rng, int n, int alphabet = 256)
    {
        var b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte)rng.Next(alphabet);
        return b;
    }

    [Fact]
    public void Snappy_round_trips_every_short_length_and_some_long_ones()
    {
        var rng = new Random(11);
        foreach (int n in Enumerable.Range(0, 301).Concat([1000, 4095, 65535, 65536, 65537, 1 << 20, (1 << 20) + 13]))
        {
            AssertSnappyRoundTrips(RandomBytes(rng, n), $"random {n}");
            AssertSnappyRoundTrips(RandomBytes(rng, n, 3), $"3 symbols {n}");
            var ids = new byte[n];
            for (int i = 0; i + 8 <= n; i += 8) BitConverter.TryWriteBytes(ids.AsSpan(i), 1_000_000L + i / 8 * 3 + rng.Next(3));
            AssertSnappyRoundTrips(ids, $"int64 ids {n}");
        }
    }

    [Fact]
    public void Snappy_round_trips_repeating_patterns_of_every_short_period()
    {
        var rng = new Random(12);
        foreach (int period in Enumerable.Range(1, 70).Concat([100, 127, 128, 255, 1000]))
        {
            var pattern = RandomBytes(rng, period);
            foreach (int n in new[] { period, 2 * period + 1, 79, 80, 96, 97, 200, 1000, 4096 + period })
            {
                // After a random prefix too, so the pattern's copies start at any output position.
                foreach (int prefix in new[] { 0, 3, 37 })
                {
                    var input = new byte[prefix + n];
                    rng.NextBytes(input.AsSpan(0, prefix));
                    for (int i = 0; i < n; i++) input[prefix + i] = pattern[i % period];
                    AssertSnappyRoundTrips(input, $"period {period}, {n} bytes after {prefix}");
                }
            }
        }
    }

    [Fact]
    public void Snappy_decodes_hand_built_streams_of_every_element_form()
    {
        // Random streams mixing all literal and copy forms (copy-4 included), any offset and length,
        // checked against the format's byte-by-byte definition and against IronSnappy.
        var rng = new Random(13);
        for (int round = 0; round < 400; round++)
        {
            var stream = new SnappyStream();
            int target = round % 4 == 0 ? rng.Next(0, 100) : rng.Next(100, 5000);
            while (stream.Expected.Count < target)
            {
                int produced = stream.Expected.Count;
                int kind = produced == 0 ? 0 : rng.Next(6);
                int offset = rng.Next(4) switch
                {
                    0 => rng.Next(1, Math.Min(produced, 7) + 1),
                    1 => rng.Next(1, Math.Min(produced, 20) + 1),
                    2 => rng.Next(1, Math.Min(produced, 70) + 1),
                    _ => rng.Next(1, produced + 1),
                };
                switch (kind)
                {
                    case 0: stream.Literal(RandomBytes(rng, rng.Next(1, 20))); break;
                    case 1:
                        int length = rng.Next(1, 300);
                        stream.Literal(RandomBytes(rng, length), rng.Next(length <= 256 ? 1 : 2, 5));
                        break;
                    case 2: stream.Copy1(Math.Min(offset, 2047), rng.Next(4, 12)); break;
                    case 3: stream.Copy2(offset, rng.Next(1, 65)); break;
                    case 4: stream.Copy4(offset, rng.Next(1, 65)); break;
                    default: stream.Copy2(offset, 64); break;
                }
            }
            var compressed = stream.ToArray();
            var expected = stream.Expected.ToArray();
            Assert.Equal(expected, SnappyDecode(compressed, expected.Length));
            Assert.Equal(expected, IronSnappy.Snappy.Decode(compressed));
        }
    }

    [Fact]
    public void Snappy_decodes_literals_in_every_length_form()
    {
        var rng = new Random(14);
        foreach (int n in new[] { 1, 16, 17, 60, 61, 62, 256, 257, 1000, 65536, 65537, 70_000 })
        {
            for (int lengthBytes = 0; lengthBytes <= 4; lengthBytes++)
            {
                if ((lengthBytes == 0 && n > 60) || (lengthBytes > 0 && n - 1 >= 1L << (8 * lengthBytes))) continue;
                foreach (bool between in new[] { false, true })
                {
                    // Alone (all in the checked tail when short) and between other elements (the fast loop).
                    var stream = new SnappyStream();
                    if (between) stream.Literal(RandomBytes(rng, 100)).Copy2(100, 64).Copy2(64, 64);
                    stream.Literal(RandomBytes(rng, n), lengthBytes);
                    if (between) stream.Copy1(9, 11).Copy2(200, 64).Copy2(300, 64).Literal(RandomBytes(rng, 5));
                    var expected = stream.Expected.ToArray();
                    Assert.Equal(expected, SnappyDecode(stream.ToArray(), expected.Length));
                }
            }
        }
        // The 4-byte length form with a literal past 16 MiB.
        var big = RandomBytes(rng, (1 << 24) + 3);
        var bigStream = new SnappyStream().Literal(big).Copy2(1, 10);
        Assert.Equal(bigStream.Expected.ToArray(), SnappyDecode(bigStream.ToArray(), big.Length + 10));
    }

    [Fact]
    public void Snappy_copies_that_end_exactly_at_the_end_of_the_output()
    {
        var rng = new Random(15);
        foreach (int offset in new[] { 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 100 })
        {
            foreach (int total in Enumerable.Range(offset, 200))
            {
                // A literal, then copies up to 64 bytes filling the output exactly: the last copy ends at its end.
                var stream = new SnappyStream().Literal(RandomBytes(rng, offset));
                while (stream.Expected.Count < total) stream.Copy2(offset, Math.Min(64, total - stream.Expected.Count));
                var expected = stream.Expected.ToArray();
                Assert.Equal(expected, SnappyDecode(stream.ToArray(), expected.Length));
            }
        }
    }

    [Fact]
    public void Snappy_elements_of_every_size_near_the_end_of_the_output()
    {
        // Each element followed by a few 1-byte copies, which keep input to read while little output is
        // left: writes past an element's end must stay inside the output (SnappyDecode checks around it).
        var rng = new Random(19);
        var head = RandomBytes(rng, 100);
        foreach (int after in new[] { 1, 6, 12, 20, 40 })
        {
            var elements = new List<Func<SnappyStream, SnappyStream>>();
            for (int length = 1; length <= 64; length++)
            {
                int n = length;
                elements.Add(s => s.Literal(RandomBytes(rng, n)));
                foreach (int offset in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 17, 24, 31, 32, 33, 48, 63, 64, 65, 100 })
                    elements.Add(s => s.Copy2(offset, n));
            }
            foreach (var element in elements)
            {
                var stream = element(new SnappyStream().Literal(head));
                for (int i = 0; i < after; i++) stream.Copy2(1, 1);
                var expected = stream.Expected.ToArray();
                Assert.Equal(expected, SnappyDecode(stream.ToArray(), expected.Length));
            }
        }
    }

    public static TheoryData<string> CorruptSnappyStreams => [.. CorruptSnappy().Keys];

    private static Dictionary<string, byte[]> CorruptSnappy()
    {
        var rng = new Random(16);
        // "fast": the bad element has over 200 bytes to read and to write after it, so the fast loop meets it;
        // "tail": it is among the last few bytes of input, which the checked tail decodes.
        var head = RandomBytes(rng, 300);
        int p = head.Length;
        SnappyStream Fast() => new SnappyStream().Literal(head).Literal([1, 2, 3, 4]);
        SnappyStream Tail() => new SnappyStream().Literal([1, 2, 3, 4]);
        var cases = new Dictionary<string, byte[]>();
        foreach (var (form, copy) in new (string, Func<SnappyStream, long, SnappyStream>)[]
        {
            ("copy-1", (s, offset) => s.Copy1((int)offset, 4)),
            ("copy-2", (s, offset) => s.Copy2((int)offset, 4)),
            ("copy-4", (s, offset) => s.Copy4(offset, 4)),
        })
        {
            cases[$"fast: {form} offset 0"] = copy(Fast(), 0).Literal(RandomBytes(rng, 200)).ToArray(p + 208);
            cases[$"tail: {form} offset 0"] = copy(Tail(), 0).Literal([5, 6]).ToArray(10);
            cases[$"fast: {form} offset one before the start"] = copy(Fast(), p + 5).Literal(RandomBytes(rng, 200)).ToArray(p + 208);
            cases[$"tail: {form} offset one before the start"] = copy(Tail(), 5).Literal([5, 6]).ToArray(10);
        }
        cases["fast: copy-4 offset 4 GiB"] = Fast().Copy4(uint.MaxValue, 4).Literal(RandomBytes(rng, 200)).ToArray(p + 208);
        cases["tail: copy-4 offset 4 GiB"] = Tail().Copy4(uint.MaxValue, 4).Literal([5, 6]).ToArray(10);
        cases["fast: copy-4 offset 2^24 + 1"] = Fast().Copy4((1 << 24) + 1, 4).Literal(RandomBytes(rng, 200)).ToArray(p + 208);
        cases["tail: copy-4 offset 2^24 + 1"] = Tail().Copy4((1 << 24) + 1, 4).Literal([5, 6]).ToArray(10);
        cases["tail: copy past the end of the output"] = Tail().Copy2(4, 64).ToArray(4 + 63);
        cases["tail: copy past the end of the output by one byte"] = Tail().Copy1(3, 5).ToArray(4 + 4);
        cases["fast: literal past the end of the output"] = Fast().Literal(RandomBytes(rng, 300)).ToArray(p + 4 + 299);
        cases["tail: short literal past the end of the output"] = Tail().Literal(RandomBytes(rng, 10)).ToArray(4 + 9);
        cases["tail: long literal past the end of the output"] = Tail().Literal(RandomBytes(rng, 70)).ToArray(4 + 69);
        cases["fast: literal past the end of the input"] = Fast().LiteralTag(1000, 2).Raw(RandomBytes(rng, 200)).ToArray(p + 4 + 1000);
        cases["fast: literal one byte past the end of the input"] = Fast().LiteralTag(100, 1).Raw(RandomBytes(rng, 99)).ToArray(p + 4 + 100);
        cases["tail: literal one byte past the end of the input"] = Tail().LiteralTag(10, 0).Raw(RandomBytes(rng, 9)).ToArray(4 + 10);
        cases["tail: short literal past the end of the input"] = Tail().LiteralTag(10, 0).Raw(1, 2, 3).ToArray(4 + 10);
        cases["tail: long literal past the end of the input"] = Tail().LiteralTag(20, 1).Raw(RandomBytes(rng, 5)).ToArray(4 + 20);
        cases["tail: literal length bytes cut off"] = Tail().Raw(63 << 2, 1, 2).ToArray(4 + 100);
        cases["tail: copy-1 offset cut off"] = Tail().Raw(1).ToArray(4 + 4);
        cases["tail: copy-2 offset cut off"] = Tail().Raw(2 | (3 << 2), 1).ToArray(4 + 4);
        cases["tail: copy-4 offset cut off"] = Tail().Raw(3 | (3 << 2), 1, 0, 0).ToArray(4 + 4);
        cases["fast: declared more than it holds"] = Fast().Copy2(4, 30).Literal(RandomBytes(rng, 200)).ToArray(p + 4 + 30 + 200 + 1);
        cases["tail: declared more than it holds"] = Tail().Copy2(4, 30).ToArray(4 + 30 + 1);
        cases["declared less than it holds"] = Fast().Copy1(50, 11).ToArray(p + 4 + 10);
        cases["no preamble"] = [];
        cases["preamble cut off"] = [0x80, 0x80];
        cases["preamble too long"] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x01];
        return cases;
    }

    [Theory, MemberData(nameof(CorruptSnappyStreams))]
    public void Corrupt_snappy_streams_fail_with_InvalidDataException(string name)
    {
        var compressed = CorruptSnappy()[name];
        int declared = 0;
        for (int i = 0, shift = 0; i < compressed.Length && shift < 35; i++, shift += 7)
        {
            declared |= (compressed[i] & 0x7F) << shift;
            if ((compressed[i] & 0x80) == 0) break;
        }
        Assert.Throws<InvalidDataException>(() => SnappyDecode(compressed, Math.Max(declared, 0)));
    }

    [Fact]
    public void Truncated_snappy_streams_fail_with_InvalidDataException()
    {
        var rng = new Random(17);
        var stream = new SnappyStream().Literal(RandomBytes(rng, 100)).Copy1(7, 9).Copy2(50, 64).Copy4(3, 20)
            .Literal(RandomBytes(rng, 70), 2).Copy2(1, 64).Literal(RandomBytes(rng, 3)).Copy1(300, 11).Literal([9]);
        var compressed = stream.ToArray();
        for (int n = 0; n < compressed.Length; n++)
        {
            var cut = compressed[..n];
            Assert.Throws<InvalidDataException>(() => SnappyDecode(cut, stream.Expected.Count));
        }
        Assert.Equal(stream.Expected.ToArray(), SnappyDecode(compressed, stream.Expected.Count));
    }

    [Fact]
    public void Random_bytes_after_a_preamble_decode_or_fail_cleanly()
    {
        // Any input: InvalidDataException or a result, and never a write outside the output.
        var rng = new Random(18);
        for (int round = 0; round < 20_000; round++)
        {
            int length = rng.Next(0, 400);
            var body = RandomBytes(rng, rng.Next(0, 120), rng.Next(2) == 0 ? 256 : 8);
            var compressed = new SnappyStream().Raw(body).ToArray(length);
            try { SnappyDecode(compressed, length); }
            catch (InvalidDataException) { }
        }
    }
}
