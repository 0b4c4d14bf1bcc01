using Kindling.Engine.Tests.Interop;
using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Compression;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>Files Kindling writes are read by DuckDB with identical values, and its metadata shows what we wrote.</summary>
public sealed class ParquetWriterInteropTests
{
    /// <summary>Compares rows of strings element by element (a collection expression would bind to a span overload).</summary>
    private static void AssertRow(string?[] expected, string?[] actual) => Assert.Equal(expected, actual);

    private static void WriteTable(string path, int rows, ParquetWriteOptions options, int batchRows = 10_000)
    {
        using var stream = File.Create(path);
        using var writer = new ParquetWriter(stream, ContractTable.Schema, options);
        for (int first = 0; first < rows; first += batchRows)
            writer.WriteBatch(ContractTable.Batch(first, Math.Min(batchRows, rows - first)));
    }

    public static TheoryData<string, bool, bool> Variants => new()
    {
        { "snappy", true, false },
        { "snappy", false, false },
        { "gzip", true, false },
        { "zstd", true, true },
        { "lz4_raw", false, false },
        { "none", true, true },
    };

    [Theory, MemberData(nameof(Variants))]
    public void DuckDb_reads_every_value(string codec, bool dictionary, bool pageV2)
    {
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        const int rows = 25_000;
        WriteTable(file, rows, new ParquetWriteOptions
        {
            Codec = CompressionCodecs.Parse(codec), UseDictionary = dictionary, DataPageV2 = pageV2, RowGroupRows = 10_000, PageBytes = 16 * 1024,
        });

        var actual = NodeInterop.DuckDb($"select {ContractTable.DuckDbCanonicalSelect} from read_parquet({NodeInterop.Sql(file)})");
        Assert.Equal(rows, actual.Count);
        for (int i = 0; i < rows; i++)
            Assert.Equal(ContractTable.ExpectedText(i), actual[i]);
    }

    [Theory]
    [InlineData(true, 1 << 20)]
    [InlineData(true, 16)]
    [InlineData(false, 1 << 20)]
    public void DuckDb_reads_dictionary_encoded_input_vectors(bool dictionary, int dictionaryLimitBytes)
    {
        // Batches share one dictionary (as a Parquet scan yields them), then another, then plain strings, in one
        // row group; codes of both dictionaries point at equal strings. A 16-byte limit forces the PLAIN fallback.
        var schema = new Schema([new Field("s", ColumnType.String)]);
        var first = StringVectorOf("lead", "direct", "partner", "Zoë");
        var second = StringVectorOf("direct", "x", "lead");
        var expected = new List<string?>();
        var batches = new List<ColumnBatch>();
        void Add(ColumnVector vector)
        {
            batches.Add(new ColumnBatch(schema, [vector], vector.Length));
            for (int i = 0; i < vector.Length; i++) expected.Add((string?)vector.GetObject(i));
        }
        for (int b = 0; b < 3; b++) Add(Coded(first, [0, 1, 2, 3, 1, 0, -1, 2], b));
        Add(Coded(second, [1, 0, 2, -1, 2], 0));
        Add(StringVectorOf("plain", null, "lead"));
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        using (var stream = File.Create(file))
        using (var writer = new ParquetWriter(stream, schema, new ParquetWriteOptions { UseDictionary = dictionary, DictionaryLimitBytes = dictionaryLimitBytes }))
            foreach (var batch in batches) writer.WriteBatch(batch);

        var actual = NodeInterop.DuckDb($"select s from read_parquet({NodeInterop.Sql(file)})").Select(r => r[0]).ToList();
        Assert.Equal(expected, actual);
        var encodings = NodeInterop.DuckDb($"select encodings from parquet_metadata({NodeInterop.Sql(file)})").Single()[0];
        Assert.Equal(dictionary && dictionaryLimitBytes > 16, encodings!.Contains("DICTIONARY"));
    }

    private static StringVector StringVectorOf(params string?[] values)
    {
        var builder = new StringVectorBuilder(ColumnType.String, values.Length, 64);
        foreach (var v in values)
            if (v is null) builder.AppendNull();
            else builder.Append(System.Text.Encoding.UTF8.GetBytes(v));
        return builder.Build();
    }

    /// <summary>Codes into <paramref name="dictionary"/> (-1 = null), rotated by <paramref name="shift"/> so batches differ.</summary>
    private static DictionaryVector Coded(StringVector dictionary, int[] codes, int shift)
    {
        var rotated = codes.Select((_, i) => codes[(i + shift) % codes.Length]).ToArray();
        var validity = Validity.AllValid(rotated.Length);
        int nulls = 0;
        for (int i = 0; i < rotated.Length; i++)
            if (rotated[i] < 0) { Validity.SetNull(validity, i); rotated[i] = 0; nulls++; }
        return new DictionaryVector(dictionary, rotated, rotated.Length, nulls > 0 ? validity : null, nulls);
    }

    [Fact]
    public void DuckDb_sees_the_schema_encodings_codec_and_statistics()
    {
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        WriteTable(file, 3_000, new ParquetWriteOptions { RowGroupRows = 1_000 });

        var schema = NodeInterop.DuckDb($"select name, type, converted_type, scale, precision, repetition_type, type_length, logical_type, duckdb_type from parquet_schema({NodeInterop.Sql(file)}) where name <> 'spark_schema' order by name");
        string?[] Column(string name) => schema.Single(r => r[0] == name)[1..];
        // TIMESTAMP(MICROS, isAdjustedToUTC = true): DuckDB prints the logical type's fields and reads it as TIMESTAMPTZ.
        AssertRow(["INT64", "TIMESTAMP_MICROS", null, null, "OPTIONAL", null,
            "TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>))", "TIMESTAMP WITH TIME ZONE"], Column("ts"));
        // Decimals: INT32 up to precision 9, INT64 up to 18, FIXED_LEN_BYTE_ARRAY (16 bytes for 38 digits) above.
        AssertRow(["INT32", "DECIMAL", "2", "7", "OPTIONAL", null, "DecimalType(scale=2, precision=7)", "DECIMAL(7,2)"], Column("dec7"));
        AssertRow(["INT64", "DECIMAL", "4", "15", "OPTIONAL", null, "DecimalType(scale=4, precision=15)", "DECIMAL(15,4)"], Column("dec"));
        AssertRow(["FIXED_LEN_BYTE_ARRAY", "DECIMAL", "10", "38", "OPTIONAL", "16", "DecimalType(scale=10, precision=38)", "DECIMAL(38,10)"], Column("wide"));
        AssertRow(["INT32", null, null, null, "REQUIRED"], Column("i32")[..5]);
        AssertRow(["BYTE_ARRAY", "UTF8", null, null, "OPTIONAL"], Column("s")[..5]);
        AssertRow(["BYTE_ARRAY", "UTF8", null, null, "OPTIONAL"], Column("nul")[..5]);
        AssertRow(["INT32", "DATE", null, null, "OPTIONAL"], Column("dt")[..5]);

        var meta = NodeInterop.DuckDb($"select row_group_id, path_in_schema, compression, encodings, stats_min_value, stats_max_value, stats_null_count, row_group_num_rows, type from parquet_metadata({NodeInterop.Sql(file)}) order by row_group_id, column_id");
        Assert.Equal(3 * ContractTable.Schema.Count, meta.Count);
        Assert.All(meta, row => Assert.Equal("SNAPPY", row[2]));
        Assert.All(meta, row => Assert.Equal("1000", row[7]));

        // Row group 1 holds rows 1000..1999: check the statistics against the formulas.
        string?[] I32(int g) => meta.Single(r => r[0] == g.ToString() && r[1] == "i32");
        Assert.Equal(ContractTable.Int32(1000).ToString(), I32(1)[4]);
        Assert.Equal(ContractTable.Int32(1999).ToString(), I32(1)[5]);
        var dec = meta.Single(r => r[0] == "1" && r[1] == "dec");
        Assert.Equal(Enumerable.Range(1000, 1000).Count(i => ContractTable.IsNull("dec", i)).ToString(), dec[6]);
        Assert.Equal(ContractTable.FormatUnscaled(ContractTable.DecimalUnscaled(1000 + (1000 % 6 == 1 ? 1 : 0)), 4), dec[4]);
        // dec7 (INT32) holds both signs: its min and max order as signed numbers.
        var dec7 = meta.Single(r => r[0] == "1" && r[1] == "dec7");
        var dec7Values = Enumerable.Range(1000, 1000).Where(i => !ContractTable.IsNull("dec7", i)).Select(i => ContractTable.Dec7Unscaled(i)).ToList();
        Assert.True(dec7Values.Min() < 0 && dec7Values.Max() > 0);
        AssertRow(["INT32", ContractTable.FormatUnscaled(dec7Values.Min(), 2), ContractTable.FormatUnscaled(dec7Values.Max(), 2), "250"],
            [dec7[8], dec7[4], dec7[5], dec7[6]]);
        Assert.Equal("INT64", dec[8]);
        Assert.Equal("FIXED_LEN_BYTE_ARRAY", meta.Single(r => r[0] == "1" && r[1] == "wide")[8]);
        // The all-null column: every row counted as null, no min or max.
        Assert.All(meta.Where(r => r[1] == "nul"), r => AssertRow([null, null, "1000"], r[4..7]));
        var s = meta.Single(r => r[0] == "0" && r[1] == "s");
        Assert.Contains("RLE_DICTIONARY", s[3]);
        var expectedMin = Enumerable.Range(0, 1000).Where(i => !ContractTable.IsNull("s", i)).Select(i => ContractTable.String(i))
            .Min(StringComparer.Ordinal);
        Assert.Equal(expectedMin, s[4]);
    }

    [Fact]
    public void DuckDb_reads_the_spark_schema_metadata()
    {
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        WriteTable(file, 10, new ParquetWriteOptions());
        var kv = NodeInterop.DuckDb($"select decode(key), decode(value) from parquet_kv_metadata({NodeInterop.Sql(file)})");
        var spark = Assert.Single(kv, r => r[0] == ParquetSchemaMapping.SparkSchemaKey);
        Assert.Contains("{\"name\":\"dec\",\"type\":\"decimal(15,4)\",\"nullable\":true,\"metadata\":{}}", spark[1]);
        Assert.Contains("{\"name\":\"i32\",\"type\":\"integer\",\"nullable\":false,\"metadata\":{}}", spark[1]);
    }

    [Fact]
    public void An_empty_table_is_a_valid_file()
    {
        using var dir = new TempDirectory();
        string file = dir.File("empty.parquet");
        WriteTable(file, 0, new ParquetWriteOptions());
        Assert.Equal([["0"]], NodeInterop.DuckDb($"select count(*) from read_parquet({NodeInterop.Sql(file)})"));
    }
}
