using Kindling.Execution.Operators.Join;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;

namespace Kindling.Optimizer;

/// <summary>
/// Moves filters toward the sources (Catalyst's PushDownPredicates): through Project (substituting
/// aliases), Sort, Repartition and Window-free nodes, into the sides of a join whose conjuncts reference one side
/// only (both sides for inner joins, the preserved side for outer joins), and below Aggregate for
/// conjuncts on grouping columns, into every branch of a Union, and below a Window for conjuncts on its
/// partition columns.
/// </summary>
internal sealed class PushDownFilterRule : IOptimizerRule
{
    public string Name => "PushDownFilter";

    public LogicalPlan Apply(LogicalPlan plan) => plan.TransformDown(p => p is Filter f ? Push(f) : p);

    private static LogicalPlan Push(Filter f)
    {
        switch (f.Child)
        {
            case Project proj when !proj.Projections.Any(e => e.Any(x => x is WindowExpr or AggregateExpr) || Nondeterministic.Contains(e)):
            {
                var aliases = proj.Projections.OfType<Alias>().ToDictionary(a => a.Id);
                var cond = CombineProjectsRule.SubstituteInner(f.Condition, aliases);
                return new Project(proj.Projections, new Filter(cond, proj.Child));
            }
            case Sort sort:
                return new Sort(sort.Orders, new Filter(f.Condition, sort.Child));
            case Repartition repartition:
                return repartition.WithChild(new Filter(f.Condition, repartition.Child));
            case Join join:
            {
                var leftIds = join.Left.Output.Select(a => a.Id).ToHashSet();
                var rightIds = join.Right.Output.Select(a => a.Id).ToHashSet();
                bool pushLeft = join.JoinType is JoinType.Inner or JoinType.Cross or JoinType.LeftOuter or JoinType.LeftSemi or JoinType.LeftAnti;
                bool pushRight = join.JoinType is JoinType.Inner or JoinType.Cross or JoinType.RightOuter;
                var left = new List<Expr>();
                var right = new List<Expr>();
                var keep = new List<Expr>();
                foreach (var c in LogicalExpr.SplitConjuncts(f.Condition))
                {
                    var refs = c.References().Select(a => a.Id).ToList();
                    if (pushLeft && refs.Count > 0 && refs.All(leftIds.Contains)) left.Add(c);
                    else if (pushRight && refs.Count > 0 && refs.All(rightIds.Contains)) right.Add(c);
                    else keep.Add(c);
                }
                if (left.Count == 0 && right.Count == 0) return f;
                LogicalPlan l = left.Count > 0 ? new Filter(LogicalExpr.And(left)!, join.Left) : join.Left;
                LogicalPlan r = right.Count > 0 ? new Filter(LogicalExpr.And(right)!, join.Right) : join.Right;
                LogicalPlan j = new Join(l, r, join.JoinType, join.Condition);
                return keep.Count > 0 ? new Filter(LogicalExpr.And(keep)!, j) : j;
            }
            case Aggregate agg:
            {
                // Conjuncts that only read output columns which are plain grouping attributes.
                var groupAttrs = new Dictionary<long, AttributeRef>();
                foreach (var e in agg.Aggregates)
                {
                    if (e is AttributeRef a && agg.Groupings.Any(g => g is AttributeRef ga && ga.Id == a.Id)) groupAttrs[a.Id] = a;
                }
                var below = new List<Expr>();
                var above = new List<Expr>();
                foreach (var c in LogicalExpr.SplitConjuncts(f.Condition))
                {
                    var refs = c.References().ToList();
                    if (refs.Count > 0 && refs.All(r => groupAttrs.ContainsKey(r.Id))) below.Add(c);
                    else above.Add(c);
                }
                if (below.Count == 0) return f;
                LogicalPlan pushed = new Aggregate(agg.Groupings, agg.Aggregates, new Filter(LogicalExpr.And(below)!, agg.Child));
                return above.Count > 0 ? new Filter(LogicalExpr.And(above)!, pushed) : pushed;
            }
            case Filter inner:
                return new Filter(new LogicalExpr(true, inner.Condition, f.Condition), inner.Child);
            case Plan.Logical.Union union:
            {
                // The union's columns are its first child's attributes; each child gets the condition rewritten to its own, by position.
                var output = union.Output;
                var children = union.Children.Select(child =>
                {
                    var byId = new Dictionary<long, AttributeRef>();
                    for (int i = 0; i < output.Count; i++) byId[output[i].Id] = child.Output[i];
                    var cond = f.Condition.TransformUp(x => x is AttributeRef a && byId.TryGetValue(a.Id, out var mapped) ? mapped : x);
                    return (LogicalPlan)new Filter(cond, child);
                }).ToList();
                return new Plan.Logical.Union(children);
            }
            case Plan.Logical.Window window:
            {
                // Conjuncts on the partition columns select whole partitions: filtering first changes no window value.
                var first = (WindowExpr)window.WindowExpressions[0].Child;
                var partitionIds = first.PartitionBy.OfType<AttributeRef>().Select(a => a.Id).ToHashSet();
                if (window.WindowExpressions.Any(w => !((WindowExpr)w.Child).PartitionBy.OfType<AttributeRef>().Select(a => a.Id).ToHashSet().SetEquals(partitionIds)))
                    return f;
                var below = new List<Expr>();
                var above = new List<Expr>();
                foreach (var c in LogicalExpr.SplitConjuncts(f.Condition))
                {
                    var refs = c.References().ToList();
                    if (refs.Count > 0 && refs.All(r => partitionIds.Contains(r.Id))) below.Add(c);
                    else above.Add(c);
                }
                if (below.Count == 0) return f;
                LogicalPlan pushed = new Plan.Logical.Window(window.WindowExpressions, new Filter(LogicalExpr.And(below)!, window.Child));
                return above.Count > 0 ? new Filter(LogicalExpr.And(above)!, pushed) : pushed;
            }
        }
        return f;
    }
}
