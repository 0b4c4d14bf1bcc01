using Kindling.Execution.Evaluation;
using Kindling.Execution.Operators.Aggregate;
using Kindling.Execution.Operators.Filter;
using Kindling.Execution.Operators.Join;
using Kindling.Execution.Operators.Limit;
using Kindling.Execution.Operators.Project;
using Kindling.Execution.Operators.Scan;
using Kindling.Execution.Operators.Sort;
using Kindling.Execution.Operators.Source;
using Kindling.Execution.Operators.Union;
using Kindling.Execution.Operators.Window;
using Kindling.Kernels.Cast;
using Kindling.Kernels.Common;
using Kindling.Plan;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Vectors;

namespace Kindling.Execution.Planning;

/// <summary>
/// Turns an optimized logical plan into operators. Attributes become column positions (BoundRef).
/// Operators that take column indices (aggregate, join, sort, window) get a Project below them that
/// computes key and argument expressions, and a Project above that restores the logical output.
/// </summary>
internal static class PhysicalPlanner
{
    public static PhysicalOperator Plan(LogicalPlan plan) => plan switch
    {
        LocalRelation r => new InMemorySourceOperator(r.PhysicalSchema(), () => r.Batches, () => r.IsComputed),
        RangeRelation r => new RangeOperator(r.Start, r.End, r.Step, r.Attribute.Name),
        FileRelation f => PlanScan(f, null),
        Project p => PlanProject(p),
        Filter { Child: FileRelation scan } f => new FilterOperator(PlanScan(scan, f.Condition), Bind(f.Condition, f.Child.Output)),
        Filter { Child: Plan.Logical.Window w } f when RowNumberLimit(f.Condition, w) is int k =>
            new FilterOperator(PlanWindow(w, k), Bind(f.Condition, f.Child.Output)),
        Filter f => new FilterOperator(Plan(f.Child), Bind(f.Condition, f.Child.Output)),
        Limit { Child: Sort s } l => PlanSort(s, l.Count),
        Limit l => new LimitOperator(Plan(l.Child), l.Count),
        Repartition r => Plan(r.Child), // rows stay where they are; writes read the partition count from the plan
        Sort s => PlanSort(s, null),
        Plan.Logical.Union u => PlanUnion(u),
        Aggregate a => PlanAggregate(a),
        Join j => PlanJoin(j),
        Plan.Logical.Window w => PlanWindow(w, null),
        _ => throw new NotSupportedException($"no physical operator for {plan.NodeString}"),
    };

    /// <summary>Replaces attributes with their positions in <paramref name="input"/>.</summary>
    public static Expr Bind(Expr e, IReadOnlyList<AttributeRef> input) => e.TransformUp(x =>
    {
        if (x is not AttributeRef a) return x;
        for (int i = 0; i < input.Count; i++)
            if (input[i].Id == a.Id) return new BoundRef(i, input[i].Type, input[i].Nullable, input[i].Name);
        throw new InvalidOperationException($"internal error: attribute {a} is not among the inputs [{string.Join(", ", input)}]");
    });

    private static Expr Unalias(Expr e) => e is Alias a ? a.Child : e;

    private static PhysicalOperator PlanProject(Project p)
    {
        var child = Plan(p.Child);
        IReadOnlyList<AttributeRef> input = p.Child.Output;
        var projections = p.Projections;
        if (projections.Any(Nondeterministic.Contains))
        {
            // monotonically_increasing_id(): a RowId operator below numbers the rows; the projection reads its column.
            var rowId = AttributeRef.Create("_row_id", ColumnType.Int64, false);
            child = new RowIdOperator(child, rowId.Name);
            input = [.. input, rowId];
            projections = [.. projections.Select(e => e.TransformUp(x => Nondeterministic.IsRowId(x) ? rowId : x))];
        }
        var exprs = projections.Select(e => Bind(Unalias(e), input)).ToList();
        // A projection that only reorders nothing is a no-op.
        if (exprs.Count == child.OutputSchema.Count && exprs.Select((e, i) => e is BoundRef b && b.Ordinal == i && child.OutputSchema[i].Name == p.Output[i].Name).All(x => x))
            return child;
        return new ProjectOperator(child, exprs, p.OutputSchema);
    }

    /// <summary>Projects <paramref name="child"/>'s columns plus extra expressions; returns the extra columns' positions.</summary>
    private static (PhysicalOperator Op, List<AttributeRef> Layout, int[] Positions) Extend(PhysicalOperator child, IReadOnlyList<AttributeRef> childOutput, IReadOnlyList<Expr> extra)
    {
        var layout = childOutput.ToList();
        var exprs = new List<Expr>();
        for (int i = 0; i < childOutput.Count; i++) exprs.Add(new BoundRef(i, childOutput[i].Type, childOutput[i].Nullable, childOutput[i].Name));
        var positions = new int[extra.Count];
        var seen = new Dictionary<string, int>();
        for (int k = 0; k < extra.Count; k++)
        {
            var e = extra[k];
            if (e is AttributeRef a)
            {
                int idx = layout.FindIndex(x => x.Id == a.Id);
                if (idx >= 0) { positions[k] = idx; continue; }
            }
            string key = e.ToString();
            if (seen.TryGetValue(key, out int prior)) { positions[k] = prior; continue; }
            var attr = AttributeRef.Create($"_e{layout.Count}", e.Type, e.Nullable);
            exprs.Add(Bind(e, childOutput));
            layout.Add(attr);
            positions[k] = seen[key] = layout.Count - 1;
        }
        if (exprs.Count == childOutput.Count) return (child, layout, positions);
        var schema = new Schema(layout.Select(a => a.ToField()).ToList());
        return (new ProjectOperator(child, exprs, schema), layout, positions);
    }

    private static PhysicalOperator Restore(PhysicalOperator op, IReadOnlyList<AttributeRef> layout, IReadOnlyList<AttributeRef> output)
    {
        if (layout.Count == output.Count && layout.Select((a, i) => a.Id == output[i].Id && a.Name == output[i].Name).All(x => x)) return op;
        var exprs = output.Select(o => Bind(o, layout)).ToList();
        return new ProjectOperator(op, exprs, new Schema(output.Select(a => a.ToField()).ToList()));
    }

    private static PhysicalOperator PlanSort(Sort s, long? limit)
    {
        var child = Plan(s.Child);
        var (op, layout, positions) = Extend(child, s.Child.Output, s.Orders.Select(o => o.Child).ToList());
        var keys = s.Orders.Select((o, i) => new SortKey(positions[i], o.Ascending, o.NullsFirst)).ToArray();
        return Restore(new SortOperator(op, keys, limit), layout, s.Output);
    }

    private static PhysicalOperator PlanUnion(Plan.Logical.Union u)
    {
        var output = u.Output;
        var children = u.Children.Select(c =>
        {
            var op = Plan(c);
            var exprs = c.Output.Select((a, i) => TypeCast(new BoundRef(i, a.Type, a.Nullable, a.Name), output[i].Type)).ToList();
            bool identity = c.Output.Select((a, i) => a.Type == output[i].Type && a.Name == output[i].Name).All(x => x);
            return identity ? op : new ProjectOperator(op, exprs, new Schema(output.Select(a => a.ToField()).ToList()));
        }).ToList();
        return new UnionOperator(children, new Schema(output.Select(a => a.ToField()).ToList()));
    }

    private static Expr TypeCast(Expr e, ColumnType t) => e.Type == t ? e : new CastExpr(e, t);

    private static PhysicalOperator PlanAggregate(Aggregate a)
    {
        var child = Plan(a.Child);
        // Distinct aggregate calls, in order of appearance.
        var calls = new List<AggregateExpr>();
        foreach (var e in a.Aggregates)
            foreach (var agg in e.Descendants().OfType<AggregateExpr>())
                if (!calls.Any(c => c.ToString() == agg.ToString())) calls.Add(agg);
        var inputs = new List<Expr>(a.Groupings);
        foreach (var c in calls) inputs.AddRange(c.Children); // count(DISTINCT a, b) arrives as one tuple key (FunctionRegistry)
        var (pre, layout, positions) = Extend(child, a.Child.Output, inputs);
        int g = a.Groupings.Count;
        var groupColumns = positions[..g];
        var aggCalls = new List<AggregateCall>();
        int p = g;
        for (int i = 0; i < calls.Count; i++)
        {
            var c = calls[i];
            int input = c.Children.Count > 0 ? positions[p] : -1;
            int second = c.Children.Count > 1 ? positions[p + 1] : -1;
            p += c.Children.Count;
            aggCalls.Add(new AggregateCall(c.Function, input, $"_agg{i}", second, c.IgnoreNulls, c.Percentage));
        }
        var op = new HashAggregateOperator(pre, groupColumns, [.. aggCalls]);
        // Layout of the aggregate's output: group columns then calls.
        var outLayout = new List<(string Key, BoundRef Ref)>();
        for (int i = 0; i < g; i++)
        {
            var f = layout[groupColumns[i]];
            outLayout.Add((a.Groupings[i].ToString(), new BoundRef(i, f.Type, f.Nullable, f.Name)));
        }
        for (int i = 0; i < calls.Count; i++)
            outLayout.Add((calls[i].ToString(), new BoundRef(g + i, calls[i].Type, calls[i].Nullable, $"_agg{i}")));
        var post = a.Aggregates.Select(e => Unalias(e).TransformDown(x =>
        {
            if (x is Literal) return x;
            string key = x.ToString();
            foreach (var (k, r) in outLayout) if (k == key) return r;
            if (x is AttributeRef attr) throw new InvalidOperationException($"internal error: {attr} is neither grouped nor aggregated");
            return x;
        })).ToList();
        return new ProjectOperator(op, post, a.OutputSchema);
    }

    private static PhysicalOperator PlanJoin(Join j)
    {
        var leftIds = j.Left.Output.Select(a => a.Id).ToHashSet();
        var rightIds = j.Right.Output.Select(a => a.Id).ToHashSet();
        var leftKeys = new List<Expr>();
        var rightKeys = new List<Expr>();
        var residual = new List<Expr>();
        if (j.Condition is not null)
        {
            foreach (var c in LogicalExpr.SplitConjuncts(j.Condition))
            {
                if (c is ComparisonExpr { Op: ComparisonOp.Equal } eq)
                {
                    bool lLeft = Within(eq.Left, leftIds), rRight = Within(eq.Right, rightIds);
                    bool lRight = Within(eq.Left, rightIds), rLeft = Within(eq.Right, leftIds);
                    if (lLeft && rRight) { leftKeys.Add(eq.Left); rightKeys.Add(eq.Right); continue; }
                    if (lRight && rLeft) { leftKeys.Add(eq.Right); rightKeys.Add(eq.Left); continue; }
                }
                residual.Add(c);
            }
        }
        var left = Plan(j.Left);
        var right = Plan(j.Right);
        var joinType = j.JoinType;
        if (leftKeys.Count == 0)
        {
            if (joinType is not (JoinType.Inner or JoinType.Cross))
                throw new NotSupportedException($"{joinType} join needs at least one equality condition between the two sides (col1 == col2); non-equi outer joins are not supported");
            var crossLayout = j.Left.Output.Concat(j.Right.Output).ToList();
            // The condition runs inside the join, before the output rows are materialized.
            return new NestedLoopJoinOperator(left, right, residual.Count > 0 ? Bind(LogicalExpr.And(residual)!, crossLayout) : null);
        }
        if (residual.Count > 0 && joinType != JoinType.Inner)
            throw new NotSupportedException($"{joinType} join with a non-equality condition ({string.Join(" AND ", residual.Select(r => r.PrettyName))}) is not supported; only inner joins accept extra conditions");
        // Key types must match exactly: cast both sides to their common type.
        for (int i = 0; i < leftKeys.Count; i++)
        {
            if (leftKeys[i].Type == rightKeys[i].Type) continue;
            var common = global::Kindling.Plan.Analysis.TypeCoercion.CommonType([leftKeys[i].Type, rightKeys[i].Type]) ?? ColumnType.String;
            leftKeys[i] = TypeCast(leftKeys[i], common);
            rightKeys[i] = TypeCast(rightKeys[i], common);
        }
        var (lop, lLayout, lPos) = Extend(left, j.Left.Output, leftKeys);
        var (rop, rLayout, rPos) = Extend(right, j.Right.Output, rightKeys);
        PhysicalOperator join = new HashJoinOperator(lop, rop, lPos, rPos, joinType);
        bool semi = joinType is JoinType.LeftSemi or JoinType.LeftAnti;
        var layout = semi ? lLayout : lLayout.Concat(rLayout).ToList();
        if (residual.Count > 0) join = new FilterOperator(join, Bind(LogicalExpr.And(residual)!, layout));
        return Restore(join, layout, j.Output);
    }

    private static bool Within(Expr e, HashSet<long> ids)
    {
        bool any = false;
        foreach (var a in e.References()) { if (!ids.Contains(a.Id)) return false; any = true; }
        return any;
    }

    /// <param name="rowNumberLimit">A filter above keeps only row numbers up to this: plan a top-N per group instead of a full window.</param>
    private static PhysicalOperator PlanWindow(Plan.Logical.Window w, int? rowNumberLimit)
    {
        var child = Plan(w.Child);
        var first = (WindowExpr)w.WindowExpressions[0].Child;
        var extra = new List<Expr>();
        extra.AddRange(first.PartitionBy);
        extra.AddRange(first.OrderBy.Cast<SortOrder>().Select(o => o.Child));
        foreach (var alias in w.WindowExpressions)
        {
            var fn = ((WindowExpr)alias.Child).Function;
            if (fn.Children.Count > 0) extra.Add(fn.Children[0]);
        }
        var (pre, layout, positions) = Extend(child, w.Child.Output, extra);
        int p = 0;
        var partitionColumns = positions[..first.PartitionBy.Count];
        p += first.PartitionBy.Count;
        var orderKeys = first.OrderBy.Cast<SortOrder>().Select((o, i) => new SortKey(positions[p + i], o.Ascending, o.NullsFirst)).ToArray();
        p += first.OrderBy.Count;
        var calls = new List<WindowCall>();
        foreach (var alias in w.WindowExpressions)
        {
            var we = (WindowExpr)alias.Child;
            int input = -1;
            if (we.Function.Children.Count > 0) input = positions[p++];
            calls.Add(we.Function switch
            {
                WindowFunctionExpr wf => new WindowCall(wf.Function, input, alias.Name, we.Frame, wf.Offset, wf.DefaultValue),
                AggregateExpr agg => new WindowCall(ToWindowFunction(agg), input, alias.Name, we.Frame),
                _ => throw new InvalidOperationException($"internal error: {we.Function} over a window"),
            });
        }
        PhysicalOperator op = rowNumberLimit is int limit
            ? new WindowTopNOperator(pre, partitionColumns, orderKeys, limit, calls[0].OutputName)
            : new WindowOperator(pre, partitionColumns, orderKeys, [.. calls]);
        var outLayout = layout.Concat(w.WindowExpressions.Select(a => a.ToAttribute())).ToList();
        return Restore(op, outLayout, w.Output);
    }

    /// <summary>
    /// The k of a filter condition that keeps only <c>row_number() &lt;= k</c> (or &lt; k+1, or = 1) of a window
    /// computing nothing but a partitioned row_number, or null.
    /// </summary>
    private static int? RowNumberLimit(Expr condition, Plan.Logical.Window w)
    {
        if (w.WindowExpressions.Count != 1) return null;
        var alias = w.WindowExpressions[0];
        if (alias.Child is not WindowExpr { Function: WindowFunctionExpr { Function: WindowFunction.RowNumber } } we || we.PartitionBy.Count == 0) return null;
        long id = alias.ToAttribute().Id;
        int? limit = null;
        foreach (var c in LogicalExpr.SplitConjuncts(condition))
        {
            if (c is not ComparisonExpr cmp) continue;
            var (attribute, op, constant) = cmp switch
            {
                { Left: AttributeRef a, Right: Literal l } => (a, cmp.Op, l),
                { Left: Literal l, Right: AttributeRef a } => (a, cmp.Op.Flip(), l),
                _ => ((AttributeRef?)null, cmp.Op, (Literal?)null),
            };
            if (attribute?.Id != id || constant?.Value is not (int or long)) continue;
            long v = Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
            long? k = op switch
            {
                ComparisonOp.LessThanOrEqual => v,
                ComparisonOp.LessThan => v - 1,
                ComparisonOp.Equal when v == 1 => 1,
                _ => null,
            };
            if (k is >= 1 and <= 1_000_000) limit = (int)Math.Min(limit ?? int.MaxValue, k.Value);
        }
        return limit;
    }

    private static WindowFunction ToWindowFunction(AggregateExpr agg) => agg.Function switch
    {
        AggregateFunction.Sum => WindowFunction.Sum,
        AggregateFunction.Count or AggregateFunction.CountAll => WindowFunction.Count,
        AggregateFunction.Min => WindowFunction.Min,
        AggregateFunction.Max => WindowFunction.Max,
        AggregateFunction.Avg => WindowFunction.Avg,
        AggregateFunction.First => WindowFunction.First,
        AggregateFunction.Last => WindowFunction.Last,
        _ => throw new NotSupportedException($"{agg.DisplayName} is not supported over a window"),
    };

    /// <param name="filter">The condition of a filter directly above the scan: its simple conjuncts on data columns are pushed into the scan.</param>
    private static PhysicalOperator PlanScan(FileRelation f, Expr? filter)
    {
        var partitionFilter = f.PartitionFilter is null ? null : CompilePartitionFilter(f.PartitionFilter, f);
        var dataFilters = filter is null ? [] : ScanPredicates.From(filter, f);
        return new FileScanOperator(f.Format, f.Files, f.DataSchema, [.. f.Output.Select(o => o.Name)], f.Options, partitionFilter, dataFilters);
    }

    /// <summary>
    /// A predicate over one file's partition values (CLR objects as PartitionDiscovery gives them: int, long,
    /// decimal, double, DateOnly, DateTime, string, null), evaluated with the same kernels on a one-row batch.
    /// </summary>
    internal static Func<object?[], bool> CompilePartitionFilter(Expr filter, FileRelation f)
    {
        var partSchema = f.Files.PartitionSchema;
        var partAttrs = partSchema.Fields.Select(pf => f.Output.FirstOrDefault(o => string.Equals(o.Name, pf.Name, StringComparison.OrdinalIgnoreCase)) ?? AttributeRef.Create(pf.Name, pf.Type, true)).ToList();
        var bound = Bind(filter, partAttrs);
        var schema = new Schema(partAttrs.Select(a => a.ToField()).ToList());
        return values =>
        {
            var cols = new ColumnVector[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                var lit = Literal.FromObject(values[i]);
                cols[i] = CastKernels.Cast(VectorKernels.Constant(lit.Value, lit.Type, 1), partSchema[i].Type);
            }
            var mask = ExpressionEvaluator.Bool(bound, new ColumnBatch(schema, cols, 1));
            return mask.IsValid(0) && mask[0] == 1;
        };
    }
}
