using Kindling.Formats;
using System.Globalization;
using Kindling.Engine.Tests.Interop;
using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Compression;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>
/// The reader returns exactly the formula values of <see cref="ContractTable"/>, from files written by
/// Kindling and re-written by DuckDB and Polars with their own encodings and codecs.
/// </summary>
public sealed class ParquetReaderTests
{
    private const int Rows = 12_345;

    private static void WriteTable(string path, ParquetWriteOptions options, int rows = Rows)
    {
        using var stream = File.Create(path);
        using var writer = new ParquetWriter(stream, ContractTable.Schema, options);
        for (int first = 0; first < rows; first += 4_000)
            writer.WriteBatch(ContractTable.Batch(first, Math.Min(4_000, rows - first)));
    }

    /// <summary>Row i's value of a column as the CLR object <see cref="ColumnVector.GetObject"/> returns.</summary>
    private static object? Expected(string column, long i)
    {
        if (ContractTable.IsNull(column, i)) return null;
        return column switch
        {
            "b" => ContractTable.Bool(i),
            "i32" => ContractTable.Int32(i),
            "i64" => ContractTable.Int64(i),
            "f" => ContractTable.Float(i),
            "d" => ContractTable.Double(i),
            "s" => ContractTable.String(i),
            "dt" => TemporalConstants.FromEpochDays(ContractTable.DateDays(i)),
            "ts" => TemporalConstants.FromEpochMicros(ContractTable.TimestampMicros(i)),
            "dec" => decimal.Parse(ContractTable.FormatUnscaled(ContractTable.DecimalUnscaled(i), 4), CultureInfo.InvariantCulture),
            "wide" => decimal.Parse(ContractTable.FormatUnscaled(ContractTable.WideUnscaled(i), 10), CultureInfo.InvariantCulture),
            "dec7" => decimal.Parse(ContractTable.FormatUnscaled(ContractTable.Dec7Unscaled(i), 2), CultureInfo.InvariantCulture),
            _ => throw new ArgumentException(column),
        };
    }

    private static void AssertTable(string path, int rows = Rows, string[]? columns = null, int batchRows = ParquetFileReader.DefaultBatchRows)
    {
        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(rows, reader.RowCount);
        columns ??= ContractTable.Names;
        var indices = columns.Select(c => reader.Schema.IndexOfOrThrow(c)).ToArray();
        long row = 0;
        foreach (var batch in reader.ReadBatches(indices, batchRows: batchRows))
        {
            Assert.InRange(batch.RowCount, 1, batchRows);
            for (int c = 0; c < columns.Length; c++)
            {
                var vector = batch[c];
                for (int r = 0; r < batch.RowCount; r++)
                {
                    var expected = Expected(columns[c], row + r);
                    var actual = vector.GetObject(r);
                    if (!Equals(expected, actual))
                        Assert.Fail($"{Path.GetFileName(path)} row {row + r} column {columns[c]}: expected {expected ?? "null"}, got {actual ?? "null"}");
                }
            }
            row += batch.RowCount;
        }
        Assert.Equal(rows, row);
    }

    [Theory]
    [InlineData("snappy", true, false)]
    [InlineData("snappy", false, true)]
    [InlineData("gzip", true, true)]
    [InlineData("zstd", false, false)]
    [InlineData("lz4_raw", true, false)]
    [InlineData("none", false, false)]
    public void Reads_back_what_it_writes(string codec, bool dictionary, bool pageV2)
    {
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        WriteTable(file, new ParquetWriteOptions { Codec = CompressionCodecs.Parse(codec), UseDictionary = dictionary, DataPageV2 = pageV2, RowGroupRows = 5_000, PageBytes = 8 * 1024 });
        AssertTable(file);
    }

    [Theory]
    [InlineData(1, true, false)]
    [InlineData(777, true, true)]
    [InlineData(1000, false, false)]
    [InlineData(5000, true, false)]
    [InlineData(70_000, false, true)]
    public void Batches_Split_Row_Groups_And_Pages_Anywhere(int batchRows, bool dictionary, bool pageV2)
    {
        // Row groups of 5,000 rows and pages of about 2 KiB: batch edges fall inside pages and row groups,
        // and string columns switch from dictionary codes to plain values where the dictionary fills up.
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        WriteTable(file, new ParquetWriteOptions { UseDictionary = dictionary, DictionaryLimitBytes = 16 * 1024, DataPageV2 = pageV2, RowGroupRows = 5_000, PageBytes = 2 * 1024 });
        AssertTable(file, batchRows: batchRows);
    }

    [Theory]
    [InlineData("snappy", "V1")]
    [InlineData("zstd", "V2")]
    [InlineData("gzip", "V1")]
    [InlineData("uncompressed", "V2")]
    [InlineData("lz4_raw", "V1")]
    public void Reads_files_DuckDb_writes(string compression, string version)
    {
        using var dir = new TempDirectory();
        string ours = dir.File("ours.parquet"), theirs = dir.File("duck.parquet");
        WriteTable(ours, new ParquetWriteOptions());
        NodeInterop.DuckDb($"copy (select * from read_parquet({NodeInterop.Sql(ours)})) to {NodeInterop.Sql(theirs)} " +
            $"(format parquet, compression '{compression}', parquet_version '{version}', row_group_size 4096)");
        var encodings = NodeInterop.DuckDb($"select distinct encodings from parquet_metadata({NodeInterop.Sql(theirs)})").Select(r => r[0]).ToList();
        if (version == "V2") Assert.Contains(encodings, e => e!.Contains("DELTA"));
        AssertTable(theirs);
    }

    [Theory]
    [InlineData("zstd")]
    [InlineData("snappy")]
    [InlineData("gzip")]
    [InlineData("lz4")]
    [InlineData("uncompressed")]
    public void Reads_files_Polars_writes(string compression)
    {
        using var dir = new TempDirectory();
        string ours = dir.File("ours.parquet"), theirs = dir.File("polars.parquet");
        WriteTable(ours, new ParquetWriteOptions());
        NodeInterop.Script("polars-rewrite.mjs", ours, theirs, compression, "5000");
        AssertTable(theirs);
    }

    [Fact]
    public void Reads_only_the_columns_asked_for()
    {
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        WriteTable(file, new ParquetWriteOptions());
        AssertTable(file, columns: ["wide", "s", "i32"]);
        using var reader = ParquetFileReader.Open(file);
        var batch = reader.ReadRowGroup(0, [5]);
        Assert.Equal(1, batch.ColumnCount);
        Assert.Equal("s", batch.Schema[0].Name);
    }

    [Fact]
    public void Skips_row_groups_whose_statistics_exclude_the_filter()
    {
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        WriteTable(file, new ParquetWriteOptions { RowGroupRows = 1_000 });
        using var reader = ParquetFileReader.Open(file);
        Assert.Equal(13, reader.RowGroupCount);
        // i32 = 7i - 1000 rises with i: rows 2000..2999 hold 13000..19993.
        var inGroup2 = new[] { new ParquetPredicate("i32", ScanPredicateOperator.Equal, 15_000L) };
        Assert.Equal([2], Enumerable.Range(0, reader.RowGroupCount).Where(g => reader.RowGroupMayMatch(g, inGroup2)));
        var above = new[] { new ParquetPredicate("i32", ScanPredicateOperator.Greater, (long)ContractTable.Int32(10_999)) };
        Assert.Equal([11, 12], Enumerable.Range(0, reader.RowGroupCount).Where(g => reader.RowGroupMayMatch(g, above)));
        var batches = reader.ReadBatches([1], above).ToList();
        Assert.Equal(Rows - 11_000, batches.Sum(b => b.RowCount));
        // Strings compare as unsigned bytes; no value starts with 'z'.
        Assert.Equal(0, Enumerable.Range(0, reader.RowGroupCount).Count(g => reader.RowGroupMayMatch(g, [new ParquetPredicate("s", ScanPredicateOperator.GreaterOrEqual, "z")])));
        Assert.Equal(13, Enumerable.Range(0, reader.RowGroupCount).Count(g => reader.RowGroupMayMatch(g, [new ParquetPredicate("b", ScanPredicateOperator.IsNull)])));
        Assert.Equal(0, Enumerable.Range(0, reader.RowGroupCount).Count(g => reader.RowGroupMayMatch(g, [new ParquetPredicate("i32", ScanPredicateOperator.IsNull)])));
    }

    [Fact]
    public void An_abandoned_scan_leaves_the_reader_usable_and_a_new_scan_starts_over()
    {
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        WriteTable(file, new ParquetWriteOptions { RowGroupRows = 1_000 });
        using var reader = ParquetFileReader.Open(file);
        // Stop after two batches while later ones are still being decoded ahead.
        var first = reader.ReadBatches(batchRows: 100).Take(2).ToList();
        Assert.Equal(200, first.Sum(b => b.RowCount));
        Assert.Equal(Rows, reader.ReadBatches(batchRows: 333).Sum(b => b.RowCount));
        var again = reader.ReadBatches([2], batchRows: 100).First();
        Assert.Equal(((PrimitiveVector<long>)first[0][2]).Values.ToArray(), ((PrimitiveVector<long>)again[0]).Values.ToArray());
    }

    [Theory]
    [InlineData("[[1, 2]]", "a list of lists")]
    [InlineData("{'a': 1}", "a struct")]
    [InlineData("map {'a': 1}", "a map")]
    [InlineData("[{'a': 1}]", "a list of structs")]
    public void Rejects_nested_columns_naming_them(string value, string what)
    {
        using var dir = new TempDirectory();
        string file = dir.File("nested.parquet");
        NodeInterop.DuckDb($"copy (select 1 as id, {value} as tags) to {NodeInterop.Sql(file)} (format parquet)");
        var e = Assert.Throws<NotSupportedException>(() => ParquetFileReader.Open(file));
        Assert.Contains("'tags'", e.Message);
        Assert.Contains(what, e.Message);
        Assert.Contains(file, e.Message);
    }
}
