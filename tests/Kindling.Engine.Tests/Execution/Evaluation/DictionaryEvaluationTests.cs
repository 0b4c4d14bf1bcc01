using Kindling.Execution.Evaluation;
using Kindling.Kernels.Cast;
using Kindling.Plan.Analysis;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Execution.Evaluation;

/// <summary>Every expression gives the same values on a dictionary-encoded column as on its plain twin.</summary>
public class DictionaryEvaluationTests
{
    private static readonly string?[] Pool = ["2024-03-01", "abc", null, "  x ", "12", "héllo", "2024-02-29 10:00:00"];

    [Fact]
    public void Dictionary_And_Plain_Inputs_Agree()
    {
        var rng = new Random(5);
        int n = 300;
        var dictBuilder = new StringVectorBuilder();
        foreach (var s in Pool) { if (s is null) dictBuilder.AppendNull(); else dictBuilder.Append(s); }
        var dictionary = dictBuilder.Build();
        var codes = new int[n];
        var plainBuilder = new StringVectorBuilder();
        byte[]? validity = null;
        for (int i = 0; i < n; i++)
        {
            bool rowNull = rng.Next(10) == 0;
            codes[i] = rowNull ? 12345 : rng.Next(Pool.Length); // null rows hold a garbage code on purpose
            string? v = rowNull ? null : Pool[codes[i]];
            if (rowNull)
            {
                validity ??= Validity.AllValid(n);
                Validity.SetNull(validity, i);
            }
            if (v is null) plainBuilder.AppendNull(); else plainBuilder.Append(v);
        }
        // Dictionary rows whose entry is null are null rows too (Parquet never does this; be safe anyway).
        for (int i = 0; i < n; i++)
            if (validity is null || Validity.IsValid(validity, i))
                if (Pool[codes[i]] is null) { validity ??= Validity.AllValid(n); Validity.SetNull(validity, i); }
        var dict = new DictionaryVector(dictionary, codes, n, validity);
        var plain = plainBuilder.Build();
        var schema = new Schema([new Field("s", ColumnType.String)]);
        var attr = AttributeRef.Create("s", ColumnType.String, true);
        Expr[] exprs =
        [
            new UnresolvedFunction("upper", [attr]),
            new UnresolvedFunction("length", [attr]),
            new UnresolvedFunction("trim", [attr]),
            new UnresolvedFunction("substring", [attr, Literal.FromObject(2), Literal.FromObject(3)]),
            new UnresolvedFunction("concat", [attr, Literal.FromObject("!")]),
            new UnresolvedFunction("coalesce", [attr, Literal.FromObject("none")]),
            new UnresolvedFunction("regexp_extract", [attr, Literal.FromObject("(\\d+)"), Literal.FromObject(1)]),
            new UnresolvedFunction("hash", [attr]),
            new UnresolvedFunction("year", [attr]),
            new CastExpr(attr, ColumnType.Int32),
            new CastExpr(attr, ColumnType.Timestamp),
            new ComparisonExpr(ComparisonOp.Equal, attr, Literal.FromObject("abc")),
            new ComparisonExpr(ComparisonOp.LessThan, attr, Literal.FromObject("b")),
            new ComparisonExpr(ComparisonOp.EqualNullSafe, attr, Literal.FromObject("abc")),
            new LikeExpr(attr, "%l%", false),
            new LikeExpr(attr, "^\\d+$", true),
            new IsNullExpr(attr, false),
            new InExpr([attr, Literal.FromObject("12"), Literal.FromObject("abc")]),
        ];
        foreach (var e in exprs)
        {
            var bound = Kindling.Execution.Planning.PhysicalPlanner.Bind(Analyzer.Resolve(e, [attr]), [attr]);
            var a = ExpressionEvaluator.Evaluate(bound, new ColumnBatch(schema, [dict], n));
            var b = ExpressionEvaluator.Evaluate(bound, new ColumnBatch(schema, [plain], n));
            for (int i = 0; i < n; i++)
                Assert.True(Equals(CastKernels.ScalarValue(a, i), CastKernels.ScalarValue(b, i)), $"{e} row {i}: {CastKernels.ScalarValue(a, i)} vs {CastKernels.ScalarValue(b, i)}");
        }
    }
}
