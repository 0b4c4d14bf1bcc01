using Kindling.Execution.Operators.Aggregate;
using Kindling.Execution.Operators.Window;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Plan.Analysis;

/// <summary>
/// Resolves function calls by name (Spark's FunctionRegistry): checks and coerces argument types and
/// fixes the result type. Names are Spark's SQL names, which also become the default column names.
/// </summary>
internal static class FunctionRegistry
{
    public static Expr Resolve(UnresolvedFunction f)
    {
        var a = f.Children;
        string name = f.Name.ToLowerInvariant();
        if (name is "hash" or "xxhash64" or "greatest" or "least" or "concat" or "concat_ws")
            foreach (var arg in a) PlanThrow.IfArrayKey($"{name}() of", arg);
        switch (name)
        {
            // ---- aggregates
            case "count":
                if (f.Distinct) return Agg(AggregateFunction.CountDistinct, a.Count == 1 ? a : [DistinctKey(a)], ColumnType.Int64, "count");
                if (a.Count == 1 && a[0] is Literal { Value: not null })
                    return new AggregateExpr(AggregateFunction.CountAll, [], ColumnType.Int64, "count");
                return Agg(AggregateFunction.Count, a, ColumnType.Int64, "count");
            case "approx_count_distinct":
                return Agg(AggregateFunction.CountDistinct, a, ColumnType.Int64, "approx_count_distinct");
            case "sum":
            {
                var arg = Numeric(a[0], name);
                var t = arg.Type.Kind switch
                {
                    TypeKind.Decimal => DecimalPrecision.Bounded(arg.Type.Precision + 10, arg.Type.Scale),
                    TypeKind.Int32 or TypeKind.Int64 => ColumnType.Int64,
                    _ => ColumnType.Float64,
                };
                return Agg(f.Distinct ? AggregateFunction.SumDistinct : AggregateFunction.Sum, [arg], t, "sum");
            }
            case "avg":
            case "mean":
            {
                var arg = Numeric(a[0], name);
                var t = arg.Type.Kind == TypeKind.Decimal
                    ? DecimalPrecision.Bounded(arg.Type.Precision + 4, arg.Type.Scale + 4)
                    : ColumnType.Float64;
                return Agg(AggregateFunction.Avg, [arg], t, "avg");
            }
            case "min": return Agg(AggregateFunction.Min, a, a[0].Type, "min");
            case "max": return Agg(AggregateFunction.Max, a, a[0].Type, "max");
            case "first":
            case "last":
            {
                bool ignoreNulls = a.Count > 1 && a[1] is Literal { Value: true };
                return new AggregateExpr(name == "first" ? AggregateFunction.First : AggregateFunction.Last, [a[0]], a[0].Type, name, ignoreNulls);
            }
            // The statistical aggregates read any numeric input as double themselves (exactly, for small integers in
            // corr): no cast column is materialized for them.
            case "stddev":
            case "stddev_samp": return Agg(AggregateFunction.StddevSamp, [Numeric(a[0], name)], ColumnType.Float64, name);
            case "stddev_pop": return Agg(AggregateFunction.StddevPop, [Numeric(a[0], name)], ColumnType.Float64, name);
            case "variance":
            case "var_samp": return Agg(AggregateFunction.VarianceSamp, [Numeric(a[0], name)], ColumnType.Float64, name);
            case "var_pop": return Agg(AggregateFunction.VariancePop, [Numeric(a[0], name)], ColumnType.Float64, name);
            case "corr": return Agg(AggregateFunction.Corr, [Numeric(a[0], name), Numeric(a[1], name)], ColumnType.Float64, name);
            case "median":
                return new AggregateExpr(AggregateFunction.Percentile, [Numeric(a[0], name)], ColumnType.Float64, name);
            case "percentile":
                return new AggregateExpr(AggregateFunction.Percentile, [Numeric(a[0], name)], ColumnType.Float64, name, percentage: Percentage(a, name));
            case "percentile_approx":
            case "approx_percentile":
            {
                // An element of the column, so Spark returns the column's own type.
                var arg = Numeric(a[0], name);
                if (a.Count > 2) IntArg(a[2], name); // the accuracy: the answer is exact whatever it is
                var percentile = new AggregateExpr(AggregateFunction.PercentileApprox, [arg], ColumnType.Float64, name, percentage: Percentage(a, name));
                return TypeCoercion.CastIfNeeded(percentile, arg.Type);
            }

            // ---- window functions
            case "row_number": return new WindowFunctionExpr(WindowFunction.RowNumber, [], ColumnType.Int32, name);
            case "rank": return new WindowFunctionExpr(WindowFunction.Rank, [], ColumnType.Int32, name);
            case "dense_rank": return new WindowFunctionExpr(WindowFunction.DenseRank, [], ColumnType.Int32, name);
            case "percent_rank": return new WindowFunctionExpr(WindowFunction.PercentRank, [], ColumnType.Float64, name);
            case "cume_dist": return new WindowFunctionExpr(WindowFunction.CumeDist, [], ColumnType.Float64, name);
            case "ntile": return new WindowFunctionExpr(WindowFunction.Ntile, [], ColumnType.Int32, name, IntArg(a[0], name));
            case "lag":
            case "lead":
            {
                object? def = a.Count > 2 && a[2] is Literal l ? ConvertDefault(l, a[0].Type) : null;
                return new WindowFunctionExpr(name == "lag" ? WindowFunction.Lag : WindowFunction.Lead, [a[0]], a[0].Type, name, IntArg(a[1], name), def);
            }

            // ---- scalar
            case Nondeterministic.MonotonicallyIncreasingId:
                if (a.Count != 0) throw new AnalysisException($"{name}() takes no arguments");
                return new ScalarFunctionExpr(name, [], ColumnType.Int64, false);
            case "coalesce":
            {
                var common = TypeCoercion.CommonType(a.Select(x => x.Type)) ?? throw new AnalysisException($"coalesce: arguments ({string.Join(", ", a.Select(x => x.Type))}) have no common type");
                return new ScalarFunctionExpr(name, [.. a.Select(x => TypeCoercion.CastIfNeeded(x, common))], common, a.All(x => x.Nullable));
            }
            case "greatest":
            case "least":
            {
                var common = TypeCoercion.CommonType(a.Select(x => x.Type)) ?? throw new AnalysisException($"{name}: arguments have no common type");
                return new ScalarFunctionExpr(name, [.. a.Select(x => TypeCoercion.CastIfNeeded(x, common))], common, a.All(x => x.Nullable));
            }
            case "isnull": return new IsNullExpr(a[0], false);
            case "abs": return new ScalarFunctionExpr(name, [Numeric(a[0], name)], Numeric(a[0], name).Type, false);
            case "round":
            case "bround":
            {
                var arg = Numeric(a[0], name);
                int scale = a.Count > 1 ? IntArg(a[1], name) : 0;
                var t = arg.Type;
                if (t.Kind == TypeKind.Decimal)
                {
                    int newScale = scale >= t.Scale ? t.Scale : Math.Max(scale, 0);
                    t = DecimalPrecision.Bounded(t.Precision - t.Scale + 1 + newScale, newScale);
                }
                return new ScalarFunctionExpr(name, [arg, Lit(scale)], t, false);
            }
            case "floor":
            case "ceil":
            {
                var arg = Numeric(a[0], name);
                var t = arg.Type.Kind == TypeKind.Decimal ? DecimalPrecision.Bounded(arg.Type.Precision - arg.Type.Scale + 1, 0) : ColumnType.Int64;
                return new ScalarFunctionExpr(name, [arg], t, false);
            }
            case "sqrt": return new ScalarFunctionExpr(name, [ToDouble(a[0], name)], ColumnType.Float64, false);
            case "power":
            case "pow": return new ScalarFunctionExpr("POWER", [ToDouble(a[0], name), ToDouble(a[1], name)], ColumnType.Float64, false);

            // ---- strings
            case "lower":
            case "upper":
            case "trim": return new ScalarFunctionExpr(name, [Str(a[0])], ColumnType.String, false);
            case "length": return new ScalarFunctionExpr(name, [Str(a[0])], ColumnType.Int32, false);
            case "substring": return new ScalarFunctionExpr(name, [Str(a[0]), Lit(IntArg(a[1], name)), Lit(IntArg(a[2], name))], ColumnType.String, false);
            case "concat": return new ScalarFunctionExpr(name, [.. a.Select(Str)], ColumnType.String, false);
            case "concat_ws": return new ScalarFunctionExpr(name, [a[0], .. a.Skip(1).Select(Str)], ColumnType.String, false);
            case "regexp_extract": return new ScalarFunctionExpr(name, [Str(a[0]), a[1], Lit(IntArg(a[2], name))], ColumnType.String, false);
            case "regexp_replace": return new ScalarFunctionExpr(name, [Str(a[0]), a[1], a[2]], ColumnType.String, false);
            case "lpad": return new ScalarFunctionExpr(name, [Str(a[0]), Lit(IntArg(a[1], name)), a[2]], ColumnType.String, false);
            case "instr": return new ScalarFunctionExpr(name, [Str(a[0]), a[1]], ColumnType.Int32, false);
            case "translate": return new ScalarFunctionExpr(name, [Str(a[0]), a[1], a[2]], ColumnType.String, false);
            case "md5": return new ScalarFunctionExpr(name, [Str(a[0])], ColumnType.String, false);
            case "sha2":
            {
                int bits = IntArg(a[1], name);
                return new ScalarFunctionExpr(name, [Str(a[0]), Lit(bits)], ColumnType.String, bits is not (0 or 224 or 256 or 384 or 512));
            }
            case "crc32": return new ScalarFunctionExpr(name, [Str(a[0])], ColumnType.Int64, false);
            case "hash": return new ScalarFunctionExpr(name, a, ColumnType.Int32, false);
            case "xxhash64": return new ScalarFunctionExpr(name, a, ColumnType.Int64, false);
            case "split":
            {
                if (a.Count is < 2 or > 3) PlanThrow.Analysis($"[WRONG_NUM_ARGS] split takes 2 or 3 arguments (str, regex[, limit]), got {a.Count}");
                if (a[1] is not Literal { Value: string or null }) PlanThrow.Analysis($"split: the pattern must be a constant string, got {a[1].PrettyName}");
                return new ScalarFunctionExpr(name, [Str(a[0]), Str(a[1]), Lit(a.Count > 2 ? IntArg(a[2], name) : -1)], ColumnType.Array(ColumnType.String), false);
            }

            // ---- arrays
            case "size":
            case "cardinality":
                return new ScalarFunctionExpr(name, [ArrayArg(One(a, name), name)], ColumnType.Int32, false);
            case "element_at":
            {
                if (a.Count != 2) PlanThrow.Analysis($"[WRONG_NUM_ARGS] element_at takes 2 arguments (array, index), got {a.Count}");
                var array = ArrayArg(a[0], name);
                return new ScalarFunctionExpr(name, [array, Index(a[1], name)], array.Type.Element!, true);
            }
            case "array_contains":
            {
                if (a.Count != 2) PlanThrow.Analysis($"[WRONG_NUM_ARGS] array_contains takes 2 arguments (array, value), got {a.Count}");
                var array = ArrayArg(a[0], name);
                return new ScalarFunctionExpr(name, [array, ElementArg(a[1], array.Type.Element!, name)], ColumnType.Boolean, true);
            }

            // ---- dates and times
            case "to_date":
                if (a.Count == 1) return TypeCoercion.CastIfNeeded(a[0], ColumnType.Date);
                return new ScalarFunctionExpr(name, [Str(a[0]), .. a.Skip(1)], ColumnType.Date, true);
            case "to_timestamp":
                if (a.Count == 1) return TypeCoercion.CastIfNeeded(a[0], ColumnType.Timestamp);
                return new ScalarFunctionExpr(name, [Str(a[0]), a[1]], ColumnType.Timestamp, true);
            case "date_format": return new ScalarFunctionExpr(name, [ToTimestamp(a[0]), a[1]], ColumnType.String, true);
            case "date_trunc": return new ScalarFunctionExpr(name, [a[0], ToTimestamp(a[1])], ColumnType.Timestamp, true);
            case "year":
            case "month":
            case "dayofmonth":
            case "dayofweek":
            case "quarter":
            case "weekofyear": return new ScalarFunctionExpr(name, [ToDate(a[0])], ColumnType.Int32, false);
            case "hour":
            case "minute":
            case "second": return new ScalarFunctionExpr(name, [ToTimestamp(a[0])], ColumnType.Int32, false);
            case "current_date": return new ScalarFunctionExpr(name, [], ColumnType.Date, false);
            case "unix_timestamp":
                return new ScalarFunctionExpr(name, [a[0].Type.Kind == TypeKind.String ? a[0] : ToTimestamp(a[0]), a.Count > 1 ? a[1] : Lit("yyyy-MM-dd HH:mm:ss")], ColumnType.Int64, true);
            case "from_unixtime":
                return new ScalarFunctionExpr(name, [TypeCoercion.CastIfNeeded(a[0], ColumnType.Int64), a.Count > 1 ? a[1] : Lit("yyyy-MM-dd HH:mm:ss")], ColumnType.String, true);
            case "date_add":
            case "date_sub": return new ScalarFunctionExpr(name, [ToDate(a[0]), TypeCoercion.CastIfNeeded(a[1], ColumnType.Int32)], ColumnType.Date, false);
            case "datediff": return new ScalarFunctionExpr(name, [ToDate(a[0]), ToDate(a[1])], ColumnType.Int32, false);
            case "add_months": return new ScalarFunctionExpr(name, [ToDate(a[0]), TypeCoercion.CastIfNeeded(a[1], ColumnType.Int32)], ColumnType.Date, false);
            case "last_day": return new ScalarFunctionExpr(name, [ToDate(a[0])], ColumnType.Date, false);
        }
        throw new AnalysisException($"[UNRESOLVED_ROUTINE] Cannot resolve function `{f.Name}`");
    }

    /// <summary>
    /// count(DISTINCT a, b, ...) counts distinct non-null tuples: they become one length-prefixed string key
    /// (null when any part is null), so the single-input CountDistinct aggregate can count them.
    /// </summary>
    private static Expr DistinctKey(IReadOnlyList<Expr> args)
    {
        var parts = new List<Expr>();
        Expr? anyNull = null;
        foreach (var arg in args)
        {
            var str = TypeCoercion.CastIfNeeded(arg, ColumnType.String);
            parts.Add(new CastExpr(new ScalarFunctionExpr("length", [str], ColumnType.Int32, false), ColumnType.String));
            parts.Add(Lit(":"));
            parts.Add(str);
            Expr isNull = new IsNullExpr(arg, false);
            anyNull = anyNull is null ? isNull : new LogicalExpr(false, anyNull, isNull);
        }
        var key = new ScalarFunctionExpr("concat", parts, ColumnType.String, false);
        return new CaseWhenExpr([anyNull!, new Literal(null, ColumnType.String), key], true);
    }

    private static AggregateExpr Agg(AggregateFunction fn, IReadOnlyList<Expr> args, ColumnType type, string display) =>
        new(fn, args, type, display);

    private static Literal Lit(int v) => new(v, ColumnType.Int32);

    /// <summary>The constant percentage (0 to 1) of a percentile function's second argument.</summary>
    private static double Percentage(IReadOnlyList<Expr> a, string fn)
    {
        if (a.Count < 2) throw new AnalysisException($"{fn} needs a column and a percentage");
        double? p = a[1] is Literal { Value: not null } l && TypeCoercion.IsNumeric(l.Type)
            ? Convert.ToDouble(l.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        if (p is null)
            throw new AnalysisException($"{fn}: the percentage must be one numeric constant between 0 and 1 (arrays of percentages are not supported), got {a[1].PrettyName}");
        if (p < 0 || p > 1 || double.IsNaN(p.Value)) throw new AnalysisException($"{fn}: the percentage must be between 0 and 1, got {p}");
        return p.Value;
    }

    private static Literal Lit(string v) => new(v, ColumnType.String);

    private static int IntArg(Expr e, string fn) => e is Literal { Value: int i } ? i
        : e is Literal { Value: long l } ? checked((int)l)
        : throw new AnalysisException($"{fn}: expected an integer constant, got {e.PrettyName}");

    private static object? ConvertDefault(Literal l, ColumnType target)
    {
        if (l.Value is null) return null;
        var cast = Kernels.Cast.CastKernels.CastScalar(l.Value, l.Type, target);
        return cast;
    }

    private static Expr Numeric(Expr e, string fn)
    {
        if (TypeCoercion.IsNumeric(e.Type)) return e;
        if (e.Type.Kind is TypeKind.String or TypeKind.Null) return TypeCoercion.CastIfNeeded(e, ColumnType.Float64);
        PlanThrow.TypeMismatch($"{fn}({e.PrettyName}) requires a numeric argument, got {e.Type}");
        return e;
    }

    private static Expr ToDouble(Expr e, string fn) => TypeCoercion.CastIfNeeded(Numeric(e, fn), ColumnType.Float64);

    /// <summary>The subscript <c>arr[i]</c> once its children are resolved: the base must be an array, the index an integer.</summary>
    public static Expr ResolveArrayItem(ArrayItemExpr item)
    {
        if (item.Child.Type.Kind != TypeKind.Array)
            PlanThrow.TypeMismatch($"[INVALID_EXTRACT_BASE_FIELD_TYPE] Can't extract a value from {item.Child.PrettyName}: need an array, but got {item.Child.Type}");
        return item.WithChildren([item.Child, Index(item.Index, "subscript")]);
    }

    private static Expr One(IReadOnlyList<Expr> a, string fn)
    {
        if (a.Count != 1) PlanThrow.Analysis($"[WRONG_NUM_ARGS] {fn} takes 1 argument, got {a.Count}");
        return a[0];
    }

    private static Expr ArrayArg(Expr e, string fn)
    {
        if (e.Type.Kind == TypeKind.Null) return new Literal(null, ColumnType.Array(ColumnType.Null));
        if (e.Type.Kind != TypeKind.Array) PlanThrow.TypeMismatch($"{fn}({e.PrettyName}) requires an array argument, got {e.Type}");
        return e;
    }

    private static Expr Index(Expr e, string fn)
    {
        if (e.Type.Kind is TypeKind.Int32 or TypeKind.Null) return TypeCoercion.CastIfNeeded(e, ColumnType.Int32);
        if (e.Type.Kind == TypeKind.Int64 && e is Literal) return TypeCoercion.CastIfNeeded(e, ColumnType.Int32);
        PlanThrow.TypeMismatch($"{fn}: the index {e.PrettyName} must be an integer, got {e.Type}");
        return e;
    }

    /// <summary>A value compared with array elements: the element type, or a number the element type holds exactly.</summary>
    private static Expr ElementArg(Expr e, ColumnType element, string fn)
    {
        if (e.Type == element || e.Type.Kind == TypeKind.Null
            || (TypeCoercion.IsNumeric(e.Type) && TypeCoercion.IsNumeric(element) && TypeCoercion.WiderNumeric(e.Type, element) == element))
            return TypeCoercion.CastIfNeeded(e, element);
        PlanThrow.TypeMismatch($"{fn}: the value {e.PrettyName} ({e.Type}) must have the array's element type {element}");
        return e;
    }

    private static Expr Str(Expr e) => TypeCoercion.CastIfNeeded(e, ColumnType.String);

    private static Expr ToDate(Expr e) => TypeCoercion.CastIfNeeded(e, ColumnType.Date);

    private static Expr ToTimestamp(Expr e) => TypeCoercion.CastIfNeeded(e, ColumnType.Timestamp);
}
