using Kindling.Vectors;

namespace Kindling.Execution.Operators.Window;

/// <summary>
/// sum and avg over window frames with Spark's result types: exact wrapping bigint and Int128 decimal
/// prefix sums; doubles add sequentially (running frames) or per frame (sliding frames) so results
/// match a straightforward summation.
/// </summary>
internal static class WindowSums
{
    public static ColumnVector Compute(WindowCall call, ColumnVector input, ColumnType resultType, int[] perm, int[] lo, int[] hi, bool running)
    {
        int n = perm.Length;
        bool avg = call.Function == WindowFunction.Avg;
        var countPrefix = new long[n + 1];
        for (int p = 0; p < n; p++) countPrefix[p + 1] = countPrefix[p] + (input.IsNull(perm[p]) ? 0 : 1);
        byte[]? bits = null;
        int nulls = 0;
        void SetNull(int p)
        {
            bits ??= Validity.AllValid(n);
            Validity.SetNull(bits, p);
            nulls++;
        }

        if (input.Type.Kind == TypeKind.Decimal)
        {
            var prefix = new Int128[n + 1];
            for (int p = 0; p < n; p++)
            {
                int r = perm[p];
                Int128 v = input.IsNull(r) ? 0 : input is PrimitiveVector<long> l ? l[r] : ((PrimitiveVector<Int128>)input)[r];
                prefix[p + 1] = prefix[p] + v;
            }
            Int128 limit = Vectors.DecimalValue.Pow10Wide(resultType.Precision);
            Int128 scaleUp = Vectors.DecimalValue.Pow10Wide(resultType.Scale - input.Type.Scale);
            var values = new Int128[n];
            for (int p = 0; p < n; p++)
            {
                long count = countPrefix[hi[p]] - countPrefix[lo[p]];
                if (count == 0) { SetNull(p); continue; }
                Int128 sum = prefix[hi[p]] - prefix[lo[p]];
                if (avg)
                {
                    Int128 scaled = sum * scaleUp;
                    Int128 q = Int128.DivRem(scaled, count).Quotient, rem = scaled - q * count;
                    if (Int128.Abs(rem) * 2 >= count) q += scaled < 0 ? -1 : 1;
                    sum = q;
                }
                if (sum >= limit || sum <= -limit) { SetNull(p); continue; }
                values[p] = sum;
            }
            if (resultType.IsWideDecimal) return new PrimitiveVector<Int128>(resultType, values, n, bits, nulls);
            var narrow = new long[n];
            for (int p = 0; p < n; p++) narrow[p] = (long)values[p];
            return new PrimitiveVector<long>(resultType, narrow, n, bits, nulls);
        }

        if (!avg && input.Type.Kind is TypeKind.Int32 or TypeKind.Int64)
        {
            var prefix = new long[n + 1];
            for (int p = 0; p < n; p++)
            {
                int r = perm[p];
                long v = input.IsNull(r) ? 0 : input is PrimitiveVector<int> i ? i[r] : ((PrimitiveVector<long>)input)[r];
                prefix[p + 1] = unchecked(prefix[p] + v);
            }
            var sums = new long[n];
            for (int p = 0; p < n; p++)
            {
                if (countPrefix[hi[p]] == countPrefix[lo[p]]) { SetNull(p); continue; }
                sums[p] = unchecked(prefix[hi[p]] - prefix[lo[p]]);
            }
            return new PrimitiveVector<long>(ColumnType.Int64, sums, n, bits, nulls);
        }

        // Doubles (float/double input, or avg of integers).
        var x = new double[n];
        var xs = new double[input.Length];
        Kernels.Aggregates.NumericInput.ToDoubles(input, input.Length, xs);
        for (int p = 0; p < n; p++) x[p] = input.IsNull(perm[p]) ? 0 : xs[perm[p]];
        var results = new double[n];
        double run = 0;
        int runStart = -1, runEnd = -1;
        for (int p = 0; p < n; p++)
        {
            long count = countPrefix[hi[p]] - countPrefix[lo[p]];
            if (count == 0) { SetNull(p); continue; }
            double sum;
            if (running)
            {
                if (lo[p] != runStart) { runStart = lo[p]; runEnd = lo[p]; run = 0; }
                for (; runEnd < hi[p]; runEnd++) run += x[runEnd];
                sum = run;
            }
            else
            {
                sum = 0;
                for (int q = lo[p]; q < hi[p]; q++) sum += x[q];
            }
            results[p] = avg ? sum / count : sum;
        }
        return new PrimitiveVector<double>(ColumnType.Float64, results, n, bits, nulls);
    }
}
