using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Compression;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Parquet.Reader;

/// <summary>
/// Array columns written by Kindling's writer read back row for row: null lists, empty lists, null elements,
/// lists longer than a page, in v1 and v2 pages, dictionary and PLAIN, under several codecs, in windows that
/// cut the file anywhere, whole row groups, and with only some columns read.
/// </summary>
public sealed class ColumnChunkReaderListsTests
{
    private const int Rows = 3_000;

    private static ColumnType ElementType(string name) => name switch
    {
        "int" => ColumnType.Int32,
        "long" => ColumnType.Int64,
        "float" => ColumnType.Float32,
        "double" => ColumnType.Float64,
        "bool" => ColumnType.Boolean,
        "string" => ColumnType.String,
        "date" => ColumnType.Date,
        "timestamp" => ColumnType.Timestamp,
        "decimal9" => ColumnType.Decimal(9, 2),
        "decimal18" => ColumnType.Decimal(18, 4),
        "decimal30" => ColumnType.Decimal(30, 5),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Element k of row i, as a value VectorFromObjects takes; repeats often, so dictionaries pay off.</summary>
    private static object? Element(string type, int i, int k)
    {
        if ((i + k) % 11 == 4) return null;
        int v = (i * 7 + k * 3) % 50 - 20;
        return type switch
        {
            "int" => v,
            "long" => v * 1_000_000_007L,
            "float" => v * 0.5f,
            "double" => v * 0.25,
            "bool" => v % 3 == 0,
            "string" => v % 13 == 0 ? "" : $"s{v}{(v % 4 == 0 ? "é東" : "")}",
            "date" => 18_000 + v,
            "timestamp" => 1_600_000_000_000_000L + v * 1_000_003L,
            "decimal9" => v * 1.25m,
            "decimal18" => v * 12_345.6789m,
            "decimal30" => v * 123_456_789_012.34567m,
            _ => throw new ArgumentException(type),
        };
    }

    /// <summary>Row i: null every 7th, empty every 5th, a 2,500-element list every 997th (longer than a page), else 1..8 elements.</summary>
    private static object?[]? List(string type, int i)
    {
        if (i % 7 == 3) return null;
        if (i % 5 == 1) return [];
        int length = i % 997 == 0 ? 2_500 : 1 + i % 8;
        return [.. Enumerable.Range(0, length).Select(k => Element(type, i, k))];
    }

    private static Schema SchemaOf(string type) =>
        new([new Field("id", ColumnType.Int32, Nullable: false), new Field("xs", ColumnType.Array(ElementType(type))), new Field("tail", ColumnType.String)]);

    private static ColumnBatch Batch(string type, int first, int count)
    {
        var schema = SchemaOf(type);
        var ids = VectorFromObjects.Build(ColumnType.Int32, [.. Enumerable.Range(first, count).Cast<object?>()]);
        var lists = VectorFromObjects.Build(schema[1].Type, [.. Enumerable.Range(first, count).Select(i => List(type, i))]);
        var tails = VectorFromObjects.Build(ColumnType.String, [.. Enumerable.Range(first, count).Select(i => (object?)$"t{i}")]);
        return new ColumnBatch(schema, [ids, lists, tails], count);
    }

    private static string Write(TempDirectory dir, string type, ParquetWriteOptions options)
    {
        string path = dir.File("lists.parquet");
        using var stream = File.Create(path);
        using var writer = new ParquetWriter(stream, SchemaOf(type), options);
        for (int first = 0; first < Rows; first += 700) writer.WriteBatch(Batch(type, first, Math.Min(700, Rows - first)));
        return path;
    }

    /// <summary>The values VectorFromObjects gives for row i, as GetObject returns them (the reference).</summary>
    private static object? Expected(string type, int i) =>
        VectorFromObjects.Build(ColumnType.Array(ElementType(type)), [List(type, i)]).GetObject(0);

    private static void AssertRows(string type, IEnumerable<ColumnBatch> batches, int listColumn, int idColumn = -1)
    {
        int row = 0;
        foreach (var batch in batches)
        {
            var lists = Assert.IsType<ListVector>(batch[listColumn]);
            for (int r = 0; r < batch.RowCount; r++, row++)
            {
                if (idColumn >= 0) Assert.Equal(row, batch[idColumn].GetObject(r));
                Assert.True(Equals(Expected(type, row), lists.GetObject(r)) || Same(Expected(type, row), lists.GetObject(r)),
                    $"row {row}: {Show(lists.GetObject(r))} instead of {Show(Expected(type, row))}");
            }
        }
        Assert.Equal(Rows, row);
    }

    private static bool Same(object? expected, object? actual) =>
        expected is object?[] e && actual is object?[] a && e.SequenceEqual(a);

    private static string Show(object? list) => list is object?[] a ? $"[{string.Join(", ", a.Select(v => v ?? "null"))}]" : "null";

    public static TheoryData<string, string, bool, bool> Variants => new()
    {
        { "int", "none", true, false },
        { "int", "snappy", false, true },
        { "long", "zstd", true, true },
        { "float", "gzip", false, false },
        { "double", "lz4_raw", true, false },
        { "bool", "snappy", false, true },
        { "string", "snappy", true, false },
        { "string", "zstd", true, true },
        { "string", "none", false, false },
        { "date", "gzip", true, true },
        { "timestamp", "snappy", false, false },
        { "decimal9", "snappy", true, false },
        { "decimal18", "zstd", false, true },
        { "decimal30", "snappy", true, true },
    };

    [Theory, MemberData(nameof(Variants))]
    public void Round_trips_in_windows_that_cut_anywhere(string type, string codec, bool dictionary, bool pageV2)
    {
        using var dir = new TempDirectory();
        string path = Write(dir, type, new ParquetWriteOptions
        {
            Codec = CompressionCodecs.Parse(codec), UseDictionary = dictionary, DataPageV2 = pageV2, PageBytes = 1024, RowGroupRows = 1_300,
        });
        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(ColumnType.Array(ElementType(type)), reader.Schema[1].Type);
        Assert.True(reader.Schema[1].Nullable);
        AssertRows(type, reader.ReadBatches(batchRows: 97), listColumn: 1, idColumn: 0);
    }

    [Theory]
    [InlineData("string")]
    [InlineData("long")]
    public void Reads_whole_row_groups(string type)
    {
        using var dir = new TempDirectory();
        string path = Write(dir, type, new ParquetWriteOptions { PageBytes = 2048, RowGroupRows = 1_000 });
        using var reader = ParquetFileReader.Open(path);
        AssertRows(type, Enumerable.Range(0, reader.RowGroupCount).Select(g => reader.ReadRowGroup(g)), listColumn: 1, idColumn: 0);
    }

    [Fact]
    public void Reads_only_the_requested_columns()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "string", new ParquetWriteOptions { PageBytes = 1024 });
        using var reader = ParquetFileReader.Open(path);
        AssertRows("string", reader.ReadBatches([1], batchRows: 500), listColumn: 0);
        var tails = Kindling.Engine.Tests.TestSupport.Rows.Of(reader.ReadBatches([2, 0]));
        Assert.Equal(Rows, tails.Count);
        Assert.Equal(["t2999", 2999], tails[^1]);
    }

    /// <summary>Statistics of a list's leaf count elements: a null count above the row count must not prune IS NOT NULL.</summary>
    [Fact]
    public void Statistics_filters_ignore_list_columns()
    {
        using var dir = new TempDirectory();
        string path = dir.File("nulls.parquet");
        var schema = new Schema([new Field("xs", ColumnType.Array(ColumnType.Int32))]);
        using (var stream = File.Create(path))
        using (var writer = new ParquetWriter(stream, schema, new ParquetWriteOptions()))
            writer.WriteBatch(new ColumnBatch(schema, [VectorFromObjects.Build(schema[0].Type, [new object?[] { null, null, null }, Array.Empty<object?>()])], 2));
        using var reader = ParquetFileReader.Open(path);
        Assert.True(reader.RowGroupMayMatch(0, [new ParquetPredicate("xs", Kindling.Formats.ScanPredicateOperator.IsNotNull)]));
        Assert.Equal(2, Kindling.Engine.Tests.TestSupport.Rows.Of(reader.ReadBatches(predicates: [new ParquetPredicate("xs", Kindling.Formats.ScanPredicateOperator.IsNotNull)])).Count);
    }
}
