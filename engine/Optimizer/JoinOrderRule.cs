using Kindling.Execution.Operators.Join;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;

namespace Kindling.Optimizer;

/// <summary>
/// Puts the smaller side of an inner join on the right, the hash join's build side, when both sizes are
/// known (row counts of local data and ranges, or bytes of files); a Project restores the column order.
/// </summary>
internal sealed class JoinOrderRule : IOptimizerRule
{
    public string Name => "JoinOrder";

    public LogicalPlan Apply(LogicalPlan plan) => plan.TransformUp(p =>
    {
        if (p is not Join { JoinType: JoinType.Inner } j) return p;
        var (l, r) = (Size(j.Left), Size(j.Right));
        if (l is null || r is null || l >= r) return p;
        var swapped = new Join(j.Right, j.Left, JoinType.Inner, j.Condition);
        return new Project([.. j.Output], swapped);
    });

    /// <summary>A comparable size: rows where known; files count by bytes (assumed ~100 bytes a row).</summary>
    internal static long? Size(LogicalPlan p) => p switch
    {
        FileRelation f => f.EstimatedBytes / 100,
        Filter f => Size(f.Child),
        Project pr => Size(pr.Child),
        _ => p.EstimatedRows,
    };
}
