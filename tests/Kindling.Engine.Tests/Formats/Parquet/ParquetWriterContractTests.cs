using System.Globalization;
using System.Text.Json;
using Kindling.Engine.Tests.Interop;
using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Compression;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>
/// What the writer promises beyond values: INT32 decimals, UTC microsecond timestamps, all-null columns,
/// statistics in each type's sort order, the codec and encodings named in the metadata, the default row group
/// and page sizes, and writing to a stream that cannot seek. Checked with DuckDB and Arrow (arrow-rs).
/// </summary>
public sealed class ParquetWriterContractTests
{
    /// <summary>Compares rows of strings element by element (a collection expression would bind to a span overload).</summary>
    private static void AssertRow(string?[] expected, string?[] actual) => Assert.Equal(expected, actual);

    private static void WriteContractTable(Stream stream, int rows, ParquetWriteOptions options, int batchRows = 2_500)
    {
        using var writer = new ParquetWriter(stream, ContractTable.Schema, options);
        for (int first = 0; first < rows; first += batchRows)
            writer.WriteBatch(ContractTable.Batch(first, Math.Min(batchRows, rows - first)));
    }

    private static void WriteContractTable(string path, int rows, ParquetWriteOptions options)
    {
        using var stream = File.Create(path);
        WriteContractTable(stream, rows, options);
    }

    // ---- W1: INT32 decimals, the all-null column and the timestamp's type, as Arrow and DuckDB read them ----

    [Fact]
    public void Arrow_and_DuckDb_read_int32_decimals_all_null_columns_and_utc_microsecond_timestamps()
    {
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        const int rows = 5_000;
        WriteContractTable(file, rows, new ParquetWriteOptions { RowGroupRows = 2_000, PageBytes = 4096 });

        using var json = JsonDocument.Parse(NodeInterop.Script("arrow-read.mjs", file));
        var columns = json.RootElement.GetProperty("columns");
        string? Type(string name) => columns.GetProperty(name).GetProperty("type").GetString();
        string?[] Values(string name) => [.. columns.GetProperty(name).GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString())];
        Assert.Equal(rows, json.RootElement.GetProperty("rows").GetInt32());
        // isAdjustedToUTC = true gives Arrow a UTC time zone; MICROS its unit.
        Assert.Equal("Timestamp<MICROSECOND, UTC>", Type("ts"));
        Assert.Matches(@"^Decimal\[7e[+-]2\]$", Type("dec7"));
        Assert.Equal("Utf8", Type("nul"));

        var duck = NodeInterop.DuckDb($"select cast(dec7 as varchar), nul, cast(ts as varchar) from read_parquet({NodeInterop.Sql(file)})");
        var arrowDec7 = Values("dec7");
        var arrowNul = Values("nul");
        var arrowTs = Values("ts");
        Assert.Equal(rows, duck.Count);
        Assert.Contains(arrowDec7, v => v is not null && v.StartsWith('-'));
        for (int i = 0; i < rows; i++)
        {
            bool dec7Null = ContractTable.IsNull("dec7", i);
            Assert.Equal(dec7Null ? null : ContractTable.Dec7Unscaled(i).ToString(CultureInfo.InvariantCulture), arrowDec7[i]);
            Assert.Equal(dec7Null ? null : ContractTable.FormatUnscaled(ContractTable.Dec7Unscaled(i), 2), duck[i][0]);
            Assert.Null(arrowNul[i]);
            Assert.Null(duck[i][1]);
            Assert.Equal(ContractTable.IsNull("ts", i) ? null : ContractTable.TimestampMicros(i).ToString(CultureInfo.InvariantCulture), arrowTs[i]);
        }
        // DuckDB reads the UTC timestamp as TIMESTAMPTZ, printed in the session's zone (UTC) with its offset.
        Assert.Equal(TemporalConstants.FromEpochMicros(ContractTable.TimestampMicros(1)).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00", duck[1][2]);
    }

    // ---- W4: statistics ----

    private static readonly Schema StatsSchema = new([
        new Field("f", ColumnType.Float32),
        new Field("d", ColumnType.Float64),
        new Field("wide", ColumnType.Decimal(38, 2)),
        new Field("dec", ColumnType.Decimal(15, 2)),
        new Field("dec7", ColumnType.Decimal(7, 2)),
        new Field("s", ColumnType.String),
        new Field("dt", ColumnType.Date),
        new Field("ts", ColumnType.Timestamp),
        new Field("b", ColumnType.Boolean),
    ]);

    private static int Days(int y, int m, int d) => TemporalConstants.ToEpochDays(new DateOnly(y, m, d));
    private static long Micros(int y, int mo, int d, int h, int mi, int s) => TemporalConstants.ToEpochMicros(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Utc));

    /// <summary>Per row group, four rows per column (written twice, so a dictionary pays for itself).</summary>
    private static readonly object?[][][] StatsGroups =
    [
        [
            [float.NaN, 0.0f, 2.5f, null],
            [double.NaN, 0.0, 2.25, null],
            [(Int128)(-100), (Int128)(-30_000), (Int128)500, (Int128)(-1)],
            [-100L, -30_000L, 500L, null],
            [-1L, 12_345L, -9_999_999L, null],
            ["banana", "Zoë", "apple", "éclair"],
            [Days(2024, 3, 1), Days(1969, 12, 31), Days(2000, 2, 29), null],
            [Micros(2024, 3, 1, 12, 0, 0) + 1, -1L, null, 0L],
            [true, false, null, true],
        ],
        [
            [-0.0f, -3.0f, float.NaN, -0.0f],
            [-0.0, -3.5, double.NaN, -0.0],
            [(Int128)(-100), (Int128)(-30_000), (Int128)(-750), (Int128)(-1)],
            [-5L, -1L, -50L, null],
            [9_999_999L, 0L, 1L, 2L],
            ["a", "ab", null, "b"],
            [Days(1900, 1, 1), null, Days(1950, 6, 15), Days(1969, 1, 1)],
            [Micros(1900, 1, 1, 0, 0, 0), Micros(1969, 7, 20, 20, 17, 40), null, null],
            [true, true, null, true],
        ],
        [
            [float.NaN, float.NaN, null, float.NaN],
            [double.NaN, null, double.NaN, double.NaN],
            [null, null, null, null],
            [null, null, null, null],
            [null, null, null, null],
            [null, null, null, null],
            [null, null, null, null],
            [null, null, null, null],
            [false, false, false, null],
        ],
    ];

    /// <summary>Expected (min, max, null count) as DuckDB prints them, per row group and column of <see cref="StatsGroups"/>.</summary>
    private static readonly string?[][][] ExpectedStats =
    [
        [
            ["-0.0", "2.5", "2"],        // NaN left out; a zero min is written as -0.0
            ["-0.0", "2.25", "2"],
            ["-300.00", "5.00", "0"],    // two's complement big-endian bytes, compared as signed numbers
            ["-300.00", "5.00", "2"],
            ["-99999.99", "123.45", "2"],
            ["Zoë", "éclair", "0"],      // unsigned bytes: 'Z' < 'a' < 0xC3
            ["1969-12-31", "2024-03-01", "2"],
            ["1969-12-31 23:59:59.999999+00", "2024-03-01 12:00:00.000001+00", "2"],
            ["false", "true", "2"],
        ],
        [
            ["-3.0", "0.0", "0"],        // a zero max (here only -0.0) is written as +0.0
            ["-3.5", "0.0", "0"],
            ["-300.00", "-0.01", "0"],
            ["-0.50", "-0.01", "2"],
            ["0.00", "99999.99", "0"],
            ["a", "b", "2"],
            ["1900-01-01", "1969-01-01", "2"],
            ["1900-01-01 00:00:00+00", "1969-07-20 20:17:40+00", "4"],
            ["true", "true", "2"],
        ],
        [
            [null, null, "2"],           // only NaN: no min or max at all
            [null, null, "2"],
            [null, null, "8"],
            [null, null, "8"],
            [null, null, "8"],
            [null, null, "8"],
            [null, null, "8"],
            [null, null, "8"],
            ["false", "false", "2"],
        ],
    ];

    private static ColumnVector Vector(ColumnType type, object?[] values)
    {
        object?[] rows = [.. values, .. values];
        switch (type.Kind)
        {
            case TypeKind.String:
            {
                var b = new StringVectorBuilder(type, rows.Length);
                foreach (var v in rows) if (v is null) b.AppendNull(); else b.Append((string)v);
                return b.Build();
            }
            case TypeKind.Boolean: return Build<byte>(type, rows, v => (bool)v ? (byte)1 : (byte)0);
            case TypeKind.Float32: return Build<float>(type, rows, v => (float)v);
            case TypeKind.Float64: return Build<double>(type, rows, v => (double)v);
            case TypeKind.Date: return Build<int>(type, rows, v => (int)v);
            case TypeKind.Decimal when type.IsWideDecimal: return Build<Int128>(type, rows, v => (Int128)v);
            default: return Build<long>(type, rows, v => (long)v);
        }
    }

    private static PrimitiveVector<T> Build<T>(ColumnType type, object?[] rows, Func<object, T> convert) where T : unmanaged
    {
        var b = new PrimitiveVectorBuilder<T>(type, rows.Length);
        foreach (var v in rows) if (v is null) b.AppendNull(); else b.Append(convert(v));
        return b.Build();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DuckDb_sees_statistics_in_each_types_sort_order(bool dictionary)
    {
        using var dir = new TempDirectory();
        string file = dir.File("stats.parquet");
        using (var stream = File.Create(file))
        using (var writer = new ParquetWriter(stream, StatsSchema, new ParquetWriteOptions { UseDictionary = dictionary, RowGroupRows = 8 }))
            foreach (var group in StatsGroups)
                writer.WriteBatch(new ColumnBatch(StatsSchema, [.. StatsSchema.Fields.Select((f, c) => Vector(f.Type, group[c]))], 8));

        var meta = NodeInterop.DuckDb("select row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count, stats_min, stats_max, encodings " +
            $"from parquet_metadata({NodeInterop.Sql(file)}) order by row_group_id, column_id");
        Assert.Equal(StatsGroups.Length * StatsSchema.Count, meta.Count);
        for (int g = 0; g < StatsGroups.Length; g++)
            for (int c = 0; c < StatsSchema.Count; c++)
            {
                var row = meta[g * StatsSchema.Count + c];
                string name = StatsSchema[c].Name;
                AssertRow([g.ToString(), name], row[..2]);
                Assert.True(ExpectedStats[g][c].SequenceEqual(row[2..5]),
                    $"row group {g} column {name}: expected min/max/nulls [{string.Join(", ", ExpectedStats[g][c])}], DuckDB read [{string.Join(", ", row[2..5])}]");
                // The deprecated min/max, written for signed orders only (not for strings and FIXED_LEN_BYTE_ARRAY decimals).
                bool legacy = name is not ("s" or "wide");
                Assert.Equal(legacy ? row[2..4] : [null, null], row[5..7]);
            }
        // The dictionary path computes statistics from the dictionary's entries: make sure it was taken.
        Assert.Equal(dictionary, meta[0].Last()!.Contains("RLE_DICTIONARY"));
        Assert.Equal(dictionary, meta.Single(r => r[0] == "0" && r[1] == "wide").Last()!.Contains("RLE_DICTIONARY"));
        Assert.Equal(dictionary, meta.Single(r => r[0] == "0" && r[1] == "s").Last()!.Contains("RLE_DICTIONARY"));
    }

    // ---- W4: the codec and the encodings the metadata names ----

    [Fact]
    public void DuckDb_sees_the_codec_and_which_columns_fell_back_from_the_dictionary()
    {
        using var dir = new TempDirectory();
        const int rows = 2_000;
        string gzip = dir.File("gzip.parquet"), zstd = dir.File("zstd.parquet"), none = dir.File("none.parquet");
        WriteContractTable(gzip, rows, new ParquetWriteOptions { Codec = CompressionCodec.Gzip, RowGroupRows = 1_000 });
        // The same rows, but a 256-byte dictionary limit: the ~50 distinct strings of 's' (over a kilobyte) do not fit.
        WriteContractTable(zstd, rows, new ParquetWriteOptions { Codec = CompressionCodec.Zstd, RowGroupRows = 1_000, DictionaryLimitBytes = 256 });
        WriteContractTable(none, rows, new ParquetWriteOptions { Codec = CompressionCodec.Uncompressed, RowGroupRows = 1_000 });

        var meta = NodeInterop.DuckDb("select file_name, row_group_id, path_in_schema, compression, encodings, dictionary_page_offset, total_compressed_size, total_uncompressed_size " +
            $"from parquet_metadata([{NodeInterop.Sql(gzip)}, {NodeInterop.Sql(zstd)}, {NodeInterop.Sql(none)}]) order by file_name, row_group_id, column_id");
        Assert.Equal(3 * 2 * ContractTable.Schema.Count, meta.Count);
        Assert.All(meta.Where(r => r[0] == gzip), r => Assert.Equal("GZIP", r[3]));
        Assert.All(meta.Where(r => r[0] == zstd), r => Assert.Equal("ZSTD", r[3]));
        Assert.All(meta.Where(r => r[0] == none), r => Assert.Equal("UNCOMPRESSED", r[3]));
        // Uncompressed chunks take exactly their uncompressed size; the compressed strings are smaller.
        Assert.All(meta.Where(r => r[0] == none), r => Assert.Equal(r[7], r[6]));
        string?[] S(string file, int group) => meta.Single(r => r[0] == file && r[1] == group.ToString() && r[2] == "s");
        for (int g = 0; g < 2; g++)
        {
            Assert.True(long.Parse(S(gzip, g)[6]!) < long.Parse(S(gzip, g)[7]!));
            Assert.True(long.Parse(S(zstd, g)[6]!) < long.Parse(S(zstd, g)[7]!));
            // Dictionary: a dictionary page and RLE_DICTIONARY data pages (RLE for the definition levels).
            Assert.Equal("PLAIN, RLE_DICTIONARY, RLE", S(gzip, g)[4]);
            Assert.NotNull(S(gzip, g)[5]);
            // Fell back: PLAIN values only, no dictionary page.
            Assert.Equal("PLAIN, RLE", S(zstd, g)[4]);
            Assert.Null(S(zstd, g)[5]);
        }
        // The values of the fallen-back file read back whole.
        var values = NodeInterop.DuckDb($"select {ContractTable.DuckDbCanonicalSelect} from read_parquet({NodeInterop.Sql(zstd)})");
        for (int i = 0; i < rows; i++) Assert.Equal(ContractTable.ExpectedText(i), values[i]);
    }

    // ---- W5: the default row group and page sizes ----

    [Fact]
    public void Default_options_write_row_groups_of_1048576_rows_and_pages_of_about_1_MiB()
    {
        var schema = new Schema([new Field("id", ColumnType.Int64, Nullable: false)]);
        const int rows = (1 << 20) + 1_000;
        using var dir = new TempDirectory();
        string file = dir.File("big.parquet");
        using (var stream = File.Create(file))
        using (var writer = new ParquetWriter(stream, schema, new ParquetWriteOptions()))
            for (int first = 0; first < rows; first += 100_000)
            {
                int n = Math.Min(100_000, rows - first);
                var b = new PrimitiveVectorBuilder<long>(ColumnType.Int64, n);
                for (int i = 0; i < n; i++) b.Append((first + i) * 3L);
                writer.WriteBatch(new ColumnBatch(schema, [b.Build()], n));
            }

        var meta = NodeInterop.DuckDb("select row_group_id, row_group_num_rows, total_uncompressed_size, t.n, t.total " +
            $"from parquet_metadata({NodeInterop.Sql(file)}), (select count(*) n, sum(id) total from read_parquet({NodeInterop.Sql(file)})) t order by row_group_id");
        Assert.Equal(2, meta.Count);
        AssertRow(["0", "1048576"], meta[0][..2]);
        AssertRow(["1", "1000"], meta[1][..2]);
        AssertRow([rows.ToString(), (3L * rows * (rows - 1L) / 2).ToString()], meta[0][3..5]);

        // Pages: walk the page headers of each chunk (the engine's header parser; DuckDB shows no pages).
        byte[] bytes = File.ReadAllBytes(file);
        using var reader = ParquetFileReader.Open(file);
        for (int g = 0; g < 2; g++)
        {
            var chunk = reader.Metadata.RowGroups[g].Columns[0];
            long position = chunk.DictionaryPageOffset ?? chunk.DataPageOffset, end = position + chunk.TotalCompressedSize;
            var pages = new List<PageHeader>();
            long uncompressedWithHeaders = 0;
            while (position < end)
            {
                var header = PageHeader.Read(bytes.AsSpan((int)position), out int headerLength);
                pages.Add(header);
                uncompressedWithHeaders += headerLength + header.UncompressedSize;
                position += headerLength + header.CompressedSize;
            }
            Assert.Equal(end, position);
            // DuckDB's size of the chunk is the sum of what the page headers say.
            Assert.Equal(meta[g][2], uncompressedWithHeaders.ToString());
            Assert.All(pages, p => Assert.Equal(PageType.DataPage, p.Type)); // distinct values: no dictionary
            if (g == 0)
            {
                // 8 MiB of values in pages of about 1 MiB.
                Assert.InRange(pages.Count, 8, 9);
                Assert.All(pages.SkipLast(1), p => Assert.InRange(p.UncompressedSize, 900 * 1024, (1 << 20) + 16 * 1024));
            }
            else
            {
                Assert.Equal(8_000, Assert.Single(pages).UncompressedSize);
            }
            Assert.Equal(reader.Metadata.RowGroups[g].NumRows, pages.Sum(p => (long)p.NumValues));
        }
    }

    // ---- W7: a stream that can only be written forward ----

    /// <summary>Writes through to another stream; knows no position or length and cannot seek or read.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() => inner.Flush();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }

    [Fact]
    public void A_forward_only_stream_gets_the_same_bytes_as_a_seekable_one()
    {
        var options = new ParquetWriteOptions { RowGroupRows = 3_000, PageBytes = 8 * 1024 };
        const int rows = 7_000;
        var seekable = new MemoryStream();
        WriteContractTable(seekable, rows, options);
        var target = new MemoryStream();
        WriteContractTable(new ForwardOnlyStream(target), rows, options);
        Assert.Equal(seekable.ToArray(), target.ToArray());

        using var dir = new TempDirectory();
        string file = dir.File("forward.parquet");
        File.WriteAllBytes(file, target.ToArray());
        var values = NodeInterop.DuckDb($"select {ContractTable.DuckDbCanonicalSelect} from read_parquet({NodeInterop.Sql(file)})");
        Assert.Equal(rows, values.Count);
        for (int i = 0; i < rows; i++) Assert.Equal(ContractTable.ExpectedText(i), values[i]);
    }
}
