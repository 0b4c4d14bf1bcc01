using Kindling.Sql;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>DataFrameReader/Writer over csv/json through engine-io's formats, partition discovery and write job.</summary>
public sealed class ReadWriteTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kindling-rw-" + Guid.NewGuid().ToString("N"));

    public ReadWriteTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static DataFrame Orders()
    {
        var schema = new StructType([
            new StructField("order_id", new LongType(), false),
            new StructField("dt", new StringType()),
            new StructField("qty", new IntegerType()),
            new StructField("price", new DecimalType(15, 4)),
        ]);
        return TestSession.Get().CreateDataFrame([
            new GenericRow([1L, "2024-03-01", 2, 10.5m]),
            new GenericRow([2L, "2024-03-01", 1, 3.25m]),
            new GenericRow([3L, "2024-03-02", 5, 1.0m]),
        ], schema);
    }

    [Fact]
    public void Csv_Round_Trip_With_Header_And_Schema()
    {
        var path = Path.Combine(_dir, "orders");
        Orders().Write().Option("header", true).Mode(SaveMode.Overwrite).Csv(path);
        Assert.True(File.Exists(Path.Combine(path, "_SUCCESS")));
        var back = TestSession.Get().Read().Option("header", true).Schema("order_id BIGINT, dt STRING, qty INT, price DECIMAL(15,4)").Csv(path);
        var rows = back.OrderBy("order_id").Collect().ToList();
        Assert.Equal([1L, 2L, 3L], rows.Select(r => (long)r.Get("order_id")));
        Assert.Equal(10.5m, rows[0].Get("price"));
        Assert.Equal(3, back.Count());
        Assert.Equal(8, back.Agg(Sum("qty")).First().GetAs<long>(0));
    }

    [Fact]
    public void Partitioned_Write_Then_Read_Prunes_Partitions()
    {
        var path = Path.Combine(_dir, "parts");
        Orders().Write().PartitionBy("dt").Option("header", "true").Csv(path);
        Assert.True(Directory.Exists(Path.Combine(path, "dt=2024-03-01")));
        var df = TestSession.Get().Read().Option("header", "true").Option("inferSchema", "true").Csv(path);
        Assert.Contains("dt", df.Columns());
        var day2 = df.Filter(Col("dt") == "2024-03-02");
        Assert.Equal(1, day2.Count());
        Assert.Contains("PartitionFilters", Kindling.Engine.DataFrameExtensions.ExplainString(day2));
        Assert.Equal(3, df.Select("order_id").Count());
    }

    [Fact]
    public void Dynamic_Partition_Overwrite_Keeps_Other_Partitions()
    {
        var path = Path.Combine(_dir, "dyn");
        Orders().Write().PartitionBy("dt").Option("header", "true").Csv(path);
        Orders().Filter(Col("dt") == "2024-03-02").WithColumn("qty", Lit(9)).Write()
            .Mode("overwrite").Option("partitionOverwriteMode", "dynamic").PartitionBy("dt").Option("header", "true").Csv(path);
        var df = TestSession.Get().Read().Option("header", "true").Schema("order_id BIGINT, qty INT, price DECIMAL(15,4)").Csv(path);
        var rows = df.OrderBy("order_id").Collect().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(9, rows[2].Get("qty"));
        Assert.Equal(2, rows[0].Get("qty"));
    }

    [Fact]
    public void Json_Round_Trip_And_Error_If_Exists()
    {
        var path = Path.Combine(_dir, "json");
        Orders().Select("order_id", "dt").Write().Json(path);
        Assert.ThrowsAny<Exception>(() => Orders().Write().Json(path));
        Orders().Write().Mode("ignore").Json(path);
        var back = TestSession.Get().Read().Json(path);
        Assert.Equal(3, back.Count());
    }

    [Fact]
    public void Parquet_Partitioned_Round_Trip_Keeps_Types_And_Snappy_Part_Names()
    {
        var path = Path.Combine(_dir, "pq");
        Orders().Write().PartitionBy("dt").Parquet(path);
        Assert.True(File.Exists(Path.Combine(path, "_SUCCESS")));
        var parts = Directory.GetFiles(Path.Combine(path, "dt=2024-03-01"), "part-*");
        Assert.NotEmpty(parts);
        Assert.All(parts, f => Assert.EndsWith(".snappy.parquet", f));
        var back = TestSession.Get().Read().Parquet(path);
        Assert.Equal(["order_id", "qty", "price", "dt"], back.Columns());
        var rows = back.OrderBy("order_id").Collect().ToList();
        Assert.Equal([1L, 2L, 3L], rows.Select(r => (long)r.Get("order_id")));
        Assert.Equal(3.25m, rows[1].Get("price"));
        Assert.Equal(5, rows[2].Get("qty"));
        Assert.Equal(1, back.Filter(Col("dt") == "2024-03-02").Count());
    }

    [Fact]
    public void Parquet_Column_Missing_From_Older_Files_Reads_As_Null()
    {
        var path = Path.Combine(_dir, "evolve");
        Orders().Select("order_id", "qty").Write().Option("compression", "zstd").Parquet(path);
        Assert.All(Directory.GetFiles(path, "part-*"), f => Assert.EndsWith(".zstd.parquet", f));
        var back = TestSession.Get().Read().Schema("order_id BIGINT, qty INT, note STRING").Parquet(path);
        var rows = back.OrderBy("order_id").Collect().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Get("note")));
    }

    [Fact]
    public void Parquet_Type_Conflict_And_Unknown_Codec_Are_Clear_Errors()
    {
        var path = Path.Combine(_dir, "conflict");
        Orders().Select("order_id").Write().Parquet(path);
        var e = Assert.ThrowsAny<Exception>(() => TestSession.Get().Read().Schema("order_id STRING").Parquet(path).Collect().ToList());
        Assert.Contains("order_id", e.ToString());
        var codec = Assert.ThrowsAny<Exception>(() => Orders().Write().Option("compression", "brotli").Parquet(Path.Combine(_dir, "codec")));
        Assert.Contains("brotli", codec.Message);
    }

    [Fact]
    public void Parquet_Filters_Are_Pushed_Into_The_Scan_And_Skip_Row_Groups()
    {
        var path = Path.Combine(_dir, "pushdown");
        TestSession.Get().Range(0, 10_000).WithColumn("bucket", Col("id") % 7)
            .Write().Option("parquet.block.size.rows", 1000).Parquet(path);
        var df = TestSession.Get().Read().Parquet(path).Filter((Col("id") >= 9_500L) & (Col("bucket") == 3L));
        string plan = Kindling.Engine.DataFrameExtensions.ExplainString(df);
        Assert.Contains("PushedFilters=[GreaterOrEqual(id, 9500), Equal(bucket, 3)]", plan);
        var ids = df.Collect().Select(r => (long)r.Get("id")).ToList();
        Assert.Equal(Enumerable.Range(9_500, 500).Where(i => i % 7 == 3).Select(i => (long)i), ids);

        // The format skips the row groups whose statistics rule the filter out: one of ten is read.
        var format = new Kindling.Formats.Parquet.ParquetFileFormat();
        string file = Directory.GetFiles(path, "*.parquet").Single();
        var schema = format.InferSchema([file], Kindling.Formats.FormatOptions.Default);
        var rows = format.Read(file, schema, null, Kindling.Formats.FormatOptions.Default, new Kindling.Execution.QueryContext(1),
            [new Kindling.Formats.ScanPredicate("id", Kindling.Formats.ScanPredicateOperator.GreaterOrEqual, 9_500L)]).Sum(b => b.RowCount);
        Assert.Equal(1000, rows);
    }
}
