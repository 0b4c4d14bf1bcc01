using System.Collections;
using Kindling.Plan;
using Kindling.Sql;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>
/// Array columns end to end through the public API: Functions.Split and the SQL array functions, arrays carried
/// through every operator, and how Show, Collect, Schema and the writers present them. Expected values are
/// worked out by hand from Spark's documented behaviour.
/// </summary>
public sealed class ArrayColumnTests
{
    private static DataFrame Lines() => TestSession.Get().CreateDataFrame(
    [
        new GenericRow([1, "a,b,,c"]),
        new GenericRow([2, null]),
        new GenericRow([3, ""]),
        new GenericRow([4, "x,y,"]),
    ], new StructType([new StructField("id", new IntegerType()), new StructField("s", new StringType())]));

    private static DataFrame Parts() => Lines().Select(Col("id"), Split(Col("s"), ",").As("parts"));

    private static List<object?> Column(DataFrame df, int index = 0) => [.. df.Collect().Select(r => r.Get(index))];

    private static ArrayList List(params object?[] values) => new(values);

    [Fact]
    public void Split_gives_spark_3_arrays_and_null_for_null()
    {
        var values = Column(Parts().OrderBy("id"), 1);
        Assert.Equal(4, values.Count);
        Assert.Equal(List("a", "b", "", "c"), values[0]);
        Assert.Null(values[1]);
        Assert.Equal(List(""), values[2]);
        Assert.Equal(List("x", "y", ""), values[3]);
    }

    [Fact]
    public void Collect_returns_an_array_list_like_microsoft_spark_and_get_as_gives_typed_arrays()
    {
        var row = Parts().Filter(Col("id") == 1).First();
        var parts = Assert.IsType<ArrayList>(row.Get("parts"));
        Assert.Equal(new object[] { "a", "b", "", "c" }, parts.ToArray());
        Assert.Equal(["a", "b", "", "c"], row.GetAs<string[]>("parts"));
        Assert.Equal("[1,[a, b, , c]]", row.ToString());
    }

    [Fact]
    public void Schema_reports_array_of_string_and_print_schema_shows_the_element()
    {
        var field = Parts().Schema().Fields[1];
        var type = Assert.IsType<ArrayType>(field.DataType);
        Assert.IsType<StringType>(type.ElementType);
        Assert.True(type.ContainsNull);
        Assert.Equal("array<string>", type.SimpleString);
        Assert.Equal("root\n |-- id: integer (nullable = true)\n |-- parts: array (nullable = true)\n |    |-- element: string (containsNull = true)\n",
            Parts().Schema().TreeString());
        Assert.Equal("split(s, ,, -1)", Lines().Select(Split(Col("s"), ",")).Columns()[0]);
    }

    [Fact]
    public void Show_prints_arrays_like_spark()
    {
        // Row 3 is [""]: an array of one empty string shows as "[]".
        var expected =
            "+---+-----------+\n" +
            "| id|      parts|\n" +
            "+---+-----------+\n" +
            "|  1|[a, b, , c]|\n" +
            "|  2|       null|\n" +
            "|  3|         []|\n" +
            "|  4|   [x, y, ]|\n" +
            "+---+-----------+\n";
        Assert.Equal(expected, Parts().OrderBy("id").ShowString(20, 20, false));
    }

    [Fact]
    public void Cast_to_string_uses_sparks_bracket_form_with_null_elements()
    {
        var df = TestSession.Get().CreateDataFrame([new GenericRow([new object?[] { "a", null, "" }]), new GenericRow([null])],
            new StructType([new StructField("arr", new ArrayType(new StringType()))]));
        Assert.Equal(["[a, null, ]", null], Column(df.Select(Col("arr").Cast("string"))));
    }

    [Fact]
    public void Sql_array_functions_follow_spark()
    {
        var df = Lines().SelectExpr("id", "split(s, ',') AS p").OrderBy("id");
        Assert.Equal([4, -1, 1, 3], Column(df.SelectExpr("size(p)")));
        Assert.Equal(["a", null, "", "x"], Column(df.SelectExpr("element_at(p, 1)")));
        Assert.Equal(["c", null, "", ""], Column(df.SelectExpr("element_at(p, -1)")));
        Assert.Equal([null, null, null, null], Column(df.SelectExpr("element_at(p, 5)")));
        Assert.Equal(["b", null, null, "y"], Column(df.SelectExpr("p[1]")));
        Assert.Equal([null, null, null, null], Column(df.SelectExpr("p[-1]")));
        Assert.Equal(["c", null, null, null], Column(Lines().OrderBy("id").SelectExpr("split(s, ',')[3]")));
        Assert.Equal([true, null, true, true], Column(df.SelectExpr("array_contains(p, '')")));
        Assert.Equal([false, null, false, true], Column(df.SelectExpr("array_contains(p, 'x')")));
        Assert.Equal(["p[1]", "size(p)", "element_at(p, 2)", "array_contains(p, a)"], df.SelectExpr("p[1]", "size(p)", "element_at(p, 2)", "array_contains(p, 'a')").Columns());
    }

    [Fact]
    public void Sql_split_takes_regexes_and_a_limit()
    {
        var df = TestSession.Get().Range(1);
        Assert.Equal(List("a", "b", "c"), df.SelectExpr("split('a  b\\tc', '\\\\s+')").First().Get(0));
        Assert.Equal(List("one", "two", "three", ""), df.SelectExpr("split('oneAtwoBthreeC', '[ABC]')").First().Get(0));
        Assert.Equal(List("a", "b;c"), df.SelectExpr("split('a,b;c', '[,;]', 2)").First().Get(0));
        Assert.Equal(3, df.SelectExpr("size(split('x y z', ' '))").First().Get(0));
        Assert.Null(df.SelectExpr("split(NULL, ',')").First().Get(0));
    }

    [Fact]
    public void Element_at_zero_fails_like_spark()
    {
        var e = Assert.ThrowsAny<Exception>(() => Lines().SelectExpr("element_at(split(s, ','), 0)").Collect());
        Assert.Contains("INVALID_INDEX_OF_ZERO", e.ToString());
    }

    [Fact]
    public void Arrays_flow_through_filter_sort_limit_union_and_cache()
    {
        var parts = Parts();
        Assert.Equal([List("x", "y", "")], Column(parts.Filter(Col("id") > 3), 1));
        Assert.Equal([List("x", "y", ""), List("")], Column(parts.OrderBy(Col("id").Desc()).Filter("size(parts) > 0").Limit(2), 1));
        var union = parts.Union(parts.Filter(Col("id") == 1));
        Assert.Equal(5, union.Count());
        Assert.Equal(2, union.Filter("array_contains(parts, 'c')").Count());

        var cached = parts.Filter("size(parts) >= 1");
        cached.Cache();
        Assert.Equal(3, cached.Count());
        Assert.Equal([List("a", "b", "", "c"), List(""), List("x", "y", "")], Column(cached.OrderBy("id"), 1));
        cached.Unpersist();

        var ranked = parts.WithColumn("rn", RowNumber().Over(Kindling.Sql.Expressions.Window.PartitionBy(Col("id") % 2).OrderBy(Col("id").Desc())));
        Assert.Equal([List("x", "y", ""), List(""), null, List("a", "b", "", "c")], Column(ranked.OrderBy(Col("id").Desc()), 1));
        Assert.Equal([1, 1, 2, 2], Column(ranked.OrderBy(Col("id").Desc()), 2));
    }

    [Fact]
    public void Arrays_are_join_payload_on_both_sides_and_null_for_unmatched_rows()
    {
        var names = TestSession.Get().CreateDataFrame([new GenericRow([1, "one"]), new GenericRow([4, "four"]), new GenericRow([9, "nine"])],
            new StructType([new StructField("id", new IntegerType()), new StructField("name", new StringType())]));
        var joined = names.Join(Parts(), new[] { "id" }, "left").OrderBy("id");
        Assert.Equal([List("a", "b", "", "c"), List("x", "y", ""), null], Column(joined.Select("parts")));
        var inner = Parts().Join(names, "id").OrderBy("id");
        Assert.Equal([List("a", "b", "", "c"), List("x", "y", "")], Column(inner.Select("parts")));
    }

    [Fact]
    public void Arrays_are_created_from_rows_and_compare_in_rows()
    {
        var schema = new StructType([new StructField("tags", new ArrayType(new StringType()))]);
        var df = TestSession.Get().CreateDataFrame([new GenericRow([new[] { "a", "b" }]), new GenericRow([new List<string> { "c" }])], schema);
        Assert.Equal([List("a", "b"), List("c")], Column(df));
        Assert.Equal(df.Collect().First(), TestSession.Get().CreateDataFrame([new GenericRow([new object?[] { "a", "b" }])], schema).First());
        var e = Assert.ThrowsAny<ArgumentException>(() => TestSession.Get().CreateDataFrame([new GenericRow(["a,b"])], schema).Collect());
        Assert.Contains("tags", e.Message);
    }

    [Fact]
    public void Grouping_sorting_and_comparing_by_arrays_are_refused_naming_the_column()
    {
        var parts = Parts();
        Assert.Contains("`parts`", Assert.Throws<AnalysisException>(() => parts.GroupBy("parts").Count()).Message);
        Assert.Contains("`parts`", Assert.Throws<AnalysisException>(() => parts.OrderBy("parts")).Message);
        Assert.Contains("`parts`", Assert.Throws<AnalysisException>(() => parts.Distinct()).Message);
        Assert.Contains("parts", Assert.Throws<AnalysisException>(() => parts.Filter(Col("parts") == Col("parts"))).Message);
        Assert.Contains("parts", Assert.Throws<AnalysisException>(() => parts.Join(parts, "parts")).Message);
        Assert.Contains("parts", Assert.Throws<AnalysisException>(() => parts.Select(Col("parts").Cast("int"))).Message);
        // Counting needs no array kernel.
        Assert.Equal(3L, parts.Agg(Count(Col("parts"))).First().Get(0));
    }

    /// <summary>The JSON lines one partition of <paramref name="df"/> writes.</summary>
    private static string WrittenJson(DataFrame df)
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "out");
        df.Coalesce(1).Write().Json(path);
        return string.Concat(Directory.GetFiles(path, "*.json").Select(File.ReadAllText));
    }

    [Fact]
    public void Json_writes_arrays_as_json_arrays()
    {
        Assert.Equal("{\"id\":1,\"parts\":[\"a\",\"b\",\"\",\"c\"]}\n{\"id\":2}\n{\"id\":3,\"parts\":[\"\"]}\n{\"id\":4,\"parts\":[\"x\",\"y\",\"\"]}\n",
            WrittenJson(Parts().OrderBy("id")));
        var withNullElement = TestSession.Get().CreateDataFrame([new GenericRow([new object?[] { "a", null }])],
            new StructType([new StructField("arr", new ArrayType(new StringType()))]));
        Assert.Equal("{\"arr\":[\"a\",null]}\n", WrittenJson(withNullElement));
    }

    /// <summary>CSV holds atomic types only (Spark's own message); Parquet holds arrays of scalars but not arrays of arrays.</summary>
    [Theory]
    [InlineData("csv", false, "CSV data source does not support array<string> data type.", "`parts`")]
    [InlineData("parquet", true, "arrays of arrays", "'parts'")]
    public void Writers_refuse_what_they_cannot_hold_naming_the_column_before_writing(string format, bool nested, string message, string column)
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "out");
        var schema = new StructType([new StructField("parts", new ArrayType(new ArrayType(new StringType())))]);
        var df = nested ? TestSession.Get().CreateDataFrame([new GenericRow([new object?[] { new object?[] { "a" } }])], schema) : Parts();
        var e = Assert.ThrowsAny<Exception>(() => df.Write().Format(format).Save(path));
        Assert.Contains(message, e.Message);
        Assert.Contains(column, e.Message);
        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public void Parquet_writes_arrays_that_duckdb_reads_back()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "out");
        Parts().Write().Parquet(path);
        var rows = Interop.NodeInterop.DuckDb($"select id, to_json(parts)::VARCHAR from read_parquet({Interop.NodeInterop.Sql(Path.Combine(path, "*.parquet"))}) order by id");
        string?[][] expected = [["1", "[\"a\",\"b\",\"\",\"c\"]"], ["2", null], ["3", "[\"\"]"], ["4", "[\"x\",\"y\",\"\"]"]];
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void Parquet_reads_back_the_arrays_it_writes()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "out");
        Parts().Write().Parquet(path);
        var back = TestSession.Get().Read().Parquet(path);
        Assert.Equal(Parts().Schema().TreeString(), back.Schema().TreeString());
        Assert.Equal(Parts().OrderBy("id").Collect().Select(r => r.ToString()), back.OrderBy("id").Collect().Select(r => r.ToString()));
        // Array functions on the read column, and a filter pushed to the scan beside it.
        var filtered = back.Filter(Col("id") > 2).SelectExpr("id", "size(parts)", "element_at(parts, 2)").OrderBy("id").Collect();
        Assert.Equal(["[3,1,null]", "[4,3,y]"], filtered.Select(r => r.ToString()));
    }

    [Fact]
    public void Csv_reader_refuses_an_array_schema_naming_the_column()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.csv"), "x\n");
        var csv = Assert.ThrowsAny<Exception>(() => TestSession.Get().Read().Schema("tags array<string>").Csv(dir.File("a.csv")).Collect());
        Assert.Contains("CSV data source does not support array<string> data type.", csv.ToString());
        Assert.Contains("`tags`", csv.ToString());
    }

    [Fact]
    public void Json_round_trips_arrays_and_infers_them()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "out");
        Parts().Write().Json(path);
        var inferred = TestSession.Get().Read().Json(path);
        Assert.Equal("array<string>", inferred.Schema().Fields.Single(f => f.Name == "parts").DataType.SimpleString);
        var rows = inferred.OrderBy("id").Collect().Select(r => (r.GetAs<long>("id"), r.Get("parts") is System.Collections.ArrayList a ? string.Join("|", a.Cast<object?>().Select(x => x ?? "null")) : "NULL")).ToList();
        Assert.Equal([(1L, "a|b||c"), (2L, "NULL"), (3L, ""), (4L, "x|y|")], rows);
    }

    [Fact]
    public void Split_with_a_malformed_pattern_fails_naming_the_pattern()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Lines().Select(Split(Col("s"), "[a-")).Collect());
        Assert.Contains("[a-", e.ToString());
    }
}
