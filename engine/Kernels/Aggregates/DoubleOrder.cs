namespace Kindling.Kernels.Aggregates;

/// <summary>Spark's total order for floating point: NaN is greater than everything (and equal to NaN), -0.0 equals 0.0.</summary>
internal static class DoubleOrder
{
    public static int Compare(double a, double b)
    {
        if (a < b) return -1;
        if (a > b) return 1;
        if (a == b) return 0;
        bool an = double.IsNaN(a), bn = double.IsNaN(b);
        return an == bn ? 0 : an ? 1 : -1;
    }

    public static int Compare(float a, float b)
    {
        if (a < b) return -1;
        if (a > b) return 1;
        if (a == b) return 0;
        bool an = float.IsNaN(a), bn = float.IsNaN(b);
        return an == bn ? 0 : an ? 1 : -1;
    }
}
