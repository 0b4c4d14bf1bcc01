using Kindling.Plan.Expressions;

namespace Kindling.Plan.Logical;

/// <summary><c>spark.range(start, end, step)</c>: one bigint column "id".</summary>
internal sealed class RangeRelation(long start, long end, long step, AttributeRef output) : LeafPlan
{
    public long Start { get; } = start;

    public long End { get; } = end;

    public long Step { get; } = step;

    public AttributeRef Attribute { get; } = output;

    public override IReadOnlyList<AttributeRef> Output => [Attribute];

    public long Count
    {
        get
        {
            if ((Step > 0 && Start >= End) || (Step < 0 && Start <= End)) return 0;
            var n = ((Int128)End - Start + (Step > 0 ? Step - 1 : Step + 1)) / Step;
            return (long)n;
        }
    }

    public override long? EstimatedRows => Count;

    public override string NodeString => $"Range ({Start}, {End}, step={Step})";
}
