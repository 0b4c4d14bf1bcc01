using Kindling.Plan;
using Kindling.Plan.Analysis;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Sql;

/// <summary>A set of methods for aggregations on a DataFrame, created by DataFrame.GroupBy.</summary>
public sealed class RelationalGroupedDataset
{
    private readonly DataFrame _df;
    private readonly IReadOnlyList<Expr> _groupings;

    internal RelationalGroupedDataset(DataFrame df, IReadOnlyList<Expr> groupings)
    {
        _df = df;
        _groupings = groupings;
    }

    /// <summary>Computes aggregates; the result holds the grouping columns then the aggregates.</summary>
    public DataFrame Agg(Column expr, params Column[] exprs) =>
        new(_df.Session, Analyzer.BuildAggregate(_df.Plan, _groupings, [expr.Expr, .. exprs.Select(e => e.Expr)]));

    /// <summary>Counts the number of rows for each group (column "count").</summary>
    public DataFrame Count() => Agg(new Column(new Alias(new UnresolvedFunction("count", [Literal.FromObject(1)]), "count")));

    /// <summary>Computes the sum for each numeric column for each group (all numeric columns when none are named).</summary>
    public DataFrame Sum(params string[] colNames) => Numeric("sum", colNames);

    /// <summary>Computes the average value for each numeric column for each group.</summary>
    public DataFrame Avg(params string[] colNames) => Numeric("avg", colNames);

    /// <summary>Computes the average value for each numeric column for each group. Alias for Avg.</summary>
    public DataFrame Mean(params string[] colNames) => Numeric("avg", colNames);

    /// <summary>Computes the min value for each numeric column for each group.</summary>
    public DataFrame Min(params string[] colNames) => Numeric("min", colNames);

    /// <summary>Computes the max value for each numeric column for each group.</summary>
    public DataFrame Max(params string[] colNames) => Numeric("max", colNames);

    private DataFrame Numeric(string function, string[] colNames)
    {
        var output = _df.Plan.Output;
        IEnumerable<AttributeRef> columns;
        if (colNames.Length == 0)
            columns = output.Where(a => TypeCoercion.IsNumeric(a.Type) && !_groupings.Any(g => g is AttributeRef ga && ga.Id == a.Id || g is UnresolvedAttribute u && string.Equals(u.Name, a.Name, StringComparison.OrdinalIgnoreCase)));
        else
            columns = colNames.Select(n =>
            {
                var a = (AttributeRef)Analyzer.ResolveName(n, output);
                if (!TypeCoercion.IsNumeric(a.Type))
                    throw new AnalysisException($"\"{a.Name}\" is not a numeric column ({a.Type}). Aggregation function can only be applied on a numeric column.");
                return a;
            });
        var aggs = columns.Select(a => (Expr)new UnresolvedFunction(function, [a])).ToList();
        if (aggs.Count == 0) return new DataFrame(_df.Session, Analyzer.BuildAggregate(_df.Plan, _groupings, []));
        return new(_df.Session, Analyzer.BuildAggregate(_df.Plan, _groupings, aggs));
    }
}
