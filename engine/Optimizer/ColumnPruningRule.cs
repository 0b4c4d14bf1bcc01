using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;

namespace Kindling.Optimizer;

/// <summary>
/// Projection pushdown (Catalyst's ColumnPruning): computes the columns each node's parent needs, drops
/// unused projections, and narrows file scans to the columns read (FileScanOperator's outputColumns) and cached rows
/// to the columns used.
/// </summary>
internal sealed class ColumnPruningRule : IOptimizerRule
{
    public string Name => "ColumnPruning";

    public LogicalPlan Apply(LogicalPlan plan) => Prune(plan, plan.Output.Select(a => a.Id).ToHashSet());

    private static HashSet<long> Refs(IEnumerable<Expr> exprs) => exprs.SelectMany(e => e.References()).Select(a => a.Id).ToHashSet();

    private static LogicalPlan Prune(LogicalPlan p, HashSet<long> required)
    {
        switch (p)
        {
            case Project proj:
            {
                var kept = proj.Projections.Where(e => required.Contains(Project.ToAttribute(e).Id)).ToList();
                if (kept.Count == 0) kept = [proj.Projections[0]];
                var child = Prune(proj.Child, Refs(kept));
                // A project that just lists all child columns in order is redundant.
                if (kept.Count == child.Output.Count && kept.Select((e, i) => e is AttributeRef a && a.Id == child.Output[i].Id).All(x => x) && kept.Count == proj.Projections.Count)
                    return child;
                return kept.Count == proj.Projections.Count && ReferenceEquals(child, proj.Child) ? proj : new Project(kept, child);
            }
            case Filter f:
            {
                var child = Prune(f.Child, [.. required, .. Refs([f.Condition])]);
                return ReferenceEquals(child, f.Child) ? f : new Filter(f.Condition, child);
            }
            case Sort s:
            {
                var child = Prune(s.Child, [.. required, .. Refs(s.Orders)]);
                return ReferenceEquals(child, s.Child) ? s : new Sort(s.Orders, child);
            }
            case Repartition r:
            {
                var child = Prune(r.Child, required);
                return ReferenceEquals(child, r.Child) ? r : r.WithChild(child);
            }
            case Limit l:
            {
                var child = Prune(l.Child, required);
                return ReferenceEquals(child, l.Child) ? l : new Limit(l.Count, child);
            }
            case Aggregate a:
            {
                var child = Prune(a.Child, Refs([.. a.Groupings, .. a.Aggregates]));
                return ReferenceEquals(child, a.Child) ? a : new Aggregate(a.Groupings, a.Aggregates, child);
            }
            case Join j:
            {
                var need = new HashSet<long>(required);
                if (j.Condition is not null) need.UnionWith(Refs([j.Condition]));
                var left = Prune(j.Left, need);
                var right = Prune(j.Right, need);
                return ReferenceEquals(left, j.Left) && ReferenceEquals(right, j.Right) ? j : new Join(left, right, j.JoinType, j.Condition);
            }
            case Plan.Logical.Window w:
            {
                var child = Prune(w.Child, [.. required, .. Refs(w.WindowExpressions)]);
                return ReferenceEquals(child, w.Child) ? w : new Plan.Logical.Window(w.WindowExpressions, child);
            }
            case FileRelation scan:
            {
                var kept = scan.Output.Where(a => required.Contains(a.Id)).ToList();
                if (kept.Count == 0) kept = [scan.Output.FirstOrDefault(a => !scan.IsPartitionColumn(a.Name)) ?? scan.Output[0]];
                return kept.Count == scan.Output.Count ? scan : scan.WithOutput(kept);
            }
            case LocalRelation rows:
            {
                // Cached rows: operators that keep or copy whole rows (filters, windows) then carry only what is used.
                var kept = rows.Output.Where(a => required.Contains(a.Id)).ToList();
                if (kept.Count == 0) kept = [rows.Output[0]];
                return kept.Count == rows.Output.Count ? rows : rows.WithOutput(kept);
            }
            default:
                return p; // Union, other sources: keep all columns
        }
    }
}
