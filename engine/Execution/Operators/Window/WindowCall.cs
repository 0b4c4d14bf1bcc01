namespace Kindling.Execution.Operators.Window;

/// <summary>
/// One window function call. A null frame means Spark's default: RANGE UNBOUNDED PRECEDING to CURRENT
/// ROW with order keys, the whole partition without. Offset is lag/lead's offset or ntile's n.
/// </summary>
internal sealed record WindowCall(WindowFunction Function, int InputColumn, string OutputName, WindowFrame? Frame = null, int Offset = 1, object? DefaultValue = null);
