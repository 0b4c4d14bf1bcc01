namespace Kindling.Kernels.Aggregates;

/// <summary>Which value a pick aggregate keeps: the least, the greatest, the first or the last seen.</summary>
internal enum PickMode : byte { Min, Max, First, Last }
