using Kindling.Kernels.Arithmetic;
using Kindling.Kernels.Arrays;
using Kindling.Kernels.Boolean;
using Kindling.Kernels.Cast;
using Kindling.Kernels.Common;
using Kindling.Kernels.Comparison;
using Kindling.Kernels.Conditional;
using Kindling.Kernels.Mathematics;
using Kindling.Kernels.Strings;
using Kindling.Kernels.Temporal;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Execution.Evaluation;

/// <summary>
/// Evaluates a bound expression (BoundRef leaves) over a batch, one kernel call per node per batch:
/// dispatch happens once per batch, never per row.
/// </summary>
internal static class ExpressionEvaluator
{
    public static ColumnVector Evaluate(Expr e, ColumnBatch batch)
    {
        int n = batch.RowCount;
        switch (e)
        {
            case BoundRef b: return batch[b.Ordinal];
            case Literal l: return VectorKernels.Constant(l.Value, l.Type, n);
            case Alias a: return Evaluate(a.Child, batch);
            case CastExpr c: return CastKernels.Cast(Evaluate(c.Child, batch), c.Type);
            case ArithmeticExpr a:
                if (a.Right is Literal { Value: not null } rl && a.Type.Kind != TypeKind.Decimal && a.Left.Type == a.Right.Type
                    && ArithmeticKernels.EvaluateScalar(a.Op, Plain(a.Left, batch), rl.Value) is ColumnVector scalarResult)
                    return scalarResult;
                return ArithmeticKernels.Evaluate(a.Op, Plain(a.Left, batch), Plain(a.Right, batch), a.Type);
            case NegateExpr neg: return ArithmeticKernels.Negate(Plain(neg.Child, batch));
            case ComparisonExpr c:
                if (c.Right is Literal { Value: not null } lit && c.Op != ComparisonOp.EqualNullSafe)
                    return ComparisonKernels.CompareScalar(c.Op, Evaluate(c.Left, batch), lit.Value);
                if (c.Left is Literal { Value: not null } lit2 && c.Op != ComparisonOp.EqualNullSafe)
                    return ComparisonKernels.CompareScalar(c.Op.Flip(), Evaluate(c.Right, batch), lit2.Value);
                return ComparisonKernels.Compare(c.Op, Evaluate(c.Left, batch), Evaluate(c.Right, batch));
            case LogicalExpr l:
                return BooleanKernels.AndOr(l.IsAnd, Bool(l.Left, batch), Bool(l.Right, batch));
            case NotExpr not: return BooleanKernels.Not(Bool(not.Child, batch));
            case IsNullExpr isNull: return BooleanKernels.IsNull(Evaluate(isNull.Child, batch), isNull.Negated);
            case InExpr inExpr: return EvaluateIn(inExpr, batch);
            case LikeExpr like:
            {
                var v = Evaluate(like.Child, batch);
                if (!like.IsRegex)
                {
                    var plain = v is DictionaryVector dv ? dv.Dictionary : v;
                    if (plain is StringVector sv && StringKernels.LikeSimple(sv, like.Pattern) is PrimitiveVector<byte> simple)
                        return v is DictionaryVector dict ? VectorKernels.ReapplyDictionary(dict, simple) : simple;
                }
                var regex = like.IsRegex ? StringKernels.CompileRegex(like.Pattern) : StringKernels.LikeToRegex(like.Pattern);
                if (v is DictionaryVector d) return VectorKernels.ReapplyDictionary(d, StringKernels.Matches((StringVector)VectorKernels.Decode(d.Dictionary), regex));
                return StringKernels.Matches((StringVector)v, regex);
            }
            case CaseWhenExpr cw:
            {
                var conditions = new List<PrimitiveVector<byte>>();
                var values = new List<ColumnVector>();
                for (int i = 0; i < cw.BranchCount; i++)
                {
                    conditions.Add(Bool(cw.Condition(i), batch));
                    values.Add(Evaluate(cw.Value(i), batch));
                }
                if (cw.HasElse) values.Add(Evaluate(cw.Else!, batch));
                return ConditionalKernels.Choose(cw.Type, values, ConditionalKernels.CaseChoice(conditions, cw.HasElse, n));
            }
            case ScalarFunctionExpr f: return EvaluateFunction(f, batch);
            case ArrayItemExpr item:
                return ArrayKernels.ElementAt((ListVector)Plain(item.Child, batch), (PrimitiveVector<int>)Plain(item.Index, batch), oneBased: false);
        }
        throw new InvalidOperationException($"internal error: cannot evaluate {e.GetType().Name} {e}");
    }

    /// <summary>Evaluates and decodes dictionaries (for kernels that need plain vectors).</summary>
    private static ColumnVector Plain(Expr e, ColumnBatch batch) => VectorKernels.Decode(Evaluate(e, batch));

    public static PrimitiveVector<byte> Bool(Expr e, ColumnBatch batch)
    {
        var v = Plain(e, batch);
        return v as PrimitiveVector<byte> ?? (PrimitiveVector<byte>)VectorKernels.Nulls(ColumnType.Boolean, batch.RowCount);
    }

    private static ColumnVector EvaluateIn(InExpr e, ColumnBatch batch)
    {
        var value = Evaluate(e.Value, batch);
        PrimitiveVector<byte>? result = null;
        foreach (var item in e.List)
        {
            var eq = item is Literal { Value: not null } lit
                ? ComparisonKernels.CompareScalar(ComparisonOp.Equal, value, lit.Value)
                : ComparisonKernels.Compare(ComparisonOp.Equal, value, Evaluate(item, batch));
            result = result is null ? eq : BooleanKernels.AndOr(false, result, eq);
        }
        return result ?? (PrimitiveVector<byte>)VectorKernels.Constant(false, ColumnType.Boolean, batch.RowCount);
    }

    private static string StringArg(ScalarFunctionExpr f, int i) => f.Children[i] is Literal { Value: string s } ? s
        : throw new NotSupportedException($"{f.Name}: argument {i + 1} must be a constant string");

    private static int IntArg(ScalarFunctionExpr f, int i) => f.Children[i] is Literal { Value: int v } ? v
        : throw new NotSupportedException($"{f.Name}: argument {i + 1} must be a constant integer");

    /// <summary>Unary string functions run on the dictionary when the input is dictionary-encoded.</summary>
    private static ColumnVector OnStrings(Expr arg, ColumnBatch batch, Func<StringVector, ColumnVector> kernel)
    {
        var v = Evaluate(arg, batch);
        if (v is DictionaryVector d && d.Dictionary is StringVector dict) return VectorKernels.ReapplyDictionary(d, kernel(dict));
        return kernel((StringVector)VectorKernels.Decode(v));
    }

    private static ColumnVector EvaluateFunction(ScalarFunctionExpr f, ColumnBatch batch)
    {
        var a = f.Children;
        int n = batch.RowCount;
        switch (f.Name)
        {
            case "coalesce":
            {
                var args = a.Select(x => Evaluate(x, batch)).ToList();
                return ConditionalKernels.Choose(f.Type, args, ConditionalKernels.CoalesceChoice(args, n));
            }
            case "greatest":
            case "least":
            {
                var args = a.Select(x => Plain(x, batch)).ToList();
                return ConditionalKernels.Choose(f.Type, args, ConditionalKernels.ExtremeChoice(args, f.Name == "greatest", n));
            }
            case "abs": return MathKernels.Abs(Plain(a[0], batch));
            case "round":
            case "bround": return MathKernels.Round(Plain(a[0], batch), IntArg(f, 1), f.Type, f.Name == "bround");
            case "floor":
            case "ceil": return MathKernels.FloorCeil(Plain(a[0], batch), f.Type, f.Name == "ceil");
            case "sqrt": return MathKernels.Sqrt((PrimitiveVector<double>)Plain(a[0], batch));
            case "POWER": return MathKernels.Pow((PrimitiveVector<double>)Plain(a[0], batch), (PrimitiveVector<double>)Plain(a[1], batch));
            case "lower": return OnStrings(a[0], batch, StringKernels.Lower);
            case "upper": return OnStrings(a[0], batch, StringKernels.Upper);
            case "trim": return OnStrings(a[0], batch, StringKernels.Trim);
            case "length": return OnStrings(a[0], batch, StringKernels.Length);
            case "substring":
            {
                int pos = IntArg(f, 1), len = IntArg(f, 2);
                return OnStrings(a[0], batch, s => StringKernels.Substring(s, pos, len));
            }
            case "concat": return StringKernels.Concat([.. a.Select(x => (StringVector)Plain(x, batch))], n);
            case "concat_ws": return StringKernels.ConcatWs((StringVector)Plain(a[0], batch), [.. a.Skip(1).Select(x => (StringVector)Plain(x, batch))], n);
            case "regexp_extract":
            {
                string p = StringArg(f, 1);
                int g = IntArg(f, 2);
                return OnStrings(a[0], batch, s => StringKernels.RegexpExtract(s, p, g));
            }
            case "regexp_replace":
            {
                string p = StringArg(f, 1), r = StringArg(f, 2);
                return OnStrings(a[0], batch, s => StringKernels.RegexpReplace(s, p, r));
            }
            case "lpad":
            {
                int len = IntArg(f, 1);
                string pad = StringArg(f, 2);
                return OnStrings(a[0], batch, s => StringKernels.Lpad(s, len, pad));
            }
            case "instr":
            {
                string sub = StringArg(f, 1);
                return OnStrings(a[0], batch, s => StringKernels.Instr(s, sub));
            }
            case "translate":
            {
                string m = StringArg(f, 1), r = StringArg(f, 2);
                return OnStrings(a[0], batch, s => StringKernels.Translate(s, m, r));
            }
            case "md5": return OnStrings(a[0], batch, StringKernels.Md5);
            case "sha2":
            {
                int bits = IntArg(f, 1);
                return OnStrings(a[0], batch, s => StringKernels.Sha2(s, bits));
            }
            case "crc32": return OnStrings(a[0], batch, StringKernels.Crc32);
            case "hash":
            {
                var hashes = new int[n];
                hashes.AsSpan().Fill(SparkMurmur3.DefaultSeed);
                foreach (var arg in a) SparkMurmur3.Accumulate(Evaluate(arg, batch), hashes);
                return new PrimitiveVector<int>(ColumnType.Int32, hashes, n);
            }
            case "xxhash64":
            {
                var hashes = new long[n];
                hashes.AsSpan().Fill(SparkXxHash64.DefaultSeed);
                foreach (var arg in a) SparkXxHash64.Accumulate(Evaluate(arg, batch), hashes);
                return new PrimitiveVector<long>(ColumnType.Int64, hashes, n);
            }
            case "split":
            {
                if (a[1] is Literal { Value: null }) return VectorKernels.Nulls(f.Type, n);
                string pattern = StringArg(f, 1);
                int limit = IntArg(f, 2);
                return OnStrings(a[0], batch, s => SplitKernels.Split(s, pattern, limit));
            }
            case "size":
            case "cardinality": return ArrayKernels.Size((ListVector)Plain(a[0], batch));
            case "element_at": return ArrayKernels.ElementAt((ListVector)Plain(a[0], batch), (PrimitiveVector<int>)Plain(a[1], batch), oneBased: true);
            case "array_contains":
                return a[1] switch
                {
                    Literal { Value: null } => VectorKernels.Nulls(ColumnType.Boolean, n),
                    Literal { Value: { } value } => ArrayKernels.Contains((ListVector)Plain(a[0], batch), value),
                    _ => ArrayKernels.Contains((ListVector)Plain(a[0], batch), Evaluate(a[1], batch)),
                };
            case "year": return TemporalKernels.Extract((PrimitiveVector<int>)Plain(a[0], batch), TemporalKernels.DatePart.Year);
            case "month": return TemporalKernels.Extract((PrimitiveVector<int>)Plain(a[0], batch), TemporalKernels.DatePart.Month);
            case "dayofmonth": return TemporalKernels.Extract((PrimitiveVector<int>)Plain(a[0], batch), TemporalKernels.DatePart.Day);
            case "dayofweek": return TemporalKernels.Extract((PrimitiveVector<int>)Plain(a[0], batch), TemporalKernels.DatePart.DayOfWeek);
            case "quarter": return TemporalKernels.Extract((PrimitiveVector<int>)Plain(a[0], batch), TemporalKernels.DatePart.Quarter);
            case "weekofyear": return TemporalKernels.Extract((PrimitiveVector<int>)Plain(a[0], batch), TemporalKernels.DatePart.WeekOfYear);
            case "hour": return TemporalKernels.Extract((PrimitiveVector<long>)Plain(a[0], batch), TemporalKernels.TimePart.Hour);
            case "minute": return TemporalKernels.Extract((PrimitiveVector<long>)Plain(a[0], batch), TemporalKernels.TimePart.Minute);
            case "second": return TemporalKernels.Extract((PrimitiveVector<long>)Plain(a[0], batch), TemporalKernels.TimePart.Second);
            case "current_date":
                return VectorKernels.Constant(TemporalConstants.ToEpochDays(DateOnly.FromDateTime(DateTime.UtcNow)), ColumnType.Date, n);
            case "date_add":
            case "date_sub":
                return TemporalKernels.AddDays((PrimitiveVector<int>)Plain(a[0], batch), (PrimitiveVector<int>)Plain(a[1], batch), f.Name == "date_sub");
            case "datediff": return TemporalKernels.DateDiff((PrimitiveVector<int>)Plain(a[0], batch), (PrimitiveVector<int>)Plain(a[1], batch));
            case "add_months": return TemporalKernels.AddMonths((PrimitiveVector<int>)Plain(a[0], batch), (PrimitiveVector<int>)Plain(a[1], batch));
            case "last_day": return TemporalKernels.LastDay((PrimitiveVector<int>)Plain(a[0], batch));
            case "date_format": return TemporalKernels.Format((PrimitiveVector<long>)Plain(a[0], batch), StringArg(f, 1));
            case "date_trunc": return TemporalKernels.Truncate((PrimitiveVector<long>)Plain(a[1], batch), StringArg(f, 0));
            case "to_timestamp": return TemporalKernels.Parse((StringVector)Plain(a[0], batch), StringArg(f, 1));
            case "to_date": return CastKernels.Cast(TemporalKernels.Parse((StringVector)Plain(a[0], batch), StringArg(f, 1)), ColumnType.Date);
            case "unix_timestamp":
            {
                var v = Plain(a[0], batch);
                var ts = v is StringVector s ? TemporalKernels.Parse(s, StringArg(f, 1)) : v;
                return CastKernels.Cast(ts, ColumnType.Int64);
            }
            case "from_unixtime":
            {
                var secs = (PrimitiveVector<long>)Plain(a[0], batch);
                var micros = new long[n];
                for (int i = 0; i < n; i++) micros[i] = secs[i] * TemporalConstants.MicrosPerSecond;
                return TemporalKernels.Format(new PrimitiveVector<long>(ColumnType.Timestamp, micros, n, secs.ValidityBits, secs.NullCount), StringArg(f, 1));
            }
        }
        throw new NotSupportedException($"function {f.Name} is not supported by the engine yet");
    }
}
