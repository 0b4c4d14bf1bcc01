using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>corr(x, y) with Spark's PearsonCorrelation updates over rows where both are non-null; null for fewer than two rows.</summary>
internal sealed class CorrState(int xColumn, int yColumn) : AggregateState
{
    private double[] _n = new double[16], _xAvg = new double[16], _yAvg = new double[16], _ck = new double[16], _xMk = new double[16], _yMk = new double[16];
    private double[] _xs = [], _ys = [];

    public override long MemoryBytes => _n.Length * 48L;

    public override void EnsureCapacity(int groups)
    {
        Grow(ref _n, groups); Grow(ref _xAvg, groups); Grow(ref _yAvg, groups);
        Grow(ref _ck, groups); Grow(ref _xMk, groups); Grow(ref _yMk, groups);
    }

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
        ColumnVector xv = batch[xColumn], yv = batch[yColumn];
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

    public override void Merge(AggregateState other, ReadOnlySpan<int> groupMap)
    {
        var o = (CorrState)other;
        for (int g = 0; g < groupMap.Length; g++)
        {
            double n2 = o._n[g];
            if (n2 == 0) continue;
            int t = groupMap[g];
            double n1 = _n[t], n = n1 + n2;
            double dx = o._xAvg[g] - _xAvg[t], dy = o._yAvg[g] - _yAvg[t];
            double dxN = dx / n, dyN = dy / n;
            _xAvg[t] += dxN * n2;
            _yAvg[t] += dyN * n2;
            _ck[t] += o._ck[g] + dx * dyN * n1 * n2;
            _xMk[t] += o._xMk[g] + dx * dxN * n1 * n2;
            _yMk[t] += o._yMk[g] + dy * dyN * n1 * n2;
            _n[t] = n;
        }
    }

    public override ColumnVector Finish(int start, int count)
    {
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
