using Kindling.Engine;
using Kindling.Sql;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

public class DataFrameBasicsTests
{
    private static DataFrame People()
    {
        var schema = new StructType([
            new StructField("name", new StringType()),
            new StructField("age", new IntegerType()),
            new StructField("salary", new DoubleType()),
        ]);
        return TestSession.Get().CreateDataFrame([
            new GenericRow(["alice", 30, 1000.5]),
            new GenericRow(["bob", 25, null!]),
            new GenericRow(["carol", null!, 2000.0]),
            new GenericRow(["dave", 41, 1500.25]),
        ], schema);
    }

    [Fact]
    public void Range_Count_And_Collect()
    {
        var df = TestSession.Get().Range(0, 10, 3);
        Assert.Equal(4, df.Count());
        Assert.Equal([0L, 3L, 6L, 9L], df.Collect().Select(r => r.GetAs<long>("id")));
        Assert.Equal(["id"], df.Columns());
        Assert.Equal("bigint", df.Schema().Fields[0].DataType.SimpleString);
        Assert.False(df.Schema().Fields[0].IsNullable);
    }

    [Fact]
    public void Range_NegativeStep_And_Empty()
    {
        var s = TestSession.Get();
        Assert.Equal([5L, 3L, 1L], s.Range(5, 0, -2).Collect().Select(r => (long)r[0]));
        Assert.Equal(0, s.Range(5, 5).Count());
        Assert.Equal(100_000, s.Range(100_000).Count());
    }

    [Fact]
    public void Select_Filter_WithColumn()
    {
        var df = People()
            .Filter(Col("age") > 26)
            .WithColumn("age2", Col("age") * 2)
            .Select(Col("name"), Col("age2"), (Col("salary") / 2).Alias("half"));
        var rows = df.Collect().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("alice", rows[0].GetAs<string>("name"));
        Assert.Equal(60, rows[0].GetAs<int>("age2"));
        Assert.Equal(500.25, rows[0].GetAs<double>("half"));
        Assert.Equal("dave", rows[1].Get(0));
        Assert.Equal(82, rows[1].Get(1));
        Assert.Equal(750.125, rows[1].Get(2));
    }

    [Fact]
    public void Filter_NullConditionDropsRow_AndThreeValuedLogic()
    {
        // carol's age is null: age > 26 is null, which Filter drops; OR true keeps her.
        Assert.Equal(2, People().Filter(Col("age") > 26).Count());
        Assert.Equal(4, People().Filter((Col("age") > 26) | Lit(true)).Count());
        Assert.Equal(0, People().Filter((Col("age") > 26) & Lit(false)).Count());
        Assert.Equal(["carol"], People().Filter(Col("age").IsNull()).Collect().Select(r => (string)r[0]));
        Assert.Equal(1, People().Filter(!(Col("age") > 26)).Count()); // NOT null is null: only bob
    }

    [Fact]
    public void WithColumn_ReplacesExistingColumn_InPlace()
    {
        var df = People().WithColumn("AGE", Col("age") + 1);
        Assert.Equal(["name", "AGE", "salary"], df.Columns());
        Assert.Equal(31, df.First().Get(1));
    }

    [Fact]
    public void Default_Names_Follow_Spark()
    {
        var df = People().Select(Col("age") + 1, Lit(5), Upper(Col("name")), Col("salary").Cast("int"));
        Assert.Equal(["(age + 1)", "5", "upper(name)", "CAST(salary AS INT)"], df.Columns());
    }

    [Fact]
    public void Show_Matches_Spark_Format()
    {
        var text = People().ShowString();
        var expected =
            "+-----+----+-------+\n" +
            "| name| age| salary|\n" +
            "+-----+----+-------+\n" +
            "|alice|  30| 1000.5|\n" +
            "|  bob|  25|   null|\n" +
            "|carol|null| 2000.0|\n" +
            "| dave|  41|1500.25|\n" +
            "+-----+----+-------+\n";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Show_Truncates_And_Reports_More_Rows()
    {
        var schema = new StructType([new StructField("s", new StringType())]);
        var df = TestSession.Get().CreateDataFrame([new GenericRow(["abcdefghijklmnopqrstuvwxyz"]), new GenericRow(["x"])], schema);
        var text = df.ShowString(1);
        var expected =
            "+--------------------+\n" +
            "|                   s|\n" +
            "+--------------------+\n" +
            "|abcdefghijklmnopq...|\n" +
            "+--------------------+\n" +
            "only showing top 1 row\n";
        Assert.Equal(expected, text);
        var full = df.ShowString(20, 0);
        Assert.Contains("|abcdefghijklmnopqrstuvwxyz|\n|x                         |\n", full);
    }

    [Fact]
    public void PrintSchema_Tree()
    {
        Assert.Equal("root\n |-- name: string (nullable = true)\n |-- age: integer (nullable = true)\n |-- salary: double (nullable = true)\n", People().SchemaTreeString());
    }

    [Fact]
    public void Limit_Union_Drop_Rename()
    {
        var s = TestSession.Get();
        var u = s.Range(3).Union(s.Range(10, 12));
        Assert.Equal([0L, 1L, 2L, 10L, 11L], u.Collect().Select(r => (long)r[0]));
        Assert.Equal(2, u.Limit(2).Count());
        var p = People().Drop("salary", "nope").WithColumnRenamed("name", "who");
        Assert.Equal(["who", "age"], p.Columns());
    }

    [Fact]
    public void Unknown_Column_Lists_Valid_Ones()
    {
        var ex = Assert.ThrowsAny<InvalidOperationException>(() => People().Select(Col("agee")));
        Assert.Contains("`agee`", ex.Message);
        Assert.Contains("`name`, `age`, `salary`", ex.Message);
    }

    [Fact]
    public void Column_Lookup_Is_Case_Insensitive()
    {
        Assert.Equal(30, People().Select(Col("AGE")).First().Get(0));
        Assert.Equal(30, People()["Age"] is var c ? People().Select(Col("age")).First().Get(0) : null);
    }

    [Fact]
    public void Explain_Prints_All_Plans()
    {
        var text = People().Filter(Col("age") > 1).Select("name").ExplainString();
        Assert.Contains("== Analyzed Logical Plan ==", text);
        Assert.Contains("== Optimized Logical Plan ==", text);
        Assert.Contains("== Physical Plan ==", text);
        Assert.Contains("Filter", text);
    }

    [Fact]
    public void Cache_Materializes_Once()
    {
        var df = People().Filter(Col("age") > 26);
        df.Cache();
        Assert.Equal(2, df.Count());
        Assert.Contains("LocalRelation", df.ExplainString());
        df.Unpersist();
        Assert.DoesNotContain("LocalRelation [name", df.ExplainString().Split("== Optimized")[0].Split('\n')[1]);
    }

    [Fact]
    public void Session_Is_Shared_Until_Stopped()
    {
        var a = SparkSession.Builder().GetOrCreate();
        var b = SparkSession.Builder().Config("spark.kindling.memoryLimit", "1g").GetOrCreate();
        Assert.Same(a, b);
    }
}

public class ShowFormattingTests
{
    [Fact]
    public void Show_Formats_Each_Type_Like_Spark()
    {
        var schema = new StructType([
            new StructField("d", new DecimalType(15, 4)),
            new StructField("dt", new DateType()),
            new StructField("ts", new TimestampType()),
            new StructField("b", new BooleanType()),
            new StructField("f", new FloatType()),
            new StructField("l", new LongType()),
        ]);
        var df = TestSession.Get().CreateDataFrame([
            new GenericRow([10.5m, new Date(2024, 3, 1), new Timestamp(new DateTime(2024, 3, 1, 13, 5, 22, DateTimeKind.Utc)), true, 1.5f, 12345678901L]),
        ], schema);
        var expected =
            "+-------+----------+-------------------+----+---+-----------+\n" +
            "|      d|        dt|                 ts|   b|  f|          l|\n" +
            "+-------+----------+-------------------+----+---+-----------+\n" +
            "|10.5000|2024-03-01|2024-03-01 13:05:22|true|1.5|12345678901|\n" +
            "+-------+----------+-------------------+----+---+-----------+\n";
        Assert.Equal(expected, df.ShowString());
        var row = df.First();
        Assert.Equal(10.5m, row.GetAs<decimal>("d"));
        Assert.Equal(new DateTime(2024, 3, 1), row.GetAs<Date>("dt").ToDateTime());
        Assert.Equal(12345678901L, row.GetAs<long>(5));
    }

    [Fact]
    public void Show_Vertical()
    {
        var df = TestSession.Get().Range(2).WithColumn("name", Lit("x"));
        var expected =
            "-RECORD 0---\n" +
            " id   | 0   \n" +
            " name | x   \n" +
            "-RECORD 1---\n" +
            " id   | 1   \n" +
            " name | x   \n";
        Assert.Equal(expected, df.ShowString(20, 20, vertical: true));
    }
}

public class MissingReferenceTests
{
    [Fact]
    public void OrderBy_And_Filter_On_A_Column_The_Select_Dropped()
    {
        var df = TestSession.Get().Range(5).WithColumn("neg", Col("id") * -1);
        var sorted = df.Select("id").OrderBy("neg");
        Assert.Equal(["id"], sorted.Columns());
        Assert.Equal([4L, 3L, 2L, 1L, 0L], sorted.Collect().Select(r => (long)r[0]));
        var filtered = df.Select("id").Filter(Col("neg") < -2);
        Assert.Equal(["id"], filtered.Columns());
        Assert.Equal([3L, 4L], filtered.Collect().Select(r => (long)r[0]));
        Assert.ThrowsAny<InvalidOperationException>(() => df.Select("id").Filter(Col("nope") > 1));
    }
}
