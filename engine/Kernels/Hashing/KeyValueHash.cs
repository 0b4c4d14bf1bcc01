using System.Runtime.CompilerServices;
using Kindling.Vectors;

namespace Kindling.Kernels.Hashing;

/// <summary>
/// Hashes of key rows computed from the values themselves (string bytes, not interned ids), so that any two
/// rows that group together hash alike whichever encoder, worker or file saw them: how a spilling aggregate
/// picks the partition of a row whose key it has no id for. Floats are normalized as
/// <see cref="GroupKeyEncoder"/> groups them (NaN = NaN, -0.0 = 0.0); a null hashes as a fixed word.
/// </summary>
internal static class KeyValueHash
{
    private const ulong NullWord = 0x6E756C6C_6B657921UL;

    /// <summary>Writes to <paramref name="hashes"/>[k] the hash of the key of row <paramref name="rows"/>[k] of <paramref name="columns"/>.</summary>
    public static void Hash(ReadOnlySpan<ColumnVector> columns, ReadOnlySpan<int> rows, Span<ulong> hashes)
    {
        hashes[..rows.Length].Fill(KeyHash.Seed);
        foreach (ColumnVector column in columns) Fold(column, rows, hashes);
        for (int k = 0; k < rows.Length; k++) hashes[k] = KeyHash.Mix(hashes[k]);
    }

    private static void Fold(ColumnVector v, ReadOnlySpan<int> rows, Span<ulong> hashes)
    {
        byte[]? bits = v.HasNulls ? v.ValidityBits : null;
        switch (v)
        {
            case PrimitiveVector<int> p:
            {
                ReadOnlySpan<int> values = p.Values;
                for (int k = 0; k < rows.Length; k++) hashes[k] = Step(hashes[k], bits, rows[k], (uint)values[rows[k]]);
                break;
            }
            case PrimitiveVector<long> p:
            {
                ReadOnlySpan<long> values = p.Values;
                for (int k = 0; k < rows.Length; k++) hashes[k] = Step(hashes[k], bits, rows[k], (ulong)values[rows[k]]);
                break;
            }
            case PrimitiveVector<byte> p:
            {
                ReadOnlySpan<byte> values = p.Values;
                for (int k = 0; k < rows.Length; k++) hashes[k] = Step(hashes[k], bits, rows[k], values[rows[k]]);
                break;
            }
            case PrimitiveVector<float> p:
            {
                ReadOnlySpan<float> values = p.Values;
                for (int k = 0; k < rows.Length; k++) hashes[k] = Step(hashes[k], bits, rows[k], (uint)GroupKeyEncoder.NormalizeFloat(values[rows[k]]));
                break;
            }
            case PrimitiveVector<double> p:
            {
                ReadOnlySpan<double> values = p.Values;
                for (int k = 0; k < rows.Length; k++) hashes[k] = Step(hashes[k], bits, rows[k], (ulong)GroupKeyEncoder.NormalizeDouble(values[rows[k]]));
                break;
            }
            case PrimitiveVector<Int128> p:
            {
                ReadOnlySpan<Int128> values = p.Values;
                for (int k = 0; k < rows.Length; k++)
                {
                    Int128 x = values[rows[k]];
                    hashes[k] = Step(hashes[k], bits, rows[k], (ulong)x ^ KeyHash.Mix((ulong)(x >> 64)));
                }
                break;
            }
            case StringVector s:
                for (int k = 0; k < rows.Length; k++) hashes[k] = Step(hashes[k], bits, rows[k], KeyHash.HashBytes(s.GetBytes(rows[k])));
                break;
            case DictionaryVector { Dictionary: StringVector d } dv:
            {
                ReadOnlySpan<int> codes = dv.Indices;
                for (int k = 0; k < rows.Length; k++)
                {
                    int code = codes[rows[k]];
                    hashes[k] = Step(hashes[k], bits, rows[k], d.IsNull(code) ? NullWord : KeyHash.HashBytes(d.GetBytes(code)));
                }
                break;
            }
            default: throw new NotSupportedException($"hashing key values of {v.Type} ({v.GetType().Name}) is not supported");
        }
    }

    /// <summary>Folds the word of one row into its hash: the value's, or the null word for a null row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ulong hash, byte[]? bits, int row, ulong word) =>
        KeyHash.Combine(hash, bits is not null && !Validity.IsValid(bits, row) ? NullWord : word);
}
