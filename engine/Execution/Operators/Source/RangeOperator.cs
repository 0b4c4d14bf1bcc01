using Kindling.Vectors;

namespace Kindling.Execution.Operators.Source;

/// <summary><c>range(start, end, step)</c>: one bigint column, produced in batches of the context's batch size.</summary>
internal sealed class RangeOperator : PhysicalOperator
{
    public RangeOperator(long start, long end, long step, string columnName = "id")
        : base(new Schema([new Field(columnName, ColumnType.Int64, false)]))
    {
        if (step == 0) throw new ArgumentException("range step must not be 0", nameof(step));
        Start = start;
        End = end;
        Step = step;
    }

    public long Start { get; }

    public long End { get; }

    public long Step { get; }

    public override string Name => "Range";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        if ((Step > 0 && Start >= End) || (Step < 0 && Start <= End)) yield break;
        Int128 total = ((Int128)End - Start + (Step > 0 ? Step - 1 : Step + 1)) / Step;
        Int128 produced = 0;
        long next = Start;
        while (produced < total)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            int n = (int)Int128.Min(context.BatchSize, total - produced);
            var values = new long[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = next;
                next = unchecked(next + Step);
            }
            produced += n;
            yield return new ColumnBatch(OutputSchema, [new PrimitiveVector<long>(ColumnType.Int64, values, n)], n);
        }
    }

    public override string ToString() => $"Range ({Start}, {End}, step={Step})";
}
