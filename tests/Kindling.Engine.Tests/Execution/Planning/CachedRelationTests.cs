using Kindling.Engine.Tests.Sql;
using Kindling.Execution.Operators.Source;
using Kindling.Sql;
using Kindling.Sql.Types;

namespace Kindling.Engine.Tests.Execution.Planning;

public sealed class CachedRelationTests
{
    [Fact]
    public void Cached_rows_without_nulls_give_operators_a_not_null_column_while_users_still_see_it_nullable()
    {
        var schema = new StructType([new StructField("full", new StringType()), new StructField("holes", new StringType())]);
        var df = TestSession.Get().CreateDataFrame([new GenericRow(["a", "x"]), new GenericRow(["b", null!]), new GenericRow(["a", "y"])], schema).Cache();
        // Until an action computes the cached rows, operators get the declared schema, and explaining computes nothing.
        Assert.True(Assert.IsType<InMemorySourceOperator>(df.NewExecution().Physical).OutputSchema[0].Nullable);
        Assert.Contains("not computed yet", Kindling.Engine.DataFrameExtensions.ExplainString(df));
        Assert.Equal(3, df.Count());

        var source = Assert.IsType<InMemorySourceOperator>(df.NewExecution().Physical);
        Assert.False(source.OutputSchema[0].Nullable); // no null in any batch
        Assert.True(source.OutputSchema[1].Nullable);
        Assert.All(df.Schema().Fields, f => Assert.True(f.IsNullable));

        // Grouping on the tightened columns still finds every group, nulls included.
        var counts = df.GroupBy("full", "holes").Count().Collect()
            .Select(r => $"{r.GetAs<string>("full")}/{r.Get(1) ?? "null"}={r.GetAs<long>("count")}").Order().ToArray();
        Assert.Equal(["a/x=1", "a/y=1", "b/null=1"], counts);
    }

    [Fact]
    public void A_cache_whose_first_computation_failed_is_computed_again_by_the_next_action()
    {
        using var dir = new TempDirectory();
        string file = dir.File("later.csv", "id\n1\nnot a number\n");
        var df = TestSession.Get().Read().Option("header", true).Option("mode", "FAILFAST").Schema("id INT").Csv(file).Cache();
        Assert.ThrowsAny<Exception>(() => df.Count()); // the malformed row fails the first computation
        File.WriteAllText(file, "id\n1\n2\n");
        Assert.Equal(2, df.Count());
        File.Delete(file);
        Assert.Equal(2, df.Count()); // kept from the computation that succeeded
    }
}
