using Kindling.Vectors;

namespace Kindling.Execution.Operators.Aggregate;

/// <summary>One aggregate of a hash aggregate: the function, its input column(s) and its output name.</summary>
internal sealed record AggregateCall(AggregateFunction Function, int InputColumn, string OutputName, int SecondInputColumn = -1, bool IgnoreNulls = true)
{
    /// <summary>Spark's result type of <paramref name="function"/> over <paramref name="input"/>.</summary>
    public static ColumnType ResultType(AggregateFunction function, ColumnType input) => throw new NotImplementedException("pending: implemented by the engine-ops branch");
}
