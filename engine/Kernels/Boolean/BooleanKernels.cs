using Kindling.Vectors;

namespace Kindling.Kernels.Boolean;

/// <summary>AND / OR / NOT with SQL three-valued logic on boolean vectors (byte 0/1 + validity).</summary>
internal static class BooleanKernels
{
    /// <summary>
    /// AND: false if either side is a valid false; else null if either is null; else true.
    /// OR: true if either side is a valid true; else null if either is null; else false.
    /// </summary>
    public static PrimitiveVector<byte> AndOr(bool isAnd, PrimitiveVector<byte> a, PrimitiveVector<byte> b)
    {
        int n = a.Length;
        var r = new byte[n];
        ReadOnlySpan<byte> x = a.Values, y = b.Values;
        if (!a.HasNulls && !b.HasNulls)
        {
            if (isAnd) for (int i = 0; i < n; i++) r[i] = (byte)(x[i] & y[i]);
            else for (int i = 0; i < n; i++) r[i] = (byte)(x[i] | y[i]);
            return new PrimitiveVector<byte>(ColumnType.Boolean, r, n);
        }
        byte[]? validity = null;
        byte dominant = isAnd ? (byte)0 : (byte)1;
        for (int i = 0; i < n; i++)
        {
            bool av = a.IsValid(i), bv = b.IsValid(i);
            if ((av && x[i] == dominant) || (bv && y[i] == dominant)) { r[i] = dominant; continue; }
            if (!av || !bv)
            {
                validity ??= Validity.AllValid(n);
                Validity.SetNull(validity, i);
                continue;
            }
            r[i] = (byte)(1 - dominant);
        }
        return new PrimitiveVector<byte>(ColumnType.Boolean, r, n, validity);
    }

    public static PrimitiveVector<byte> Not(PrimitiveVector<byte> a)
    {
        var r = new byte[a.Length];
        var x = a.Values;
        for (int i = 0; i < r.Length; i++) r[i] = (byte)(x[i] ^ 1);
        return new PrimitiveVector<byte>(ColumnType.Boolean, r, a.Length, a.ValidityBits, a.NullCount);
    }

    public static PrimitiveVector<byte> IsNull(ColumnVector v, bool negated)
    {
        var r = new byte[v.Length];
        if (v.Type.Kind == TypeKind.Null) r.AsSpan().Fill(negated ? (byte)0 : (byte)1);
        else if (!v.HasNulls) r.AsSpan().Fill(negated ? (byte)1 : (byte)0);
        else
            for (int i = 0; i < r.Length; i++) r[i] = v.IsNull(i) != negated ? (byte)1 : (byte)0;
        return new PrimitiveVector<byte>(ColumnType.Boolean, r, v.Length);
    }

    /// <summary>Rows where the predicate is true (not false, not null), as a selection vector; returns the count.</summary>
    public static int SelectTrue(PrimitiveVector<byte> predicate, Span<int> selection)
    {
        int count = 0;
        var x = predicate.Values;
        byte[]? bits = predicate.ValidityBits;
        if (bits is null)
        {
            for (int i = 0; i < x.Length; i++)
            {
                selection[count] = i;
                count += x[i];
            }
        }
        else
        {
            for (int i = 0; i < x.Length; i++)
            {
                selection[count] = i;
                count += x[i] & ((bits[i >> 3] >> (i & 7)) & 1);
            }
        }
        return count;
    }
}
