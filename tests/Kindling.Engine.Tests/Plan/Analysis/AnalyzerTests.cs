using Kindling.Plan;
using Kindling.Plan.Analysis;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Plan.Analysis;

public class AnalyzerTests
{
    private static readonly AttributeRef A = AttributeRef.Create("a", ColumnType.Int32, true);
    private static readonly AttributeRef B = AttributeRef.Create("B", ColumnType.String, true);
    private static readonly AttributeRef A2 = AttributeRef.Create("A", ColumnType.Int64, true);

    [Fact]
    public void Resolves_Case_Insensitively_And_Reports_Ambiguity()
    {
        Assert.Same(B, Analyzer.ResolveName("b", [A, B]));
        var ex = Assert.Throws<AnalysisException>(() => Analyzer.ResolveName("a", [A, B, A2]));
        Assert.Contains("AMBIGUOUS_REFERENCE", ex.Message);
        Assert.Contains($"a#{A.Id}", ex.Message);
        var missing = Assert.Throws<AnalysisException>(() => Analyzer.ResolveName("c", [A, B]));
        Assert.Contains("[`a`, `B`]", missing.Message);
    }

    [Fact]
    public void Inserts_Spark_Casts()
    {
        var sum = Analyzer.Resolve(new ArithmeticExpr(ArithmeticOp.Add, new UnresolvedAttribute("a"), Literal.FromObject(1L)), [A]);
        Assert.Equal($"(CAST(a#{A.Id} AS bigint) + 1)", sum.ToString());
        Assert.Equal(ColumnType.Int64, sum.Type);
        var cmp = Analyzer.Resolve(new ComparisonExpr(ComparisonOp.Equal, new UnresolvedAttribute("b"), Literal.FromObject(1)), [B]);
        Assert.Equal($"(CAST(B#{B.Id} AS int) = 1)", cmp.ToString());
        var div = Analyzer.Resolve(new ArithmeticExpr(ArithmeticOp.Divide, new UnresolvedAttribute("a"), Literal.FromObject(2)), [A]);
        Assert.Equal(ColumnType.Float64, div.Type);
        Assert.Throws<AnalysisException>(() => Analyzer.Resolve(new LogicalExpr(true, new UnresolvedAttribute("a"), Literal.True), [A]));
    }

    [Theory]
    [InlineData((int)ArithmeticOp.Add, 15, 4, 15, 4, 16, 4)]
    [InlineData((int)ArithmeticOp.Multiply, 15, 4, 10, 0, 26, 4)]
    [InlineData((int)ArithmeticOp.Divide, 10, 2, 5, 1, 17, 8)]
    [InlineData((int)ArithmeticOp.Multiply, 38, 10, 38, 10, 38, 6)]
    [InlineData((int)ArithmeticOp.Remainder, 10, 2, 5, 1, 6, 2)]
    public void Decimal_Precision_Rules(int op, int p1, int s1, int p2, int s2, int p, int s) =>
        Assert.Equal(ColumnType.Decimal(p, s), DecimalPrecision.ResultType((ArithmeticOp)op, ColumnType.Decimal(p1, s1), ColumnType.Decimal(p2, s2)));
}
