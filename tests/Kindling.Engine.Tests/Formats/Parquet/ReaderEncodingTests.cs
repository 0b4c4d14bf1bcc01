using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Text;
using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Compression;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Formats.Parquet.Thrift;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>
/// Files built by hand, page by page, whose data pages use the encodings the reader supports besides PLAIN:
/// PLAIN_DICTIONARY, RLE booleans, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT (and
/// DELTA_BINARY_PACKED integers), in data pages v1 and v2 (v2 levels never compressed, values compressed or
/// not), with optional columns holding nulls and several pages per chunk. Values are encoded by the
/// reference encoders at the end of this file, written from Encodings.md and independent of the engine's
/// writer, then read back through <see cref="ParquetFileReader"/> whole (ReadRowGroup) and in batches small
/// enough to split pages.
/// </summary>
public sealed class ReaderEncodingTests
{
    public static TheoryData<string> Codecs => new() { "none", "gzip", "snappy" };

    // ---- PLAIN_DICTIONARY -------------------------------------------------------------------------------

    private static readonly object[] IntDictionary = [7, -3, 0, int.MaxValue, int.MinValue, 42];
    private static readonly object[] StringDictionary = ["apple", "", "βeta", "apple pie", "日本"];
    private static readonly object[] DecimalDictionary = [0.00m, -1.25m, 12345678.99m, -99999999.99m];

    /// <summary>
    /// Dictionary pages and data pages both marked PLAIN_DICTIONARY (id 2, as parquet-mr 1.x wrote them):
    /// INT32 and FIXED_LEN_BYTE_ARRAY decimals gathered from the dictionary, strings kept as codes and mixed
    /// with a PLAIN fallback page, and a one-entry dictionary whose indices have bit width 0.
    /// </summary>
    [Theory]
    [MemberData(nameof(Codecs))]
    public void Plain_dictionary_pages_v1_and_v2(string codecName)
    {
        var codec = CompressionCodecs.Parse(codecName);
        var ints = Rows(46, i => i switch
        {
            >= 40 => null,          // an all-null page
            >= 30 and < 39 => null, // nine nulls: an RLE run of definition levels
            >= 14 and < 24 => 42,   // ten equal indices: an RLE run of indices
            _ when i % 5 == 2 => null,
            _ => IntDictionary[i % IntDictionary.Length],
        });
        var strings = Rows(46, i => i switch
        {
            >= 40 => null,
            _ when i % 7 == 3 => null,
            28 => "",
            >= 25 and < 33 => $"plain-{i}",
            _ => StringDictionary[i * 3 % StringDictionary.Length],
        });
        var longs = Rows(46, _ => 1_234_567_890_123L);
        var decimals = Rows(46, i => i % 6 == 1 || i >= 40 ? null : DecimalDictionary[i % DecimalDictionary.Length]);

        var file = new FileBuilder()
            .Column(Leaf("i", PhysicalType.Int32, optional: true))
            .Column(Leaf("s", PhysicalType.ByteArray, optional: true, StringType))
            .Column(Leaf("k", PhysicalType.Int64, optional: false))
            .Column(Leaf("d", PhysicalType.FixedLenByteArray, optional: true, DecimalType(10, 2), length: 5))
            .RowGroup(
                new ChunkBuilder(codec, optional: true)
                    .Dictionary(ParquetEncoding.PlainDictionary, IntDictionary.Length, Ints(IntDictionary.ToList()))
                    .V1(ParquetEncoding.PlainDictionary, ints[..13], Indices(IntDictionary))
                    .V2(ParquetEncoding.PlainDictionary, ints[13..29], Indices(IntDictionary))
                    .V1(ParquetEncoding.PlainDictionary, ints[29..40], Indices(IntDictionary))
                    .V2(ParquetEncoding.PlainDictionary, ints[40..], Indices(IntDictionary)),
                new ChunkBuilder(codec, optional: true)
                    .Dictionary(ParquetEncoding.PlainDictionary, StringDictionary.Length, PlainStrings(StringDictionary.ToList()))
                    .V1(ParquetEncoding.PlainDictionary, strings[..10], Indices(StringDictionary))
                    .V2(ParquetEncoding.PlainDictionary, strings[10..25], Indices(StringDictionary), compressValues: false)
                    .V1(ParquetEncoding.Plain, strings[25..33], PlainStrings)
                    .V2(ParquetEncoding.PlainDictionary, strings[33..40], Indices(StringDictionary))
                    .V1(ParquetEncoding.PlainDictionary, strings[40..], Indices(StringDictionary)),
                new ChunkBuilder(codec, optional: false)
                    .Dictionary(ParquetEncoding.PlainDictionary, 1, Longs([1_234_567_890_123L]))
                    .V1(ParquetEncoding.PlainDictionary, longs[..3], Indices([1_234_567_890_123L]))
                    .V2(ParquetEncoding.PlainDictionary, longs[3..], Indices([1_234_567_890_123L])),
                new ChunkBuilder(codec, optional: true)
                    .Dictionary(ParquetEncoding.PlainDictionary, DecimalDictionary.Length, FixedDecimals(DecimalDictionary.ToList(), 5, 2))
                    .V1(ParquetEncoding.PlainDictionary, decimals[..20], Indices(DecimalDictionary))
                    .V2(ParquetEncoding.PlainDictionary, decimals[20..40], Indices(DecimalDictionary))
                    .V1(ParquetEncoding.PlainDictionary, decimals[40..], Indices(DecimalDictionary)))
            .Build();

        AssertReads(file, ("i", ints), ("s", strings), ("k", longs), ("d", decimals));
    }

    /// <summary>Dictionaries of 1,000 strings and 300 INT64 values: indices 10 and 9 bits wide, whose RLE run values take two bytes.</summary>
    [Theory]
    [MemberData(nameof(Codecs))]
    public void Dictionary_indices_wider_than_a_byte(string codecName)
    {
        var codec = CompressionCodecs.Parse(codecName);
        object[] words = [.. Enumerable.Range(0, 1000).Select(k => $"key-{k * 7919 % 1000:D3}")];
        object[] numbers = [.. Enumerable.Range(0, 300).Select(k => (k - 150) * 1_000_000_000_039L)];
        var strings = Rows(600, i => i switch
        {
            _ when i % 9 == 4 => null,
            >= 100 and < 140 => words[700],
            _ => words[i * 37 % 1000],
        });
        var longs = Rows(600, i => i switch
        {
            _ when i % 11 == 10 => null,
            >= 400 and < 450 => numbers[299],
            _ => numbers[i * 7 % 300],
        });

        var file = new FileBuilder()
            .Column(Leaf("s", PhysicalType.ByteArray, optional: true, StringType))
            .Column(Leaf("l", PhysicalType.Int64, optional: true))
            .RowGroup(
                new ChunkBuilder(codec, optional: true)
                    .Dictionary(ParquetEncoding.Plain, words.Length, PlainStrings(words.ToList()))
                    .V1(ParquetEncoding.RleDictionary, strings[..300], Indices(words))
                    .V2(ParquetEncoding.PlainDictionary, strings[300..], Indices(words)),
                new ChunkBuilder(codec, optional: true)
                    .Dictionary(ParquetEncoding.PlainDictionary, numbers.Length, Longs(numbers.ToList()))
                    .V2(ParquetEncoding.PlainDictionary, longs[..300], Indices(numbers))
                    .V1(ParquetEncoding.RleDictionary, longs[300..], Indices(numbers)))
            .Build();

        AssertReads(file, ("s", strings), ("l", longs));
    }

    // ---- RLE booleans -----------------------------------------------------------------------------------

    /// <summary>RLE booleans (length-prefixed in v1 and v2 alike) between PLAIN pages, with an all-null page.</summary>
    [Theory]
    [MemberData(nameof(Codecs))]
    public void Rle_booleans_v1_and_v2(string codecName)
    {
        var codec = CompressionCodecs.Parse(codecName);
        var optional = Rows(60, i => i switch
        {
            >= 52 => null,
            _ when i % 11 == 5 => null,
            >= 20 and < 34 => true,
            _ => i * 7 % 3 == 0,
        });
        var required = Rows(60, i => i >= 10 && i / 3 % 2 == 0);

        var file = new FileBuilder()
            .Column(Leaf("b", PhysicalType.Boolean, optional: true))
            .Column(Leaf("r", PhysicalType.Boolean, optional: false))
            .RowGroup(
                new ChunkBuilder(codec, optional: true)
                    .V1(ParquetEncoding.Rle, optional[..20], RleBooleans)
                    .V2(ParquetEncoding.Rle, optional[20..45], RleBooleans)
                    .V1(ParquetEncoding.Plain, optional[45..52], PlainBooleans)
                    .V2(ParquetEncoding.Rle, optional[52..], RleBooleans, compressValues: false),
                new ChunkBuilder(codec, optional: false)
                    .V1(ParquetEncoding.Rle, required[..30], RleBooleans)
                    .V2(ParquetEncoding.Rle, required[30..], RleBooleans))
            .Build();

        AssertReads(file, ("b", optional), ("r", required));
    }

    // ---- DELTA_LENGTH_BYTE_ARRAY ------------------------------------------------------------------------

    /// <summary>Strings and binary values whose lengths span several DELTA_BINARY_PACKED blocks, with empty values, nulls and an all-null page.</summary>
    [Theory]
    [MemberData(nameof(Codecs))]
    public void Delta_length_byte_array_v1_and_v2(string codecName)
    {
        var codec = CompressionCodecs.Parse(codecName);
        var strings = Rows(300, i => i switch
        {
            >= 150 and < 155 => null,
            _ when i % 13 == 0 => null,
            _ when i % 17 == 1 => "",
            _ => new string((char)('a' + i % 26), i % 37) + (i % 5 == 0 ? "ü€😀" : "") + i,
        });
        var binary = Rows(300, i => i % 50 == 0 ? Array.Empty<byte>() : Enumerable.Range(0, i % 9 + 1).Select(k => (byte)(i * 31 + k * 97)).ToArray());

        var file = new FileBuilder()
            .Column(Leaf("s", PhysicalType.ByteArray, optional: true, StringType))
            .Column(Leaf("bin", PhysicalType.ByteArray, optional: false))
            .RowGroup(
                new ChunkBuilder(codec, optional: true)
                    .V1(ParquetEncoding.DeltaLengthByteArray, strings[..150], v => ParquetSpecEncoders.DeltaLengthByteArray(Utf8(v)))
                    .V1(ParquetEncoding.DeltaLengthByteArray, strings[150..155], v => ParquetSpecEncoders.DeltaLengthByteArray(Utf8(v)))
                    .V2(ParquetEncoding.DeltaLengthByteArray, strings[155..], v => ParquetSpecEncoders.DeltaLengthByteArray(Utf8(v), 256, 2)),
                new ChunkBuilder(codec, optional: false)
                    .V2(ParquetEncoding.DeltaLengthByteArray, binary[..100], v => ParquetSpecEncoders.DeltaLengthByteArray(v.Cast<byte[]>().ToList()), compressValues: false)
                    .V1(ParquetEncoding.DeltaLengthByteArray, binary[100..], v => ParquetSpecEncoders.DeltaLengthByteArray(v.Cast<byte[]>().ToList(), 128, 1)))
            .Build();

        AssertReads(file, ("s", strings), ("bin", binary));
    }

    // ---- DELTA_BYTE_ARRAY -------------------------------------------------------------------------------

    private static readonly string[] Words =
    [
        "", "a", "ab", "abc", "abc", "abd", "", "b", "banana", "band", "bandana", "bandanas", "bandanas",
        "é", "ê", "naïve", "naïvety", "日本語", "日本人", "",
    ];

    /// <summary>
    /// Strings with shared prefixes (including a prefix ending inside a UTF-8 sequence), repeated values (the
    /// whole value shared), empty strings (first in a page too), and FIXED_LEN_BYTE_ARRAY decimals, which
    /// the spec also allows in DELTA_BYTE_ARRAY.
    /// </summary>
    [Theory]
    [MemberData(nameof(Codecs))]
    public void Delta_byte_array_v1_and_v2(string codecName)
    {
        var codec = CompressionCodecs.Parse(codecName);
        var strings = Rows(260, i => i switch
        {
            _ when i % 23 == 7 => null,
            < 60 => Words[i % Words.Length],
            _ when i == 230 || i % 31 == 0 => "",
            _ => $"user/{i / 10:D4}/item-{i % 10}",
        });
        var decimals = Rows(260, i => i switch
        {
            _ when i % 19 == 4 => null,
            77 => 999999.999m,
            78 => -999999.999m,
            _ => (i % 7 - 3) * (i * 37 % 1000) / 1000m,
        });

        var file = new FileBuilder()
            .Column(Leaf("s", PhysicalType.ByteArray, optional: true, StringType))
            .Column(Leaf("f", PhysicalType.FixedLenByteArray, optional: true, DecimalType(9, 3), length: 4))
            .RowGroup(
                new ChunkBuilder(codec, optional: true)
                    .V1(ParquetEncoding.DeltaByteArray, strings[..100], v => ParquetSpecEncoders.DeltaByteArray(Utf8(v)))
                    .V2(ParquetEncoding.DeltaByteArray, strings[100..230], v => ParquetSpecEncoders.DeltaByteArray(Utf8(v)))
                    .V1(ParquetEncoding.DeltaByteArray, strings[230..259], v => ParquetSpecEncoders.DeltaByteArray(Utf8(v), 256, 8))
                    .V2(ParquetEncoding.DeltaByteArray, strings[259..], v => ParquetSpecEncoders.DeltaByteArray(Utf8(v))),
                new ChunkBuilder(codec, optional: true)
                    .V1(ParquetEncoding.DeltaByteArray, decimals[..130], v => ParquetSpecEncoders.DeltaByteArray(BigEndianDecimals(v, 4, 3)))
                    .V2(ParquetEncoding.DeltaByteArray, decimals[130..259], v => ParquetSpecEncoders.DeltaByteArray(BigEndianDecimals(v, 4, 3)), compressValues: false)
                    .V1(ParquetEncoding.DeltaByteArray, decimals[259..], v => ParquetSpecEncoders.DeltaByteArray(BigEndianDecimals(v, 4, 3))))
            .Build();

        Assert.Equal("", strings[230]);
        Assert.NotNull(strings[259]);
        Assert.NotNull(decimals[259]);
        AssertReads(file, ("s", strings), ("f", decimals));
    }

    // ---- BYTE_STREAM_SPLIT ------------------------------------------------------------------------------

    private static readonly float[] FloatPool =
        [1.5f, -0.0f, BitConverter.Int32BitsToSingle(0x7FC0_0123), float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue, -123.456f, 0f];
    private static readonly double[] DoublePool =
        [Math.PI, -0.0, BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF), double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, -1e-300, 0];
    private static readonly int[] IntPool = [int.MinValue, int.MaxValue, -1, 0, 0x0102_0304, 0x7F00_FF80];
    private static readonly long[] LongPool = [long.MinValue, long.MaxValue, -1, 0, 0x0102_0304_0506_0708, -0x7EDC_BA98_7654_3210];
    private static readonly long[] MillisPool = [0, 1_700_000_000_123, -86_400_001, 253_402_300_799_999, -62_135_596_800_000];
    private static readonly decimal[] SmallDecimalPool = [0m, 12345.67m, -12345.67m, 99999.99m, -99999.99m, 0.01m];

    /// <summary>FLOAT, DOUBLE (bit patterns: NaN payloads, -0, infinities), INT32, INT64, and converted INT64 timestamps and INT32 decimals.</summary>
    [Theory]
    [MemberData(nameof(Codecs))]
    public void Byte_stream_split_numbers_v1_and_v2(string codecName)
    {
        var codec = CompressionCodecs.Parse(codecName);
        // Rows 50..54 of the optional columns are null: their last page holds no values at all.
        var floats = Rows(55, i => i % 6 == 1 || i >= 50 ? null : FloatPool[i % FloatPool.Length]);
        var doubles = Rows(55, i => i % 7 == 3 || i >= 50 ? null : DoublePool[i % DoublePool.Length]);
        var ints = Rows(55, i => i % 5 == 0 || i >= 50 ? null : IntPool[i % IntPool.Length]);
        var longs = Rows(55, i => LongPool[i % LongPool.Length]);
        var timestamps = Rows(55, i => i % 4 == 2 || i >= 50 ? null : DateTime.UnixEpoch.AddTicks(MillisPool[i % MillisPool.Length] * TimeSpan.TicksPerMillisecond));
        var decimals = Rows(55, i => i % 8 == 5 || i >= 50 ? null : SmallDecimalPool[i % SmallDecimalPool.Length]);
        var unsigned = Rows(55, i => i % 9 == 2 || i >= 50 ? null : (long)(uint)IntPool[(i + 1) % IntPool.Length]);

        ChunkBuilder Chunk(bool optional, object?[] rows, Func<List<object>, byte[]> plain, int width) => new ChunkBuilder(codec, optional)
            .V1(ParquetEncoding.ByteStreamSplit, rows[..12], v => ParquetSpecEncoders.ByteStreamSplit(plain(v), width))
            .V2(ParquetEncoding.ByteStreamSplit, rows[12..25], v => ParquetSpecEncoders.ByteStreamSplit(plain(v), width), compressValues: false)
            .V2(ParquetEncoding.ByteStreamSplit, rows[25..38], v => ParquetSpecEncoders.ByteStreamSplit(plain(v), width))
            .V1(ParquetEncoding.ByteStreamSplit, rows[38..50], v => ParquetSpecEncoders.ByteStreamSplit(plain(v), width))
            .V2(ParquetEncoding.ByteStreamSplit, rows[50..], v => ParquetSpecEncoders.ByteStreamSplit(plain(v), width));

        var file = new FileBuilder()
            .Column(Leaf("f", PhysicalType.Float, optional: true))
            .Column(Leaf("d", PhysicalType.Double, optional: true))
            .Column(Leaf("i", PhysicalType.Int32, optional: true))
            .Column(Leaf("l", PhysicalType.Int64, optional: false))
            .Column(Leaf("ts", PhysicalType.Int64, optional: true, new LogicalType(LogicalTypeKind.Timestamp) { IsAdjustedToUtc = true, Unit = TimeUnit.Millis }))
            .Column(Leaf("dec", PhysicalType.Int32, optional: true, DecimalType(7, 2)))
            .Column(Leaf("u32", PhysicalType.Int32, optional: true, new LogicalType(LogicalTypeKind.Integer) { BitWidth = 32, IsSigned = false }))
            .RowGroup(
                Chunk(true, floats, v => ParquetSpecEncoders.PlainFloat(v.Cast<float>()), 4),
                Chunk(true, doubles, v => ParquetSpecEncoders.PlainDouble(v.Cast<double>()), 8),
                Chunk(true, ints, Ints, 4),
                Chunk(false, longs, Longs, 8),
                Chunk(true, timestamps, v => ParquetSpecEncoders.PlainInt64(v.Cast<DateTime>().Select(t => (t - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond)), 8),
                Chunk(true, decimals, v => ParquetSpecEncoders.PlainInt32(v.Cast<decimal>().Select(m => (int)ParquetSpecEncoders.Unscaled(m, 2))), 4),
                Chunk(true, unsigned, v => ParquetSpecEncoders.PlainInt32(v.Cast<long>().Select(u => unchecked((int)(uint)u))), 4))
            .Build();

        AssertReads(file, ("f", floats), ("d", doubles), ("i", ints), ("l", longs), ("ts", timestamps), ("dec", decimals), ("u32", unsigned));
    }

    private static readonly decimal[] WideDecimalPool = [0m, 1m, -0.0001m, 12345678901234567890123.4567m, -7922816251426433759354.3950m, 0.5m];
    private static readonly decimal[] NarrowDecimalPool = [0m, -0.001m, 999999999.999m, -999999999.999m, 123456.789m];

    /// <summary>FIXED_LEN_BYTE_ARRAY: a 16-byte decimal(38,4) (Int128 storage), a 6-byte decimal(12,3) (int64 storage) and 3-byte binary values.</summary>
    [Theory]
    [MemberData(nameof(Codecs))]
    public void Byte_stream_split_fixed_len_byte_array_v1_and_v2(string codecName)
    {
        var codec = CompressionCodecs.Parse(codecName);
        var wide = Rows(50, i => i % 5 == 3 || i >= 45 ? null : WideDecimalPool[i % WideDecimalPool.Length]);
        var narrow = Rows(50, i => NarrowDecimalPool[i % NarrowDecimalPool.Length]);
        var binary = Rows(50, i => i % 6 == 0 || i >= 45 ? null : new[] { (byte)i, (byte)(255 - i), (byte)(i * 13) });

        ChunkBuilder Chunk(bool optional, object?[] rows, Func<List<object>, List<byte[]>> fixedValues, int width) => new ChunkBuilder(codec, optional)
            .V1(ParquetEncoding.ByteStreamSplit, rows[..15], v => ParquetSpecEncoders.ByteStreamSplit(ParquetSpecEncoders.Fixed(fixedValues(v), width), width))
            .V2(ParquetEncoding.ByteStreamSplit, rows[15..30], v => ParquetSpecEncoders.ByteStreamSplit(ParquetSpecEncoders.Fixed(fixedValues(v), width), width), compressValues: false)
            .V2(ParquetEncoding.ByteStreamSplit, rows[30..45], v => ParquetSpecEncoders.ByteStreamSplit(ParquetSpecEncoders.Fixed(fixedValues(v), width), width))
            .V1(ParquetEncoding.ByteStreamSplit, rows[45..], v => ParquetSpecEncoders.ByteStreamSplit(ParquetSpecEncoders.Fixed(fixedValues(v), width), width));

        var file = new FileBuilder()
            .Column(Leaf("w", PhysicalType.FixedLenByteArray, optional: true, DecimalType(38, 4), length: 16))
            .Column(Leaf("n", PhysicalType.FixedLenByteArray, optional: false, DecimalType(12, 3), length: 6))
            .Column(Leaf("u", PhysicalType.FixedLenByteArray, optional: true, length: 3))
            .RowGroup(
                Chunk(true, wide, v => BigEndianDecimals(v, 16, 4), 16),
                Chunk(false, narrow, v => BigEndianDecimals(v, 6, 3), 6),
                Chunk(true, binary, v => v.Cast<byte[]>().ToList(), 3))
            .Build();

        AssertReads(file, ("w", wide), ("n", narrow), ("u", binary));
    }

    // ---- DELTA_BINARY_PACKED integers -------------------------------------------------------------------

    /// <summary>INT32 deltas that wrap around 32 bits (computed in 32-bit arithmetic, as the spec asks) and INT64 extremes, over several blocks.</summary>
    [Theory]
    [MemberData(nameof(Codecs))]
    public void Delta_binary_packed_integers_v1_and_v2(string codecName)
    {
        var codec = CompressionCodecs.Parse(codecName);
        int[] wrapping = [int.MaxValue, int.MinValue, 0, -1, 1_000_000_000, -2_000_000_000, 5];
        long[] extremes = [long.MaxValue, long.MinValue, 0, -1, 1L << 62, -(1L << 62), 12345];
        var ints = Rows(300, i => i switch
        {
            _ when i % 10 == 9 => null,
            >= 100 and < 250 => i * 3,
            _ => wrapping[i % wrapping.Length],
        });
        var longs = Rows(300, i => i is >= 50 and < 180 ? i * 1_000_000_007L : extremes[i % extremes.Length]);

        var file = new FileBuilder()
            .Column(Leaf("a", PhysicalType.Int32, optional: true))
            .Column(Leaf("b", PhysicalType.Int64, optional: false))
            .RowGroup(
                new ChunkBuilder(codec, optional: true)
                    .V1(ParquetEncoding.DeltaBinaryPacked, ints[..140], v => ParquetSpecEncoders.DeltaBinaryPacked(v.Select(x => (long)(int)x).ToList(), int32: true))
                    .V2(ParquetEncoding.DeltaBinaryPacked, ints[140..], v => ParquetSpecEncoders.DeltaBinaryPacked(v.Select(x => (long)(int)x).ToList(), 256, 8, int32: true)),
                new ChunkBuilder(codec, optional: false)
                    .V2(ParquetEncoding.DeltaBinaryPacked, longs[..200], v => ParquetSpecEncoders.DeltaBinaryPacked(v.Cast<long>().ToList()), compressValues: false)
                    .V1(ParquetEncoding.DeltaBinaryPacked, longs[200..], v => ParquetSpecEncoders.DeltaBinaryPacked(v.Cast<long>().ToList(), 128, 2)))
            .Build();

        AssertReads(file, ("a", ints), ("b", longs));
    }

    // ---- Row groups with different encodings ------------------------------------------------------------

    /// <summary>
    /// Two row groups whose chunks change encoding page by page and from group to group, with different
    /// dictionaries under the same indices: nothing of one chunk's dictionary or page state may leak into the next.
    /// </summary>
    [Theory]
    [MemberData(nameof(Codecs))]
    public void Encodings_change_between_pages_and_row_groups(string codecName)
    {
        var codec = CompressionCodecs.Parse(codecName);
        object[] firstDictionary = ["red", "green", "blue"];
        object[] secondDictionary = ["blue", "red", "green", "violet"];
        object[] intDictionary = [100, -100, 5];
        var s0 = Rows(30, i => i % 4 == 3 ? null : i < 15 ? firstDictionary[i % 3] : $"{firstDictionary[i % 3]}-{i}");
        var s1 = Rows(25, i => i % 5 == 0 ? null : i < 10 ? $"delta{i}" : secondDictionary[i % 4]);
        var x0 = Rows(30, i => i % 3 == 0 ? null : i * -1_000_003);
        var x1 = Rows(25, i => i % 7 == 6 ? null : intDictionary[i % 3]);

        var file = new FileBuilder()
            .Column(Leaf("s", PhysicalType.ByteArray, optional: true, StringType))
            .Column(Leaf("x", PhysicalType.Int32, optional: true))
            .RowGroup(
                new ChunkBuilder(codec, optional: true)
                    .Dictionary(ParquetEncoding.PlainDictionary, 3, PlainStrings(firstDictionary.ToList()))
                    .V1(ParquetEncoding.PlainDictionary, s0[..15], Indices(firstDictionary))
                    .V2(ParquetEncoding.DeltaByteArray, s0[15..], v => ParquetSpecEncoders.DeltaByteArray(Utf8(v))),
                new ChunkBuilder(codec, optional: true)
                    .V1(ParquetEncoding.ByteStreamSplit, x0, v => ParquetSpecEncoders.ByteStreamSplit(Ints(v), 4)))
            .RowGroup(
                new ChunkBuilder(codec, optional: true)
                    .Dictionary(ParquetEncoding.PlainDictionary, 4, PlainStrings(secondDictionary.ToList()))
                    .V1(ParquetEncoding.DeltaLengthByteArray, s1[..10], v => ParquetSpecEncoders.DeltaLengthByteArray(Utf8(v)))
                    .V2(ParquetEncoding.PlainDictionary, s1[10..], Indices(secondDictionary)),
                new ChunkBuilder(codec, optional: true)
                    .Dictionary(ParquetEncoding.PlainDictionary, 3, Ints(intDictionary.ToList()))
                    .V2(ParquetEncoding.PlainDictionary, x1[..12], Indices(intDictionary))
                    .V1(ParquetEncoding.PlainDictionary, x1[12..], Indices(intDictionary)))
            .Build();

        AssertReads(file, ("s", [.. s0, .. s1]), ("x", [.. x0, .. x1]));
    }

    // ---- Helpers ----------------------------------------------------------------------------------------

    private static object?[] Rows(int count, Func<int, object?> row) => [.. Enumerable.Range(0, count).Select(row)];

    private static SchemaElement Leaf(string name, PhysicalType type, bool optional, LogicalType? logical = null, int length = 0) => new()
    {
        Name = name, Type = type, Repetition = optional ? FieldRepetition.Optional : FieldRepetition.Required, LogicalType = logical, TypeLength = length,
    };

    private static LogicalType StringType => new(LogicalTypeKind.String);

    private static LogicalType DecimalType(int precision, int scale) => new(LogicalTypeKind.Decimal) { DecimalPrecision = precision, DecimalScale = scale };

    private static byte[] Ints(List<object> values) => ParquetSpecEncoders.PlainInt32(values.Cast<int>());

    private static byte[] Longs(List<object> values) => ParquetSpecEncoders.PlainInt64(values.Cast<long>());

    private static List<byte[]> Utf8(List<object> values) => [.. values.Select(v => Encoding.UTF8.GetBytes((string)v))];

    private static byte[] PlainStrings(List<object> values) => ParquetSpecEncoders.PlainByteArrays(Utf8(values));

    private static byte[] PlainBooleans(List<object> values) => ParquetSpecEncoders.PlainBooleans(values.Cast<bool>().ToList());

    private static byte[] RleBooleans(List<object> values) => ParquetSpecEncoders.RleBooleans(values.Cast<bool>().ToList());

    private static List<byte[]> BigEndianDecimals(List<object> values, int width, int scale) =>
        [.. values.Select(v => ParquetSpecEncoders.BigEndian(ParquetSpecEncoders.Unscaled((decimal)v, scale), width))];

    private static byte[] FixedDecimals(List<object> values, int width, int scale) => ParquetSpecEncoders.Fixed(BigEndianDecimals(values, width, scale), width);

    /// <summary>A dictionary data page's body: each value's index in <paramref name="dictionary"/>.</summary>
    private static Func<List<object>, byte[]> Indices(object[] dictionary) => values =>
    {
        var keys = dictionary.Select(Describe).ToList();
        var indices = values.Select(v => keys.IndexOf(Describe(v))).ToList();
        Assert.DoesNotContain(-1, indices);
        return ParquetSpecEncoders.DictionaryIndices(indices, dictionary.Length);
    };

    /// <summary>A value as exact text (floats by their bits, bytes in hex), so that expected and read values compare exactly.</summary>
    private static string? Describe(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        int i => "int " + i,
        long l => "long " + l,
        float f => "float 0x" + BitConverter.SingleToUInt32Bits(f).ToString("X8"),
        double d => "double 0x" + BitConverter.DoubleToUInt64Bits(d).ToString("X16"),
        decimal m => "decimal " + TrimZeros(m.ToString(CultureInfo.InvariantCulture)),
        string s => "string \"" + s + "\"",
        byte[] x => "bytes " + Convert.ToHexString(x),
        DateTime t => "timestamp " + t.ToString("O", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"no description for {value.GetType()}"),
    };

    private static string TrimZeros(string s) => s.Contains('.') ? s.TrimEnd('0').TrimEnd('.') : s;

    /// <summary>Reads the file whole (ReadRowGroup per group) and in batches of 1, 3, 7, 64 and the default rows, and compares every value.</summary>
    private static void AssertReads(byte[] file, params (string Name, object?[] Rows)[] expected)
    {
        using var dir = new TempDirectory();
        string path = dir.File("encodings.parquet");
        File.WriteAllBytes(path, file);
        var want = expected.Select(c => c.Rows.Select(Describe).ToList()).ToArray();
        using (var reader = ParquetFileReader.Open(path))
        {
            Assert.Equal(expected.Select(c => c.Name), reader.Schema.Fields.Select(f => f.Name));
            var got = expected.Select(_ => new List<string?>()).ToArray();
            for (int g = 0; g < reader.RowGroupCount; g++) Collect(got, reader.ReadRowGroup(g));
            Compare(expected, want, got, "ReadRowGroup");
        }
        foreach (int batchRows in new[] { 1, 3, 7, 64, ParquetFileReader.DefaultBatchRows })
        {
            using var reader = ParquetFileReader.Open(path);
            var got = expected.Select(_ => new List<string?>()).ToArray();
            foreach (var batch in reader.ReadBatches(batchRows: batchRows))
            {
                Assert.InRange(batch.RowCount, 1, batchRows);
                Collect(got, batch);
            }
            Compare(expected, want, got, $"ReadBatches({batchRows})");
        }
    }

    private static void Collect(List<string?>[] columns, Kindling.Vectors.ColumnBatch batch)
    {
        for (int c = 0; c < columns.Length; c++)
        {
            var vector = batch[c];
            Assert.Equal(batch.RowCount, vector.Length);
            for (int r = 0; r < batch.RowCount; r++) columns[c].Add(Describe(vector.GetObject(r)));
        }
    }

    private static void Compare((string Name, object?[] Rows)[] expected, List<string?>[] want, List<string?>[] got, string how)
    {
        for (int c = 0; c < want.Length; c++)
        {
            int at = 0;
            while (at < want[c].Count && at < got[c].Count && want[c][at] == got[c][at]) at++;
            if (at == want[c].Count && at == got[c].Count) continue;
            Assert.Fail($"{how}: column '{expected[c].Name}' differs at row {at} of {want[c].Count} (read {got[c].Count}): "
                + $"expected {(at < want[c].Count ? want[c][at] ?? "null" : "<end>")}, read {(at < got[c].Count ? got[c][at] ?? "null" : "<end>")}");
        }
    }
}

/// <summary>
/// One column chunk built page by page: page headers through the engine's Thrift compact writer (the
/// protocol, not its page-header code, so that every field is chosen here), bodies from <see cref="Spec"/>,
/// compression through independent implementations (GZIP: the BCL's GZipStream; SNAPPY: IronSnappy).
/// </summary>
file sealed class ChunkBuilder(CompressionCodec codec, bool optional)
{
    private readonly MemoryStream _bytes = new();
    private readonly ThriftCompactWriter _writer = new();

    public CompressionCodec Codec => codec;

    public int Rows { get; private set; }

    /// <summary>The bytes of the dictionary page with its header (0 when there is none).</summary>
    public int DictionaryPageBytes { get; private set; }

    public List<ParquetEncoding> Encodings { get; } = [];

    public byte[] ToArray() => _bytes.ToArray();

    public ChunkBuilder Dictionary(ParquetEncoding encoding, int count, byte[] plain)
    {
        Assert.Equal(0L, _bytes.Length);
        var body = Compress(plain);
        Header(PageType.DictionaryPage, plain.Length, body.Length, w =>
        {
            w.StructField(7);
            w.I32(1, count);
            w.I32(2, (int)encoding);
            w.EndStruct();
        });
        _bytes.Write(body);
        DictionaryPageBytes = (int)_bytes.Length;
        Note(encoding);
        return this;
    }

    /// <summary>A data page v1: the length-prefixed definition levels (optional columns) and the values, compressed together.</summary>
    public ChunkBuilder V1(ParquetEncoding encoding, object?[] rows, Func<List<object>, byte[]> encode)
    {
        var (levels, values) = Split(rows);
        byte[] page = optional ? [.. ParquetSpecEncoders.LevelsV1(levels), .. encode(values)] : encode(values);
        var body = Compress(page);
        Header(PageType.DataPage, page.Length, body.Length, w =>
        {
            w.StructField(5);
            w.I32(1, rows.Length);
            w.I32(2, (int)encoding);
            w.I32(3, (int)ParquetEncoding.Rle);
            w.I32(4, (int)ParquetEncoding.Rle);
            w.EndStruct();
        });
        _bytes.Write(body);
        Rows += rows.Length;
        Note(encoding);
        return this;
    }

    /// <summary>A data page v2: definition levels (no length prefix) never compressed, then the values, compressed when <paramref name="compressValues"/>.</summary>
    public ChunkBuilder V2(ParquetEncoding encoding, object?[] rows, Func<List<object>, byte[]> encode, bool compressValues = true)
    {
        var (levels, values) = Split(rows);
        byte[] levelBytes = optional ? ParquetSpecEncoders.Hybrid(levels, 1) : [];
        byte[] valueBytes = encode(values);
        byte[] stored = compressValues ? Compress(valueBytes) : valueBytes;
        Header(PageType.DataPageV2, levelBytes.Length + valueBytes.Length, levelBytes.Length + stored.Length, w =>
        {
            w.StructField(8);
            w.I32(1, rows.Length);
            w.I32(2, rows.Length - values.Count);
            w.I32(3, rows.Length);
            w.I32(4, (int)encoding);
            w.I32(5, levelBytes.Length);
            w.I32(6, 0);
            w.Bool(7, compressValues);
            w.EndStruct();
        });
        _bytes.Write(levelBytes);
        _bytes.Write(stored);
        Rows += rows.Length;
        Note(encoding);
        return this;
    }

    private (List<int> Levels, List<object> Values) Split(object?[] rows)
    {
        var levels = rows.Select(r => r is null ? 0 : 1).ToList();
        if (!optional) Assert.DoesNotContain(0, levels);
        return (levels, [.. rows.OfType<object>()]);
    }

    private void Header(PageType type, int uncompressed, int compressed, Action<ThriftCompactWriter> pageHeader)
    {
        _writer.Clear();
        _writer.BeginStruct();
        _writer.I32(1, (int)type);
        _writer.I32(2, uncompressed);
        _writer.I32(3, compressed);
        pageHeader(_writer);
        _writer.EndStruct();
        _bytes.Write(_writer.Written);
    }

    private void Note(ParquetEncoding encoding)
    {
        if (!Encodings.Contains(encoding)) Encodings.Add(encoding);
    }

    private byte[] Compress(byte[] data)
    {
        if (codec == CompressionCodec.Uncompressed) return data;
        if (codec == CompressionCodec.Snappy) return IronSnappy.Snappy.Encode(data);
        Assert.Equal(CompressionCodec.Gzip, codec);
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }
}

/// <summary>A file of flat columns and row groups of chunks; the footer through the engine's metadata classes.</summary>
file sealed class FileBuilder
{
    private readonly List<SchemaElement> _columns = [];
    private readonly List<ChunkBuilder[]> _groups = [];

    public FileBuilder Column(SchemaElement column)
    {
        _columns.Add(column);
        return this;
    }

    public FileBuilder RowGroup(params ChunkBuilder[] chunks)
    {
        Assert.Equal(_columns.Count, chunks.Length);
        _groups.Add(chunks);
        return this;
    }

    public byte[] Build()
    {
        var file = new MemoryStream();
        file.Write("PAR1"u8);
        var groups = new List<RowGroup>();
        foreach (var chunks in _groups)
        {
            int rows = chunks[0].Rows;
            var metas = new List<ColumnMetaData>();
            for (int c = 0; c < chunks.Length; c++)
            {
                Assert.Equal(rows, chunks[c].Rows);
                long start = file.Position;
                var bytes = chunks[c].ToArray();
                file.Write(bytes);
                metas.Add(new ColumnMetaData
                {
                    Type = _columns[c].Type ?? throw new InvalidOperationException("a leaf needs a type"),
                    Encodings = chunks[c].Encodings,
                    PathInSchema = [_columns[c].Name],
                    Codec = chunks[c].Codec,
                    NumValues = rows,
                    TotalCompressedSize = bytes.Length,
                    TotalUncompressedSize = bytes.Length,
                    DictionaryPageOffset = chunks[c].DictionaryPageBytes > 0 ? start : null,
                    DataPageOffset = start + chunks[c].DictionaryPageBytes,
                });
            }
            groups.Add(new RowGroup { NumRows = rows, Columns = metas, TotalByteSize = metas.Sum(m => m.TotalUncompressedSize) });
        }
        var footer = new FileMetaData
        {
            NumRows = groups.Sum(g => g.NumRows),
            Schema = [new SchemaElement { Name = "schema", NumChildren = _columns.Count }, .. _columns],
            RowGroups = groups,
            CreatedBy = "kindling ReaderEncodingTests",
        };
        return ParquetFileEnd.Finish(file, footer);
    }
}
