using Kindling.Execution.Planning;
using Kindling.Formats;
using Kindling.Plan.Analysis;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Execution.Planning;

public class PartitionFilterTests
{
    private static FileRelation Relation()
    {
        var partSchema = new Schema([new Field("dt", ColumnType.Date), new Field("region", ColumnType.String)]);
        var dataSchema = new Schema([new Field("a", ColumnType.Int64)]);
        var output = dataSchema.Fields.Concat(partSchema.Fields).Select(f => AttributeRef.Create(f.Name, f.Type, true)).ToList();
        return new FileRelation(null!, new FileSet([], partSchema), dataSchema, null!, output);
    }

    [Fact]
    public void Evaluates_On_Discovered_Partition_Values()
    {
        var rel = Relation();
        // The job's shape: Col("dt").Cast("string").IsIn(touched)
        var cond = Analyzer.Resolve(new LogicalExpr(true,
            new InExpr([new CastExpr(new UnresolvedAttribute("dt"), ColumnType.String), Literal.FromObject("2024-03-01"), Literal.FromObject("2024-03-03")]),
            new IsNullExpr(new UnresolvedAttribute("region"), true)), rel.Output);
        var predicate = PhysicalPlanner.CompilePartitionFilter(cond, rel);
        Assert.True(predicate([new DateOnly(2024, 3, 1), "east"]));
        Assert.False(predicate([new DateOnly(2024, 3, 2), "east"]));
        Assert.False(predicate([new DateOnly(2024, 3, 3), null])); // __HIVE_DEFAULT_PARTITION__
        Assert.False(predicate([null, "east"]));
    }
}
