namespace Kindling.Execution.Operators.Window;

/// <summary>
/// A window frame: ROWS or RANGE between Start and End, where long.MinValue is UNBOUNDED PRECEDING,
/// 0 is CURRENT ROW, long.MaxValue is UNBOUNDED FOLLOWING and negative values are preceding offsets.
/// </summary>
internal sealed record WindowFrame(bool IsRowFrame, long Start, long End);
