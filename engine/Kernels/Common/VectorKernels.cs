using System.Runtime.InteropServices;
using System.Text;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Kernels.Common;

/// <summary>Shared helpers for kernels: validity combination, constant vectors, dictionary decoding.</summary>
internal static class VectorKernels
{
    /// <summary>The AND of two validity bitmaps (null when both are null: no nulls).</summary>
    public static byte[]? AndValidity(byte[]? a, byte[]? b, int length)
    {
        if (a is null) return b is null ? null : (byte[])b.Clone();
        if (b is null) return (byte[])a.Clone();
        int bytes = Validity.ByteLength(length);
        var result = new byte[bytes];
        var ra = MemoryMarshal.Cast<byte, ulong>(a.AsSpan(0, bytes));
        var rb = MemoryMarshal.Cast<byte, ulong>(b.AsSpan(0, bytes));
        var rr = MemoryMarshal.Cast<byte, ulong>(result.AsSpan());
        for (int i = 0; i < rr.Length; i++) rr[i] = ra[i] & rb[i];
        return result;
    }

    /// <summary>A dictionary vector decoded to its plain form (nulls stay null).</summary>
    public static ColumnVector Decode(ColumnVector v)
    {
        if (v is not DictionaryVector d) return v;
        var idx = new int[d.Length];
        var codes = d.Indices;
        for (int i = 0; i < idx.Length; i++) idx[i] = d.IsNull(i) ? -1 : codes[i];
        return VectorTake.Take(d.Dictionary, idx);
    }

    /// <summary>Wraps the result of a function evaluated on a dictionary back to rows: strings stay dictionary-encoded.</summary>
    public static ColumnVector ReapplyDictionary(DictionaryVector source, ColumnVector dictionaryResult)
    {
        if (dictionaryResult is StringVector)
        {
            // A null dictionary entry makes the row null; DictionaryVector keeps row validity, so merge it.
            if (!dictionaryResult.HasNulls)
                return new DictionaryVector(dictionaryResult, source.RawIndices, source.Length, source.ValidityBits, source.NullCount);
        }
        var idx = new int[source.Length];
        var codes = source.Indices;
        for (int i = 0; i < idx.Length; i++) idx[i] = source.IsNull(i) ? -1 : codes[i];
        return VectorTake.Take(dictionaryResult, idx);
    }

    /// <summary>A vector of <paramref name="length"/> copies of a literal value (engine representation).</summary>
    public static ColumnVector Constant(object? value, ColumnType type, int length)
    {
        if (type.Kind == TypeKind.Array) return ConstantList(value, type, length);
        byte[]? validity = null;
        if (value is null)
        {
            validity = new byte[Validity.ByteLength(length)];
            if (type.Kind == TypeKind.Null || type.FixedWidth == 0 && !type.IsVariableWidth)
                return new PrimitiveVector<byte>(type, new byte[length], length, validity, length);
        }
        switch (type.Kind)
        {
            case TypeKind.Boolean: return Fill(type, value is bool b && b ? (byte)1 : (byte)0, length, validity);
            case TypeKind.Int32:
            case TypeKind.Date: return Fill(type, value is null ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), length, validity);
            case TypeKind.Int64:
            case TypeKind.Timestamp: return Fill(type, value is null ? 0L : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), length, validity);
            case TypeKind.Float32: return Fill(type, value is null ? 0f : Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture), length, validity);
            case TypeKind.Float64: return Fill(type, value is null ? 0d : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), length, validity);
            case TypeKind.Decimal:
            {
                decimal m = value is null ? 0m : Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
                return type.IsWideDecimal
                    ? Fill(type, DecimalValue.ToUnscaledInt128(m, type.Scale), length, validity)
                    : Fill(type, DecimalValue.ToUnscaledInt64(m, type.Scale), length, validity);
            }
            case TypeKind.String:
            case TypeKind.Binary:
            {
                // A plain vector, not a dictionary: constants mostly reach here as output columns (Lit("x") in a
                // Select), and writers and operators then get the simplest layout. Constant folding has already
                // evaluated functions of constants once.
                byte[] one = value switch { null => [], string s => Encoding.UTF8.GetBytes(s), byte[] x => x, _ => Encoding.UTF8.GetBytes(value.ToString()!) };
                long total = (long)one.Length * length;
                if (total > Array.MaxLength) throw new InvalidOperationException($"a constant of {one.Length} bytes repeated {length} times exceeds the largest array; use smaller batches");
                var bytes = new byte[total];
                var offsets = new int[length + 1];
                for (int i = 0; i < length; i++)
                {
                    one.CopyTo(bytes, i * one.Length);
                    offsets[i + 1] = (i + 1) * one.Length;
                }
                return new StringVector(type, offsets, bytes, length, validity, value is null ? length : 0);
            }
            default:
                return new PrimitiveVector<byte>(ColumnType.Null, new byte[length], length, new byte[Validity.ByteLength(length)], length);
        }
    }

    /// <summary>An array constant: one array built once, then repeated by index (null: no elements at all).</summary>
    private static ColumnVector ConstantList(object? value, ColumnType type, int length)
    {
        var one = VectorFromObjects.Build(type, [value]);
        var rows = new int[length];
        if (value is null) rows.AsSpan().Fill(-1);
        return VectorTake.Take(one, rows);
    }

    private static PrimitiveVector<T> Fill<T>(ColumnType type, T value, int length, byte[]? validity) where T : unmanaged
    {
        var values = new T[length];
        values.AsSpan().Fill(value);
        return new PrimitiveVector<T>(type, values, length, validity, validity is null ? 0 : length);
    }

    /// <summary>An all-null vector of any type.</summary>
    public static ColumnVector Nulls(ColumnType type, int length) => Constant(null, type, length);

    /// <summary>The validity bitmap with rows where <paramref name="nullMask"/> is 1 also made null.</summary>
    public static byte[]? WithNulls(byte[]? validity, ReadOnlySpan<byte> nullMask, int length, out int nullCount)
    {
        byte[]? result = validity is null ? null : (byte[])validity.Clone();
        for (int i = 0; i < length; i++)
        {
            if (nullMask[i] == 0) continue;
            result ??= Validity.AllValid(length);
            Validity.SetNull(result, i);
        }
        nullCount = result is null ? 0 : Validity.CountNulls(result, length);
        return result;
    }
}
