using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Vectors;

namespace Kindling.Plan.Analysis;

/// <summary>
/// Resolves user expressions against a plan's output (Catalyst's Analyzer): names to attributes
/// (case-insensitive; ambiguity is an error listing the candidates), functions through the registry,
/// then Spark's implicit casts. Runs eagerly as the DataFrame is built, so errors surface at the call
/// that caused them, as in Spark.
/// </summary>
internal static class Analyzer
{
    public static Expr Resolve(Expr e, IReadOnlyList<AttributeRef> input) => e.TransformUp(node => node switch
    {
        UnresolvedAttribute u when u.IsStar => throw new AnalysisException("'*' can only be used in Select or Count"),
        UnresolvedAttribute u => ResolveName(u.Name, input),
        AttributeRef a => ResolveAttribute(a, input),
        UnresolvedFunction f => TypeCoercion.Coerce(FunctionRegistry.Resolve(f)),
        ArrayItemExpr item => FunctionRegistry.ResolveArrayItem(item),
        LikeExpr l when l.Child.Type.Kind != TypeKind.String => l.WithChildren([TypeCoercion.CastIfNeeded(l.Child, ColumnType.String)]),
        _ => TypeCoercion.Coerce(node),
    });

    public static Expr ResolveName(string name, IReadOnlyList<AttributeRef> input)
    {
        AttributeRef? found = null;
        List<AttributeRef>? ambiguous = null;
        foreach (var a in input)
        {
            if (!string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
            if (found is null) found = a;
            else if (found.Id != a.Id) (ambiguous ??= [found]).Add(a);
        }
        if (ambiguous is not null) PlanThrow.Ambiguous(name, ambiguous.Select(a => a.Name + "#" + a.Id));
        if (found is null)
        {
            // Accept a qualified name "t.col" when the bare column is unique (no table aliases yet).
            int dot = name.LastIndexOf('.');
            if (dot > 0 && dot < name.Length - 1) return ResolveName(name[(dot + 1)..], input);
            PlanThrow.ColumnNotFound(name, input.Select(a => a.Name));
        }
        return found;
    }

    private static Expr ResolveAttribute(AttributeRef a, IReadOnlyList<AttributeRef> input)
    {
        foreach (var x in input) if (x.Id == a.Id) return x;
        // A column taken from another DataFrame (df2["x"] used on df1): resolve by name when unambiguous.
        return ResolveName(a.Name, input);
    }

    /// <summary>Gives a resolved expression a name: attributes keep theirs, others are aliased with the user's text.</summary>
    public static Expr Named(Expr resolved, Expr unresolved) => resolved switch
    {
        AttributeRef or Alias => resolved,
        _ => new Alias(resolved, unresolved.PrettyName),
    };

    public static bool ContainsAggregate(Expr e) =>
        e.Any(x => x is AggregateExpr) && !e.Any(x => x is WindowExpr w && w.Function is AggregateExpr);

    public static Expr RequireBoolean(Expr e, string where)
    {
        if (e.Type.Kind == TypeKind.Boolean) return e;
        if (e.Type.Kind is TypeKind.Null or TypeKind.String) return TypeCoercion.CastIfNeeded(e, ColumnType.Boolean);
        PlanThrow.TypeMismatch($"{where} condition {e.PrettyName} must be boolean, not {e.Type}");
        return e;
    }

    /// <summary>
    /// Builds Project (or a global Aggregate when the list holds aggregates, or Window nodes below a
    /// Project when it holds window functions) of user expressions over <paramref name="child"/>.
    /// </summary>
    public static LogicalPlan BuildProject(LogicalPlan child, IReadOnlyList<Expr> userExprs)
    {
        var named = new List<Expr>();
        foreach (var u in userExprs)
        {
            if (u is UnresolvedAttribute { IsStar: true })
            {
                named.AddRange(child.Output);
                continue;
            }
            named.Add(Named(Resolve(u, child.Output), u));
        }
        if (named.Any(ContainsAggregate))
            return new Aggregate([], named, child);
        if (named.Any(e => e.Any(x => x is WindowExpr)))
            return ExtractWindows(child, named);
        return new Project(named, child);
    }

    /// <summary>Catalyst's ExtractWindowExpressions: one Window node per distinct (partition, order, frame) spec.</summary>
    private static LogicalPlan ExtractWindows(LogicalPlan child, List<Expr> named)
    {
        var windows = new List<(string Spec, List<Alias> Exprs)>();
        var rewritten = new List<Expr>();
        foreach (var e in named)
        {
            rewritten.Add(e.TransformDown(x =>
            {
                if (x is not WindowExpr w) return x;
                if (w.Function is not (AggregateExpr or WindowFunctionExpr))
                    PlanThrow.Analysis($"{w.Function.PrettyName} is not a window function; use an aggregate or a ranking function with Over()");
                string spec = string.Join(",", w.PartitionBy) + "|" + string.Join(",", w.OrderBy) + "|" + w.Frame;
                var alias = new Alias(w, w.PrettyName);
                int i = windows.FindIndex(x => x.Spec == spec);
                if (i < 0) windows.Add((spec, [alias]));
                else windows[i].Exprs.Add(alias);
                return alias.ToAttribute();
            }));
        }
        LogicalPlan plan = child;
        foreach (var (_, exprs) in windows) plan = new Logical.Window(exprs, plan);
        return new Project(rewritten, plan);
    }

    /// <summary>GroupBy(...).Agg(...): the output is the grouping columns then the aggregates, as in Spark.</summary>
    public static LogicalPlan BuildAggregate(LogicalPlan child, IReadOnlyList<Expr> userGroupings, IReadOnlyList<Expr> userAggs, bool includeGroupings = true)
    {
        var groupings = userGroupings.Select(g => Resolve(g, child.Output)).ToList();
        var output = new List<Expr>();
        if (includeGroupings)
            for (int i = 0; i < groupings.Count; i++) output.Add(Named(groupings[i], userGroupings[i]));
        foreach (var u in userAggs)
        {
            if (u is UnresolvedAttribute { IsStar: true }) PlanThrow.Analysis("SELECT * cannot be used with GROUP BY; list the grouping columns and aggregates");
            var r = Named(Resolve(u, child.Output), u);
            CheckAggregateExpression(r, groupings);
            output.Add(r);
        }
        return new Aggregate(groupings.Select(g => g is Alias a ? a.Child : g).ToList(), output, child);
    }

    private static void CheckAggregateExpression(Expr e, List<Expr> groupings)
    {
        bool Check(Expr x)
        {
            if (x is AggregateExpr || x is Literal) return true;
            if (groupings.Any(g => SameExpr(g is Alias a ? a.Child : g, x))) return true;
            if (x is AttributeRef attr)
                PlanThrow.Analysis($"[MISSING_AGGREGATION] The non-aggregating expression `{attr.Name}` is based on columns which are not participating in the GROUP BY clause. Add it to GroupBy or wrap it in first() or any aggregate.");
            foreach (var c in x.Children) Check(c);
            return true;
        }
        Check(e is Alias al ? al.Child : e);
    }

    public static bool SameExpr(Expr a, Expr b) => a.ToString() == b.ToString();
}
