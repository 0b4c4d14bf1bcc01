using System.Text.Json;
using Kindling.Engine.Tests.Interop;
using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Compression;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>
/// Array columns are written as the standard 3-level LIST with repetition and definition levels: DuckDB and
/// Kindling's own reader read back every array (null arrays, empty arrays, null and empty elements) and sees the schema Spark writes.
/// </summary>
public sealed class ParquetListWriterInteropTests
{
    private static readonly ColumnType StringArray = ColumnType.Array(ColumnType.String);

    /// <summary>Row i: null every 7th, empty every 5th, else 1 + i % 4 elements, some null, some empty, some unicode.</summary>
    private static object?[]? Expected(int i)
    {
        if (i % 7 == 3) return null;
        if (i % 5 == 1) return [];
        return [.. Enumerable.Range(0, 1 + i % 4).Select(k => (i + k) % 11 == 0 ? null : (i + k) % 13 == 0 ? "" : $"v{i}-{k}{((i + k) % 6 == 0 ? "é東" : "")}")];
    }

    /// <summary>The JSON DuckDB's to_json gives for an expected array (strings quoted, null as null).</summary>
    private static string? Json(object?[]? array) =>
        array is null ? null : "[" + string.Join(",", array.Select(e => e is null ? "null" : JsonSerializer.Serialize((string)e, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))) + "]";

    private static void Write(string path, int rows, ParquetWriteOptions options, int batchRows, bool takenArrays = false)
    {
        var schema = new Schema([new Field("id", ColumnType.Int32), new Field("parts", StringArray)]);
        using var stream = File.Create(path);
        using var writer = new ParquetWriter(stream, schema, options);
        for (int first = 0; first < rows; first += batchRows)
        {
            int count = Math.Min(batchRows, rows - first);
            var ids = VectorFromObjects.Build(ColumnType.Int32, [.. Enumerable.Range(first, count).Cast<object?>()]);
            var parts = VectorFromObjects.Build(StringArray, [.. Enumerable.Range(first, count).Select(Expected)]);
            // Arrays taken out of order (as a sort or join hands them over) have a child that is not in row order.
            if (takenArrays) parts = VectorTake.Take(VectorTake.Take(parts, [.. Enumerable.Range(0, count).Reverse()]), [.. Enumerable.Range(0, count).Reverse()]);
            writer.WriteBatch(new ColumnBatch(schema, [ids, parts], count));
        }
    }

    public static TheoryData<string, bool, bool, bool> Variants => new()
    {
        { "snappy", true, false, false },
        { "none", false, false, true },
        { "zstd", true, true, false },
        { "gzip", false, true, true },
    };

    [Theory, MemberData(nameof(Variants))]
    public void DuckDb_reads_every_array(string codec, bool dictionary, bool pageV2, bool takenArrays)
    {
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        const int rows = 12_000;
        // Small pages and row groups: pages must end on row boundaries, and arrays straddle batch edges.
        Write(file, rows, new ParquetWriteOptions
        {
            Codec = CompressionCodecs.Parse(codec), UseDictionary = dictionary, DataPageV2 = pageV2, RowGroupRows = 5_000, PageBytes = 2 * 1024,
        }, batchRows: 777, takenArrays);

        var actual = NodeInterop.DuckDb($"select id, to_json(parts)::VARCHAR, len(parts) from read_parquet({NodeInterop.Sql(file)}) order by id");
        Assert.Equal(rows, actual.Count);
        for (int i = 0; i < rows; i++)
        {
            var expected = Expected(i);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), actual[i][0]);
            Assert.Equal(Json(expected), actual[i][1]);
            Assert.Equal(expected?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), actual[i][2]);
        }
    }

    [Fact]
    public void Schema_is_the_standard_three_level_list()
    {
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        Write(file, 10, new ParquetWriteOptions(), batchRows: 10);
        var schema = NodeInterop.DuckDb($"select name, repetition_type, converted_type, num_children from parquet_schema({NodeInterop.Sql(file)})");
        string Row(int i) => string.Join(" ", schema[i].Select(v => v ?? "-"));
        Assert.Equal(5, schema.Count);
        Assert.Equal("parts OPTIONAL LIST 1", Row(2));
        Assert.Equal("list REPEATED - 1", Row(3));
        Assert.Equal("element OPTIONAL UTF8 -", Row(4));
        var path = NodeInterop.DuckDb($"select path_in_schema from parquet_metadata({NodeInterop.Sql(file)}) where column_id = 1").Single()[0];
        Assert.Equal("parts, list, element", path);
        var sparkSchema = NodeInterop.DuckDb($"select decode(value) from parquet_kv_metadata({NodeInterop.Sql(file)}) where key = 'org.apache.spark.sql.parquet.row.metadata'").Single()[0];
        const string parts = "{\"name\":\"parts\",\"type\":{\"type\":\"array\",\"elementType\":\"string\",\"containsNull\":true},\"nullable\":true,\"metadata\":{}}";
        Assert.True(sparkSchema!.Contains(parts, StringComparison.Ordinal), sparkSchema);
    }

    [Theory, MemberData(nameof(Variants))]
    public void Our_reader_reads_every_array_back(string codec, bool dictionary, bool pageV2, bool takenArrays)
    {
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        const int rows = 6_000;
        Write(file, rows, new ParquetWriteOptions
        {
            Codec = CompressionCodecs.Parse(codec), UseDictionary = dictionary, DataPageV2 = pageV2, RowGroupRows = 2_500, PageBytes = 2 * 1024,
        }, batchRows: 777, takenArrays);
        var read = Kindling.Sql.SparkSession.Builder().GetOrCreate().Read().Parquet(file).Collect().ToList();
        Assert.Equal(rows, read.Count);
        foreach (var row in read)
        {
            var expected = Expected((int)row.Get(0)!);
            var actual = (System.Collections.ArrayList?)row.Get(1);
            Assert.Equal(Json(expected), actual is null ? null : Json([.. actual.Cast<object?>()]));
        }
    }
}
