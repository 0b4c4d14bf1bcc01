using Kindling.Optimizer;
using Kindling.Plan.Logical;
using Kindling.Vectors;

namespace Kindling.Execution.Planning;

/// <summary>One query's pipeline: analyzed plan → optimized plan → physical plan → batches (Spark's QueryExecution).</summary>
internal sealed class QueryExecution(LogicalPlan analyzed, QueryContext context)
{
    private LogicalPlan? _optimized;
    private PhysicalOperator? _physical;

    public LogicalPlan Analyzed { get; } = analyzed;

    public QueryContext Context { get; } = context;

    public LogicalPlan Optimized => _optimized ??= PlanOptimizer.Optimize(Analyzed);

    public PhysicalOperator Physical => _physical ??= PhysicalPlanner.Plan(Optimized);

    public IEnumerable<ColumnBatch> Execute() => Physical.Execute(Context);

    public string Explain() =>
        "== Analyzed Logical Plan ==\n" + Analyzed.TreeString() +
        "\n== Optimized Logical Plan ==\n" + Optimized.TreeString() +
        "\n== Physical Plan ==\n" + Physical.Explain();
}
