using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>corr(x, y) with Spark's PearsonCorrelation updates over rows where both are non-null; null for fewer than two rows.</summary>
internal sealed class CorrState(int xColumn, int yColumn) : AggregateState
{
    private double[] _n = new double[16], _xAvg = new double[16], _yAvg = new double[16], _ck = new double[16], _xMk = new double[16], _yMk = new double[16];
    private double[] _xs = [], _ys = [];

    // Exact integer sums for small int inputs (|v| <= 32767, so products and sums cannot overflow a long):
    // no division per row. Folded into the moment state when the result is computed.
    private long[] _in = new long[16], _sx = new long[16], _sy = new long[16], _sxx = new long[16], _syy = new long[16], _sxy = new long[16];
    private bool _folded;

    public override long MemoryBytes => _n.Length * 96L;

    public override void EnsureCapacity(int groups)
    {
        Grow(ref _n, groups); Grow(ref _xAvg, groups); Grow(ref _yAvg, groups);
        Grow(ref _ck, groups); Grow(ref _xMk, groups); Grow(ref _yMk, groups);
        Grow(ref _in, groups); Grow(ref _sx, groups); Grow(ref _sy, groups);
        Grow(ref _sxx, groups); Grow(ref _syy, groups); Grow(ref _sxy, groups);
    }

    private static bool Small(ReadOnlySpan<int> values)
    {
        int min = 0, max = 0;
        foreach (int v in values) { min = Math.Min(min, v); max = Math.Max(max, v); }
        return min >= -32767 && max <= 32767;
    }

    private void UpdateIntegers(ReadOnlySpan<int> xs, ReadOnlySpan<int> ys, ReadOnlySpan<int> groupIds, int rows)
    {
        long[] n = _in, sx = _sx, sy = _sy, sxx = _sxx, syy = _syy, sxy = _sxy;
        for (int i = 0; i < rows; i++)
        {
            int g = groupIds[i];
            long x = xs[i], y = ys[i];
            n[g]++;
            sx[g] += x; sy[g] += y;
            sxx[g] += x * x; syy[g] += y * y; sxy[g] += x * y;
        }
    }

    /// <summary>Turns the integer sums of each group into (n, means, co-moments) and merges them into the moment state.</summary>
    private void Fold()
    {
        if (_folded) return;
        _folded = true;
        for (int g = 0; g < _in.Length && g < _n.Length; g++)
        {
            long n2 = _in[g];
            if (n2 == 0) continue;
            double xAvg = (double)_sx[g] / n2, yAvg = (double)_sy[g] / n2;
            // n * sum(xy) - sum(x) * sum(y) is exact in Int128; one division per group.
            double ck = (double)((Int128)n2 * _sxy[g] - (Int128)_sx[g] * _sy[g]) / n2;
            double xMk = (double)((Int128)n2 * _sxx[g] - (Int128)_sx[g] * _sx[g]) / n2;
            double yMk = (double)((Int128)n2 * _syy[g] - (Int128)_sy[g] * _sy[g]) / n2;
            Combine(g, n2, xAvg, yAvg, ck, xMk, yMk);
            _in[g] = 0;
        }
    }

    private void Combine(int t, double n2, double xAvg2, double yAvg2, double ck2, double xMk2, double yMk2)
    {
        double n1 = _n[t], n = n1 + n2;
        double dx = xAvg2 - _xAvg[t], dy = yAvg2 - _yAvg[t];
        double dxN = dx / n, dyN = dy / n;
        _xAvg[t] += dxN * n2;
        _yAvg[t] += dyN * n2;
        _ck[t] += ck2 + dx * dyN * n1 * n2;
        _xMk[t] += xMk2 + dx * dxN * n1 * n2;
        _yMk[t] += yMk2 + dy * dyN * n1 * n2;
        _n[t] = n;
    }

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
        ColumnVector xv = batch[xColumn], yv = batch[yColumn];
        if (xv is PrimitiveVector<int> xi && yv is PrimitiveVector<int> yi && !xv.HasNulls && !yv.HasNulls
            && Small(xi.Values[..rows]) && Small(yi.Values[..rows]))
        {
            UpdateIntegers(xi.Values, yi.Values, groupIds, rows);
            return;
        }
        if (_xs.Length < rows) { _xs = new double[rows]; _ys = new double[rows]; }
        NumericInput.ToDoubles(xv, rows, _xs);
        NumericInput.ToDoubles(yv, rows, _ys);
        byte[]? xb = xv.ValidityBits, yb = yv.ValidityBits;
        double[] n = _n, xAvg = _xAvg, yAvg = _yAvg, ck = _ck, xMk = _xMk, yMk = _yMk, xs = _xs, ys = _ys;
        for (int i = 0; i < rows; i++)
        {
            if ((xb is not null && !Validity.IsValid(xb, i)) || (yb is not null && !Validity.IsValid(yb, i))) continue;
            int g = groupIds[i];
            double x = xs[i], y = ys[i];
            double newN = n[g] + 1, dx = x - xAvg[g], dy = y - yAvg[g];
            double newXAvg = xAvg[g] + dx / newN, newYAvg = yAvg[g] + dy / newN;
            ck[g] += dx * (y - newYAvg);
            xMk[g] += dx * (x - newXAvg);
            yMk[g] += dy * (y - newYAvg);
            xAvg[g] = newXAvg;
            yAvg[g] = newYAvg;
            n[g] = newN;
        }
    }

    public override void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
        var o = (CorrState)other;
        for (int k = 0; k < source.Length; k++)
        {
            int g = source[k];
            int t = target[k];
            _in[t] += o._in[g]; _sx[t] += o._sx[g]; _sy[t] += o._sy[g];
            _sxx[t] += o._sxx[g]; _syy[t] += o._syy[g]; _sxy[t] += o._sxy[g];
            if (o._n[g] == 0) continue;
            Combine(t, o._n[g], o._xAvg[g], o._yAvg[g], o._ck[g], o._xMk[g], o._yMk[g]);
        }
    }

    public override ColumnVector Finish(int start, int count)
    {
        Fold();
        var values = new double[count];
        byte[]? bits = null;
        int nulls = 0;
        for (int i = 0; i < count; i++)
        {
            int g = start + i;
            if (_n[g] < 2)
            {
                bits ??= Validity.AllValid(count);
                Validity.SetNull(bits, i);
                nulls++;
                continue;
            }
            values[i] = _ck[g] / Math.Sqrt(_xMk[g] * _yMk[g]);
        }
        return new PrimitiveVector<double>(ColumnType.Float64, values, count, bits, nulls);
    }
}
