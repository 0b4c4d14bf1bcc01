using Kindling.Engine.Tests.Interop;
using Kindling.Formats.Parquet;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>
/// List columns that DuckDB writes (its 3-level LIST, v1 and v2 pages, several codecs) and that Polars re-writes
/// with its own writer read in Kindling with the values of the formulas both were generated from: null lists,
/// empty lists, null elements, lists longer than a page, of every primitive type.
/// </summary>
public sealed class ParquetListReaderInteropTests
{
    private const int Rows = 4_000;

    /// <summary>Column name, DuckDB element expression of $v = i * 10 + k (row i, element k), the engine type, and the engine value of v.</summary>
    private static readonly (string Name, string Sql, ColumnType Type, Func<long, int, object> Value)[] Columns =
    [
        ("ints", "$v::INTEGER", ColumnType.Int32, (v, _) => (int)v),
        ("longs", "$v::BIGINT * 1000000007", ColumnType.Int64, (v, _) => v * 1_000_000_007L),
        ("doubles", "($v * 0.25)::DOUBLE", ColumnType.Float64, (v, _) => v * 0.25),
        ("bools", "($v + k) % 3 = 0", ColumnType.Boolean, (v, k) => (v + k) % 3 == 0),
        ("strings", "'s' || ($v % 97) || CASE WHEN $v % 5 = 0 THEN 'é東' ELSE '' END", ColumnType.String, (v, _) => $"s{v % 97}{(v % 5 == 0 ? "é東" : "")}"),
        ("dates", "DATE '2020-01-01' + ($v % 1000)::INTEGER", ColumnType.Date, (v, _) => 18_262 + (int)(v % 1000)),
        ("stamps", "TIMESTAMP '2020-01-01' + to_microseconds($v * 1000003)", ColumnType.Timestamp, (v, _) => 1_577_836_800_000_000L + v * 1_000_003L),
        ("decimals", "($v::DECIMAL(9,2) / 4)::DECIMAL(9,2)", ColumnType.Decimal(9, 2), (v, _) => v / 4m),
        ("wide", "($v::DECIMAL(30,4) * 1234567.125)::DECIMAL(30,4)", ColumnType.Decimal(30, 4), (v, _) => v * 1234567.125m),
    ];

    private static bool Polars(string name) => name is not ("decimals" or "wide" or "stamps");

    private static bool IsNullList(long i) => i % 7 == 3;
    private static bool IsEmpty(long i) => i % 5 == 1;
    private static long Length(long i) => i % 1000 == 0 ? 3_000 : i % 6 + 1;
    private static bool IsNullElement(long i, long k) => (i + k) % 4 == 0;

    private static string Select(Func<string, bool> include) =>
        "select i::INTEGER as id, " + string.Join(", ", Columns.Where(c => include(c.Name)).Select(c =>
            $"case when i % 7 = 3 then null when i % 5 = 1 then [] else list_transform(range(case when i % 1000 = 0 then 3000 else i % 6 + 1 end), " +
            $"k -> case when (i + k) % 4 = 0 then null else {c.Sql.Replace("$v", "(i * 10 + k)")} end) end as {c.Name}")) +
        $" from range({Rows}) t(i)";

    private static object? Expected(int column, long i)
    {
        var (_, _, type, value) = Columns[column];
        if (IsNullList(i)) return null;
        var list = IsEmpty(i) ? [] : Enumerable.Range(0, (int)Length(i)).Select(k => IsNullElement(i, k) ? null : value(i * 10 + k, k)).ToArray();
        return VectorFromObjects.Build(ColumnType.Array(type), [list]).GetObject(0);
    }

    private static void AssertFile(string path, Func<string, bool> include)
    {
        using var reader = ParquetFileReader.Open(path);
        var columns = Enumerable.Range(0, Columns.Length).Where(c => include(Columns[c].Name)).ToArray();
        foreach (int c in columns) Assert.Equal(ColumnType.Array(Columns[c].Type), reader.Schema[reader.Schema.IndexOfOrThrow(Columns[c].Name)].Type);
        var rows = Kindling.Engine.Tests.TestSupport.Rows.Of(reader.ReadBatches(batchRows: 333));
        Assert.Equal(Rows, rows.Count);
        foreach (var row in rows)
        {
            long i = Convert.ToInt64(row[reader.Schema.IndexOfOrThrow("id")]);
            foreach (int c in columns)
            {
                var expected = (object?[]?)Expected(c, i);
                var actual = (object?[]?)row[reader.Schema.IndexOfOrThrow(Columns[c].Name)];
                Assert.True(expected is null ? actual is null : actual is not null && expected.SequenceEqual(actual),
                    $"row {i} column {Columns[c].Name}: {Show(actual)} instead of {Show(expected)}");
            }
        }
    }

    private static string Show(object?[]? list) => list is null ? "null" : $"[{string.Join(", ", list.Take(8).Select(v => v ?? "null"))}{(list.Length > 8 ? ", ..." : "")}] ({list.Length})";

    private static string DuckDbFile(TempDirectory dir, string compression, string version, Func<string, bool> include)
    {
        string path = dir.File($"duck-{compression}-{version}.parquet");
        NodeInterop.DuckDb($"copy ({Select(include)}) to {NodeInterop.Sql(path)} (format parquet, compression '{compression}', parquet_version '{version}', row_group_size 1500)");
        return path;
    }

    [Theory]
    [InlineData("snappy", "V1")]
    [InlineData("zstd", "V2")]
    [InlineData("uncompressed", "V1")]
    [InlineData("gzip", "V2")]
    public void Reads_lists_DuckDb_writes(string compression, string version)
    {
        using var dir = new TempDirectory();
        AssertFile(DuckDbFile(dir, compression, version, _ => true), _ => true);
    }

    [Theory]
    [InlineData("zstd")]
    [InlineData("snappy")]
    [InlineData("uncompressed")]
    public void Reads_lists_Polars_writes(string compression)
    {
        using var dir = new TempDirectory();
        string duck = DuckDbFile(dir, "snappy", "V1", Polars), theirs = dir.File("polars.parquet");
        NodeInterop.Script("polars-rewrite.mjs", duck, theirs, compression, "1500");
        AssertFile(theirs, Polars);
    }
}
