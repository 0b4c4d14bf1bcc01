using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Plan.Analysis;

/// <summary>
/// Spark's implicit casts (TypeCoercion + DecimalPrecision, non-ANSI): numeric widening, string operands
/// in arithmetic become double, strings compared with other types are cast to that type, date vs
/// timestamp compares as timestamp, CASE/COALESCE/IN branches share their common type.
/// </summary>
internal static class TypeCoercion
{
    public static bool IsNumeric(ColumnType t) => t.Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Float32 or TypeKind.Float64 or TypeKind.Decimal;

    private static int Rank(TypeKind k) => k switch
    {
        TypeKind.Int32 => 1,
        TypeKind.Int64 => 2,
        TypeKind.Decimal => 3,
        TypeKind.Float32 => 4,
        TypeKind.Float64 => 5,
        _ => 0,
    };

    /// <summary>The wider of two numeric types (Spark's findWiderTypeForTwo on numerics).</summary>
    public static ColumnType WiderNumeric(ColumnType a, ColumnType b)
    {
        if (a == b) return a;
        if (a.Kind == TypeKind.Decimal || b.Kind == TypeKind.Decimal)
        {
            if (a.Kind is TypeKind.Float32 or TypeKind.Float64 || b.Kind is TypeKind.Float32 or TypeKind.Float64) return ColumnType.Float64;
            return DecimalPrecision.Wider(DecimalPrecision.ForType(a)!, DecimalPrecision.ForType(b)!);
        }
        return Rank(a.Kind) >= Rank(b.Kind) ? a : b;
    }

    /// <summary>The common type of branch values (CASE, COALESCE, IN, UNION), or null when there is none.</summary>
    public static ColumnType? CommonType(IEnumerable<ColumnType> types)
    {
        ColumnType? result = null;
        foreach (var t in types)
        {
            if (t.Kind == TypeKind.Null) continue;
            if (result is null || result == t) { result = t; continue; }
            if (result.Kind == TypeKind.Array || t.Kind == TypeKind.Array) return null; // arrays only meet their own type
            if (IsNumeric(result) && IsNumeric(t)) result = WiderNumeric(result, t);
            else if (result.Kind is TypeKind.Date or TypeKind.Timestamp && t.Kind is TypeKind.Date or TypeKind.Timestamp) result = ColumnType.Timestamp;
            else if (result.Kind == TypeKind.String || t.Kind == TypeKind.String) result = ColumnType.String;
            else return null;
        }
        return result ?? ColumnType.Null;
    }

    public static Expr CastIfNeeded(Expr e, ColumnType to)
    {
        if (e.Type == to) return e;
        if (e is Literal { Value: null }) return new Literal(null, to);
        return new CastExpr(e, to);
    }

    /// <summary>Applies the coercion rule for one node whose children are resolved.</summary>
    public static Expr Coerce(Expr e) => e switch
    {
        ArithmeticExpr a => CoerceArithmetic(a),
        ComparisonExpr c => CoerceComparison(c),
        LogicalExpr l => l.WithChildren([ToBoolean(l.Left), ToBoolean(l.Right)]),
        NotExpr n => n.WithChildren([ToBoolean(n.Child)]),
        NegateExpr n when n.Child.Type.Kind == TypeKind.String => n.WithChildren([new CastExpr(n.Child, ColumnType.Float64)]),
        NegateExpr n when n.Child.Type.Kind == TypeKind.Null => n.WithChildren([new Literal(null, ColumnType.Int32)]),
        CaseWhenExpr cw => CoerceCaseWhen(cw),
        InExpr i => CoerceAll(i, i.Children),
        WindowExpr w => RejectArrayWindow(w),
        CastExpr c when c.Type != c.Child.Type && (c.Type.Kind == TypeKind.Array || c.Child.Type.Kind == TypeKind.Array)
            && c.Type.Kind != TypeKind.String && c.Child.Type.Kind != TypeKind.Null => RejectArrayCast(c),
        _ => e,
    };

    private static Expr RejectArrayCast(CastExpr c)
    {
        PlanThrow.TypeMismatch($"[CAST_WITHOUT_SUGGESTION] cannot cast {c.Child.PrettyName} from {c.Child.Type} to {c.Type}: arrays cast only to string");
        return c;
    }

    /// <summary>The window operator partitions, orders and frames scalar values only.</summary>
    private static Expr RejectArrayWindow(WindowExpr w)
    {
        foreach (var p in w.PartitionBy) PlanThrow.IfArrayKey("Partitioning a window by", p);
        foreach (var o in w.OrderBy) PlanThrow.IfArrayKey("Ordering a window by", o is SortOrder so ? so.Child : o);
        if (w.Function is not AggregateExpr { Function: Execution.Operators.Aggregate.AggregateFunction.Count or Execution.Operators.Aggregate.AggregateFunction.CountAll })
            foreach (var input in w.Function.Children) PlanThrow.IfArrayKey($"The window function {w.Function.PrettyName} over", input);
        return w;
    }

    private static Expr ToBoolean(Expr e) => e.Type.Kind == TypeKind.Boolean ? e : e.Type.Kind == TypeKind.Null
        ? new Literal(null, ColumnType.Boolean)
        : e.Type.Kind == TypeKind.String ? new CastExpr(e, ColumnType.Boolean)
        : throw new AnalysisException($"[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] {e.PrettyName} must be boolean, not {e.Type}");

    private static Expr CoerceAll(Expr node, IReadOnlyList<Expr> children)
    {
        var common = CommonType(children.Select(c => c.Type))
            ?? throw new AnalysisException($"[DATATYPE_MISMATCH.DATA_DIFF_TYPES] {node.PrettyName}: input types ({string.Join(", ", children.Select(c => c.Type))}) have no common type");
        if (common.Kind == TypeKind.Null) return node;
        return node.WithChildren([.. children.Select(c => CastIfNeeded(c, common))]);
    }

    private static Expr CoerceCaseWhen(CaseWhenExpr cw)
    {
        var children = cw.Children.ToArray();
        var values = new List<int>();
        for (int i = 0; i < cw.BranchCount; i++)
        {
            children[2 * i] = ToBoolean(children[2 * i]);
            values.Add(2 * i + 1);
        }
        if (cw.HasElse) values.Add(children.Length - 1);
        var common = CommonType(values.Select(i => children[i].Type))
            ?? throw new AnalysisException($"[DATATYPE_MISMATCH.DATA_DIFF_TYPES] {cw.PrettyName}: THEN and ELSE types ({string.Join(", ", values.Select(i => children[i].Type))}) have no common type");
        foreach (int i in values) children[i] = CastIfNeeded(children[i], common);
        return cw.WithChildren(children);
    }

    private static Expr CoerceArithmetic(ArithmeticExpr a)
    {
        Expr l = a.Left, r = a.Right;
        if (l.Type.Kind == TypeKind.Null && r.Type.Kind == TypeKind.Null) { l = new Literal(null, ColumnType.Float64); r = l; }
        if (l.Type.Kind == TypeKind.Null) l = new Literal(null, r.Type.Kind == TypeKind.String ? ColumnType.Float64 : r.Type);
        if (r.Type.Kind == TypeKind.Null) r = new Literal(null, l.Type.Kind == TypeKind.String ? ColumnType.Float64 : l.Type);
        if (l.Type.Kind == TypeKind.String) l = new CastExpr(l, ColumnType.Float64);
        if (r.Type.Kind == TypeKind.String) r = new CastExpr(r, ColumnType.Float64);
        if (!IsNumeric(l.Type) || !IsNumeric(r.Type))
            PlanThrow.TypeMismatch($"Cannot resolve \"{a.PrettyName}\": the operator {a.Symbol} requires numeric operands, got {l.Type} and {r.Type}");

        if (l.Type.Kind == TypeKind.Decimal || r.Type.Kind == TypeKind.Decimal)
        {
            if (l.Type.Kind is TypeKind.Float32 or TypeKind.Float64 || r.Type.Kind is TypeKind.Float32 or TypeKind.Float64)
            {
                l = CastIfNeeded(l, ColumnType.Float64);
                r = CastIfNeeded(r, ColumnType.Float64);
            }
            else
            {
                l = ToDecimal(l);
                r = ToDecimal(r);
            }
            return new ArithmeticExpr(a.Op, l, r);
        }
        if (a.Op == ArithmeticOp.Divide)
            return new ArithmeticExpr(a.Op, CastIfNeeded(l, ColumnType.Float64), CastIfNeeded(r, ColumnType.Float64));
        var wider = WiderNumeric(l.Type, r.Type);
        return new ArithmeticExpr(a.Op, CastIfNeeded(l, wider), CastIfNeeded(r, wider));
    }

    private static Expr ToDecimal(Expr e) => e.Type.Kind == TypeKind.Decimal ? e
        : e is Literal lit && lit.Value is not null ? new CastExpr(e, DecimalPrecision.ForLiteral(lit))
        : new CastExpr(e, DecimalPrecision.ForType(e.Type)!);

    private static Expr CoerceComparison(ComparisonExpr c)
    {
        Expr l = c.Left, r = c.Right;
        ColumnType lt = l.Type, rt = r.Type;
        if (lt.Kind == TypeKind.Array || rt.Kind == TypeKind.Array)
            PlanThrow.TypeMismatch($"Cannot resolve \"{c.PrettyName}\": comparing array values (\"{lt}\" {c.Symbol} \"{rt}\") is not supported by the engine; compare elements with element_at or array_contains");
        if (lt == rt) return c;
        if (lt.Kind == TypeKind.Null) return new ComparisonExpr(c.Op, new Literal(null, rt), r);
        if (rt.Kind == TypeKind.Null) return new ComparisonExpr(c.Op, l, new Literal(null, lt));
        ColumnType target;
        if (IsNumeric(lt) && IsNumeric(rt)) target = WiderNumeric(lt, rt);
        else if (lt.Kind == TypeKind.String) target = rt;   // Spark 3: the string side is cast to the other type
        else if (rt.Kind == TypeKind.String) target = lt;
        else if (lt.Kind is TypeKind.Date or TypeKind.Timestamp && rt.Kind is TypeKind.Date or TypeKind.Timestamp) target = ColumnType.Timestamp;
        else
        {
            PlanThrow.TypeMismatch($"Cannot resolve \"{c.PrettyName}\" due to data type mismatch: the left and right operands of {c.Symbol} have different types (\"{lt}\" and \"{rt}\")");
            return c;
        }
        return new ComparisonExpr(c.Op, CastIfNeeded(l, target), CastIfNeeded(r, target));
    }
}
