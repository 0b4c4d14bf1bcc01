using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;

namespace Kindling.Optimizer;

/// <summary>
/// Hands conjuncts of a filter directly above a file scan that read only partition columns to the scan
/// (FileScanOperator's partitionFilter), so whole folders are skipped. The filter stays: those columns
/// are constants per file, so re-checking them costs little and keeps the plan correct.
/// </summary>
internal sealed class PartitionFilterRule : IOptimizerRule
{
    public string Name => "PartitionFilter";

    public LogicalPlan Apply(LogicalPlan plan) => plan.TransformUp(p =>
    {
        if (p is not Filter { Child: FileRelation scan } f || scan.Files.PartitionSchema.Count == 0) return p;
        var partitionIds = scan.Output.Where(a => scan.IsPartitionColumn(a.Name)).Select(a => a.Id).ToHashSet();
        var conjuncts = LogicalExpr.SplitConjuncts(f.Condition)
            .Where(c => c.References().Any() && c.References().All(a => partitionIds.Contains(a.Id)) && !c.Any(x => x is AggregateExpr))
            .ToList();
        if (conjuncts.Count == 0) return p;
        var combined = LogicalExpr.And(conjuncts)!;
        if (scan.PartitionFilter is not null && scan.PartitionFilter.ToString() == combined.ToString()) return p;
        return new Filter(f.Condition, scan.WithPartitionFilter(combined));
    });
}
