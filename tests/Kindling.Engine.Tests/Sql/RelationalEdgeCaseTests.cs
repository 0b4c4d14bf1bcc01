using Kindling.Sql;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>Union, Limit and Join edge cases through the DataFrame API; expected rows written by hand.</summary>
public class RelationalEdgeCaseTests
{
    private static DataFrame Frame(StructType schema, params object?[][] rows) =>
        TestSession.Get().CreateDataFrame(rows.Select(r => new GenericRow(r)), schema);

    private static readonly StructType KeyName = new([new StructField("k", new IntegerType()), new StructField("name", new StringType())]);
    private static readonly StructType KeyScore = new([new StructField("k", new IntegerType()), new StructField("score", new DoubleType())]);

    private static List<object?[]> Rows(DataFrame df) => [.. df.Collect().Select(r => r.Values.Select(v => (object?)v).ToArray())];

    [Fact]
    public void Union_With_An_Empty_Side_And_Nulls()
    {
        var data = Frame(KeyName, [1, null], [null, "b"]);
        var empty = Frame(KeyName);
        Assert.Equal([[1, null], [null, "b"]], Rows(data.Union(empty)));
        Assert.Equal([[1, null], [null, "b"]], Rows(empty.Union(data)));
        Assert.Empty(empty.Union(empty).Collect());
        Assert.Equal(0, data.Filter(Lit(false)).Union(empty).Count());
        // int ∪ bigint widens to bigint; nulls stay null; names come from the first input.
        var longs = new StructType([new StructField("x", new LongType()), new StructField("y", new StringType())]);
        var wide = data.Union(Frame(longs, [null, null], [5L, "e"]));
        Assert.Equal(["k", "name"], wide.Columns());
        Assert.Equal("bigint", wide.Schema().Fields[0].DataType.SimpleString);
        Assert.Equal([[1L, null], [null, "b"], [null, null], [5L, "e"]], Rows(wide));
    }

    [Fact]
    public void Limit_Zero_And_Limit_Over_Empty()
    {
        var df = TestSession.Get().Range(10);
        Assert.Empty(df.Limit(0).Collect());
        Assert.Equal(0, df.Limit(0).Count());
        Assert.Equal(0, df.Filter(Col("id") > 100).Limit(3).Count());
        Assert.Equal(0, Frame(KeyName).Limit(5).Count());
        Assert.Equal(2, df.Limit(5).Limit(2).Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => df.Limit(-1));
    }

    [Fact]
    public void One_Row_Joins_And_Null_Keys()
    {
        var left = Frame(KeyName, [1, "x"]);
        var right = Frame(KeyScore, [1, 0.5]);
        Assert.Equal([[1, "x", 0.5]], Rows(left.Join(right, ["k"], "inner")));
        Assert.Equal([[1, "x", 0.5]], Rows(left.Join(right, ["k"], "left")));
        Assert.Equal([[1, "x", 0.5]], Rows(left.Join(right, ["k"], "full")));

        var miss = Frame(KeyScore, [2, 0.5]);
        Assert.Empty(left.Join(miss, ["k"], "inner").Collect());
        Assert.Equal([[1, "x", null]], Rows(left.Join(miss, ["k"], "left")));
        Assert.Equal([[1, "x", null], [2, null, 0.5]], Rows(left.Join(miss, ["k"], "full").OrderBy("k")));

        // Null keys never match, not even each other (k = k is null); the outer sides keep them.
        var nullLeft = Frame(KeyName, [null, "n"]);
        var nullRight = Frame(KeyScore, [null, 2.5]);
        Assert.Empty(nullLeft.Join(nullRight, ["k"], "inner").Collect());
        Assert.Equal([[null, "n", null]], Rows(nullLeft.Join(nullRight, ["k"], "left")));
        var full = Rows(nullLeft.Join(nullRight, ["k"], "full"));
        Assert.Equal(2, full.Count);
        Assert.Contains(full, r => r is [null, "n", null]);
        Assert.Contains(full, r => r is [null, null, 2.5]);
        Assert.Empty(nullLeft.Join(nullRight, nullLeft["k"] == nullRight["k"]).Collect());
    }
}
