using Kindling.Execution.Operators.Aggregate;
using Kindling.Execution.Operators.Sort;
using Kindling.Kernels.Selection;
using Kindling.Kernels.Sorting;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Window;

/// <summary>
/// Computes window functions over partitions; output is the child's columns then one per call, in
/// partition + order key order. The input is materialized and sorted stably by the partition columns
/// (ascending, nulls first) and the order keys; each function then runs over partition and peer-group
/// boundaries in sorted positions. Frames: ROWS with any offsets, RANGE between UNBOUNDED/CURRENT ROW
/// bounds (CURRENT ROW includes peers). Sum/count/avg use per-partition prefix sums; min/max/first/last
/// pick a source row and gather it, so they work for every type.
/// </summary>
internal sealed partial class WindowOperator : PhysicalOperator
{
    private readonly int[] _partitionColumns;
    private readonly SortKey[] _orderKeys;
    private readonly WindowCall[] _calls;

    public WindowOperator(PhysicalOperator child, int[] partitionColumns, SortKey[] orderKeys, WindowCall[] calls)
        : base(BuildSchema(child.OutputSchema, partitionColumns, orderKeys, calls), child)
    {
        _partitionColumns = [.. partitionColumns];
        _orderKeys = [.. orderKeys];
        _calls = [.. calls];
    }

    public override string Name => "Window";

    public static ColumnType ResultType(WindowCall call, ColumnType? input)
    {
        ArgumentNullException.ThrowIfNull(call);
        switch (call.Function)
        {
            case WindowFunction.RowNumber or WindowFunction.Rank or WindowFunction.DenseRank or WindowFunction.Ntile:
                return ColumnType.Int32;
            case WindowFunction.PercentRank or WindowFunction.CumeDist:
                return ColumnType.Float64;
            case WindowFunction.Count:
                return ColumnType.Int64;
        }
        if (input is null) throw new ArgumentException($"window function {call.Function} '{call.OutputName}' needs an input column");
        return call.Function switch
        {
            WindowFunction.Sum => AggregateCall.ResultType(AggregateFunction.Sum, input),
            WindowFunction.Avg => AggregateCall.ResultType(AggregateFunction.Avg, input),
            _ => input,
        };
    }

    private static Schema BuildSchema(Schema input, int[] partitionColumns, SortKey[] orderKeys, WindowCall[] calls)
    {
        ArgumentNullException.ThrowIfNull(partitionColumns);
        ArgumentNullException.ThrowIfNull(orderKeys);
        ArgumentNullException.ThrowIfNull(calls);
        foreach (int c in partitionColumns) Check(input, c, "partition column");
        foreach (var k in orderKeys) Check(input, k.Column, "order key");
        var fields = new List<Field>(input.Fields);
        foreach (var call in calls)
        {
            ArgumentNullException.ThrowIfNull(call);
            bool needsInput = call.Function is not (WindowFunction.RowNumber or WindowFunction.Rank or WindowFunction.DenseRank
                or WindowFunction.PercentRank or WindowFunction.CumeDist or WindowFunction.Ntile or WindowFunction.Count);
            if (needsInput || call.InputColumn >= 0) Check(input, call.InputColumn, $"input of {call.Function} '{call.OutputName}'");
            if (call.Function == WindowFunction.Ntile && call.Offset <= 0)
                throw new ArgumentException($"ntile '{call.OutputName}' needs a positive bucket count, got {call.Offset}");
            if (call.Function is WindowFunction.Lag or WindowFunction.Lead && call.Offset < 0)
                throw new ArgumentException($"{call.Function} '{call.OutputName}' needs a non-negative offset, got {call.Offset}");
            if (call.Function is WindowFunction.Rank or WindowFunction.DenseRank or WindowFunction.PercentRank
                or WindowFunction.CumeDist or WindowFunction.Ntile or WindowFunction.RowNumber or WindowFunction.Lag or WindowFunction.Lead
                && orderKeys.Length == 0)
                throw new ArgumentException($"window function {call.Function} '{call.OutputName}' requires the window to be ordered");
            if (call.Frame is { } f)
            {
                if (f.Start > f.End) throw new ArgumentException($"window frame of '{call.OutputName}' starts after it ends ({f.Start} > {f.End})");
                if (!f.IsRowFrame && HasValueOffsets(f) && (orderKeys.Length != 1 || !RangeFrameBounds.Supports(input[orderKeys[0].Column].Type)))
                    throw new NotSupportedException($"a RANGE frame with value offsets ('{call.OutputName}') needs exactly one numeric or date order key" +
                        (orderKeys.Length == 1 ? $", not {input[orderKeys[0].Column].Type}" : $", not {orderKeys.Length}"));
            }
            ColumnType? inType = call.InputColumn >= 0 ? input[call.InputColumn].Type : null;
            ColumnType result = ResultType(call, inType);
            if (call.Function is WindowFunction.Sum or WindowFunction.Avg && inType is { } t
                && t.Kind is not (TypeKind.Int32 or TypeKind.Int64 or TypeKind.Float32 or TypeKind.Float64 or TypeKind.Decimal))
                throw new ArgumentException($"{call.Function} '{call.OutputName}' needs a numeric input, not {t}");
            bool nullable = call.Function is not (WindowFunction.RowNumber or WindowFunction.Rank or WindowFunction.DenseRank
                or WindowFunction.PercentRank or WindowFunction.CumeDist or WindowFunction.Ntile or WindowFunction.Count);
            fields.Add(new Field(call.OutputName, result, nullable));
        }
        return new Schema(fields);
    }

    /// <summary>Whether a frame bound is a value (or row) offset rather than UNBOUNDED or CURRENT ROW.</summary>
    private static bool HasValueOffsets(WindowFrame f) => f.Start is not (long.MinValue or 0) || f.End is not (0 or long.MaxValue);

    private static void Check(Schema input, int column, string what)
    {
        if (column < 0 || column >= input.Count)
            throw new ArgumentOutOfRangeException(nameof(column), column, $"{what} #{column} is out of range: the input has {input.Count} columns {input}");
    }

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        PhysicalOperator child = Children[0];
        using var held = context.Memory.Reserve(Name);
        ColumnBatch all = VectorConcat.Concat(child.OutputSchema, HeldInput.Load(child, context, held, "filter/project the window's input first"));
        int n = all.RowCount;
        if (n == 0) yield break;
        var partitionKeys = _partitionColumns.Select(c => (c, true, true)).ToArray();
        var orderKeys = _orderKeys.Select(k => (k.Column, k.Ascending, k.NullsFirst)).ToArray();
        var sorted = RowSorter.Sort(all, [.. partitionKeys, .. orderKeys], context.DegreeOfParallelism, partitionKeys.Length);
        int[] perm = sorted.Permutation;
        var layout = sorted.NewPrefixRun is not null
            ? new Layout(perm, sorted.NewPrefixRun, sorted.NewKeyRun!)
            : new Layout(perm, new RowComparer(all, partitionKeys), new RowComparer(all, orderKeys));

        var results = new ColumnVector[_calls.Length];
        for (int k = 0; k < _calls.Length; k++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            results[k] = Compute(_calls[k], all, layout);
        }

        int inputColumns = all.ColumnCount;
        for (int start = 0; start < n; start += context.BatchSize)
        {
            int count = Math.Min(context.BatchSize, n - start);
            ReadOnlySpan<int> rows = perm.AsSpan(start, count);
            var identity = new int[count];
            for (int i = 0; i < count; i++) identity[i] = start + i;
            var columns = new ColumnVector[OutputSchema.Count];
            for (int c = 0; c < inputColumns; c++) columns[c] = VectorTake.Take(all[c], rows);
            for (int k = 0; k < results.Length; k++) columns[inputColumns + k] = VectorTake.Take(results[k], identity);
            yield return new ColumnBatch(OutputSchema, columns, count);
        }
    }

    public override string ToString()
    {
        string parts = string.Join(", ", _partitionColumns.Select(c => $"#{c}"));
        string order = string.Join(", ", _orderKeys.Select(k => $"#{k.Column} {(k.Ascending ? "ASC" : "DESC")} NULLS {(k.NullsFirst ? "FIRST" : "LAST")}"));
        string calls = string.Join(", ", _calls.Select(c =>
            $"{c.Function.ToString().ToLowerInvariant()}({(c.InputColumn >= 0 ? "#" + c.InputColumn : "")}){(c.Frame is { } f ? $" {(f.IsRowFrame ? "ROWS" : "RANGE")} [{Bound(f.Start)}, {Bound(f.End)}]" : "")} AS {c.OutputName}"));
        return $"Window partition=[{parts}] order=[{order}] calls=[{calls}]";

        static string Bound(long b) => b == long.MinValue ? "UNBOUNDED" : b == long.MaxValue ? "UNBOUNDED" : b == 0 ? "CURRENT" : b.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
