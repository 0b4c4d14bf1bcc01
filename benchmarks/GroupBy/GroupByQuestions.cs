using Kindling.Execution;
using Kindling.Execution.Operators.Aggregate;
using Kindling.Execution.Operators.Source;
using Kindling.Execution.Operators.Sort;
using Kindling.Execution.Operators.Window;
using Kindling.Vectors;

namespace Kindling.Benchmarks.GroupBy;

/// <summary>
/// The 10 db-benchmark groupby questions as Kindling physical plans. Post-aggregate arithmetic (q7's
/// max - min, q9's corr squared) and q8's row_number &lt;= 2 filter run in plain C# over the operator output,
/// because the Project/Filter operators belong to the engine-api branch. Each question returns its
/// checksum: row count and the sum of its measure columns (the same definition as peers/groupby.mjs).
/// </summary>
internal static class GroupByQuestions
{
    // Column indices of GroupByData.Schema.
    private const int Id1 = 0, Id2 = 1, Id3 = 2, Id4 = 3, Id5 = 4, Id6 = 5, V1 = 6, V2 = 7, V3 = 8;

    public static readonly string[] Names = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"];

    public static (long Rows, double[] Checksum) Run(string name, PhysicalOperator x, QueryContext context) => name switch
    {
        "q1" => Sum(Agg(x, [Id1], Call(AggregateFunction.Sum, V1, "v1")), context, [1]),
        "q2" => Sum(Agg(x, [Id1, Id2], Call(AggregateFunction.Sum, V1, "v1")), context, [2]),
        "q3" => Sum(Agg(x, [Id3], Call(AggregateFunction.Sum, V1, "v1"), Call(AggregateFunction.Avg, V3, "v3")), context, [1, 2]),
        "q4" => Sum(Agg(x, [Id4], Call(AggregateFunction.Avg, V1, "v1"), Call(AggregateFunction.Avg, V2, "v2"), Call(AggregateFunction.Avg, V3, "v3")), context, [1, 2, 3]),
        "q5" => Sum(Agg(x, [Id6], Call(AggregateFunction.Sum, V1, "v1"), Call(AggregateFunction.Sum, V2, "v2"), Call(AggregateFunction.Sum, V3, "v3")), context, [1, 2, 3]),
        "q6" => Sum(Agg(x, [Id4, Id5], Call(AggregateFunction.Percentile, V3, "median_v3"), Call(AggregateFunction.StddevSamp, V3, "sd_v3")), context, [2, 3]),
        "q7" => Q7(x, context),
        "q8" => Q8(x, context),
        "q9" => Q9(x, context),
        "q10" => Sum(Agg(x, [Id1, Id2, Id3, Id4, Id5, Id6], Call(AggregateFunction.Sum, V3, "v3"), Call(AggregateFunction.CountAll, -1, "count")), context, [6, 7]),
        _ => throw new ArgumentException($"unknown question {name}; expected one of {string.Join(", ", Names)}"),
    };

    private static AggregateCall Call(AggregateFunction f, int column, string name) => new(f, column, name);

    private static HashAggregateOperator Agg(PhysicalOperator x, int[] keys, params AggregateCall[] calls) => new(x, keys, calls);

    private static (long, double[]) Sum(PhysicalOperator plan, QueryContext context, int[] measures)
    {
        long rows = 0;
        var sums = new double[measures.Length + 1];
        foreach (var batch in plan.Execute(context))
        {
            rows += batch.RowCount;
            for (int m = 0; m < measures.Length; m++) sums[m + 1] += SumColumn(batch[measures[m]]);
        }
        sums[0] = rows;
        return (rows, sums);
    }

    private static double SumColumn(ColumnVector v)
    {
        double total = 0;
        switch (v)
        {
            case PrimitiveVector<long> p: for (int i = 0; i < p.Length; i++) if (p.IsValid(i)) total += p[i]; break;
            case PrimitiveVector<int> p: for (int i = 0; i < p.Length; i++) if (p.IsValid(i)) total += p[i]; break;
            case PrimitiveVector<double> p: for (int i = 0; i < p.Length; i++) if (p.IsValid(i)) total += p[i]; break;
            default: throw new NotSupportedException(v.Type.ToString());
        }
        return total;
    }

    private static (long, double[]) Q7(PhysicalOperator x, QueryContext context)
    {
        // SELECT id3, max(v1) - min(v2) AS range_v1_v2 ... GROUP BY id3 (the subtraction in C#).
        var plan = Agg(x, [Id3], Call(AggregateFunction.Max, V1, "max_v1"), Call(AggregateFunction.Min, V2, "min_v2"));
        long rows = 0;
        double sum = 0;
        foreach (var batch in plan.Execute(context))
        {
            var max = (PrimitiveVector<int>)batch[1];
            var min = (PrimitiveVector<int>)batch[2];
            for (int i = 0; i < batch.RowCount; i++) sum += max[i] - min[i];
            rows += batch.RowCount;
        }
        return (rows, [rows, sum]);
    }

    private static (long, double[]) Q8(PhysicalOperator x, QueryContext context)
    {
        // SELECT id6, v3 FROM (SELECT id6, v3, row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) AS r FROM x) WHERE r <= 2
        // The window reads only id6 and v3 (column pruning at the scan, as DuckDB's plan does), and the filter
        // r <= 2 over a partitioned row_number makes the planner choose a top-N per group (WindowTopNOperator).
        var pruned = Columns(x, [Id6, V3]);
        var plan = new WindowTopNOperator(pruned, [0], [new SortKey(1, Ascending: false, NullsFirst: false)], 2, "order_v3");
        long rows = 0;
        double sum = 0;
        foreach (var batch in plan.Execute(context))
        {
            var rn = (PrimitiveVector<int>)batch[2];
            var v3 = (PrimitiveVector<double>)batch[1];
            for (int i = 0; i < batch.RowCount; i++)
            {
                if (rn[i] > 2) continue;
                sum += v3[i];
                rows++;
            }
        }
        return (rows, [rows, sum]);
    }

    /// <summary>The same batches restricted to some columns (vectors are shared, nothing is copied).</summary>
    private static InMemorySourceOperator Columns(PhysicalOperator x, int[] columns)
    {
        var schema = new Schema(columns.Select(c => x.OutputSchema[c]).ToArray());
        var batches = ((InMemorySourceOperator)x).Execute(new QueryContext(1))
            .Select(b => new ColumnBatch(schema, columns.Select(c => b[c]).ToArray(), b.RowCount)).ToList();
        return new InMemorySourceOperator(schema, batches);
    }

    private static (long, double[]) Q9(PhysicalOperator x, QueryContext context)
    {
        // SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 ... GROUP BY id2, id4 (the square in C#).
        var plan = Agg(x, [Id2, Id4], new AggregateCall(AggregateFunction.Corr, V1, "r", V2));
        long rows = 0;
        double sum = 0;
        foreach (var batch in plan.Execute(context))
        {
            var r = (PrimitiveVector<double>)batch[2];
            for (int i = 0; i < batch.RowCount; i++) if (r.IsValid(i)) sum += r[i] * r[i];
            rows += batch.RowCount;
        }
        return (rows, [rows, sum]);
    }
}
