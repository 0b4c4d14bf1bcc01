using System.Diagnostics.CodeAnalysis;

namespace Kindling.Kernels.Arrays;

/// <summary>Run-time errors of the array functions (the user's: bad arguments Spark also rejects).</summary>
internal static class ArrayThrow
{
    [DoesNotReturn]
    public static void IndexZero() =>
        throw new ArgumentException("[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).");
}
