using System.Buffers.Binary;
using System.Numerics;
using Kindling.Vectors;

namespace Kindling.Kernels.Strings;

/// <summary>
/// Spark's <c>xxhash64()</c>: XXH64 with seed 42, chained over the arguments like <c>hash()</c>. Ints hash
/// as their 4 little-endian bytes, longs as 8 (Spark's hashInt/hashLong are XXH64 of those bytes).
/// </summary>
internal static class SparkXxHash64
{
    public const long DefaultSeed = 42;
    private const ulong P1 = 11400714785074694791UL, P2 = 14029467366897019727UL, P3 = 1609587929392839161UL, P4 = 9650029242287828579UL, P5 = 2870177450012600261UL;

    private static ulong Round(ulong acc, ulong input) => BitOperations.RotateLeft(acc + input * P2, 31) * P1;

    private static ulong Merge(ulong acc, ulong val) => (acc ^ Round(0, val)) * P1 + P4;

    public static ulong Hash(ReadOnlySpan<byte> data, ulong seed)
    {
        int len = data.Length, i = 0;
        ulong h;
        if (len >= 32)
        {
            ulong v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
            for (; i <= len - 32; i += 32)
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
                v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 8)..]));
                v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 16)..]));
                v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 24)..]));
            }
            h = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7) + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
            h = Merge(Merge(Merge(Merge(h, v1), v2), v3), v4);
        }
        else h = seed + P5;
        h += (ulong)len;
        for (; i <= len - 8; i += 8)
            h = BitOperations.RotateLeft(h ^ Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data[i..])), 27) * P1 + P4;
        if (i <= len - 4)
        {
            h = BitOperations.RotateLeft(h ^ (BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) * P1), 23) * P2 + P3;
            i += 4;
        }
        for (; i < len; i++)
            h = BitOperations.RotateLeft(h ^ (data[i] * P5), 11) * P1;
        h ^= h >> 33;
        h *= P2;
        h ^= h >> 29;
        h *= P3;
        h ^= h >> 32;
        return h;
    }

    /// <summary>Folds one column into the running per-row hashes.</summary>
    public static void Accumulate(ColumnVector v, Span<long> hashes)
    {
        if (v is DictionaryVector d) v = Common.VectorKernels.Decode(d);
        Span<byte> buf = stackalloc byte[8];
        for (int i = 0; i < hashes.Length; i++)
        {
            if (v.IsNull(i)) continue;
            ulong seed = (ulong)hashes[i];
            switch (v)
            {
                case PrimitiveVector<byte> b: BinaryPrimitives.WriteInt32LittleEndian(buf, b[i]); hashes[i] = (long)Hash(buf[..4], seed); break;
                case PrimitiveVector<int> x: BinaryPrimitives.WriteInt32LittleEndian(buf, x[i]); hashes[i] = (long)Hash(buf[..4], seed); break;
                case PrimitiveVector<long> x: BinaryPrimitives.WriteInt64LittleEndian(buf, x[i]); hashes[i] = (long)Hash(buf, seed); break;
                case PrimitiveVector<float> x:
                    BinaryPrimitives.WriteInt32LittleEndian(buf, x[i] == 0f ? 0 : float.IsNaN(x[i]) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(x[i]));
                    hashes[i] = (long)Hash(buf[..4], seed);
                    break;
                case PrimitiveVector<double> x:
                    BinaryPrimitives.WriteInt64LittleEndian(buf, x[i] == 0d ? 0L : double.IsNaN(x[i]) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(x[i]));
                    hashes[i] = (long)Hash(buf, seed);
                    break;
                case PrimitiveVector<Int128> x: hashes[i] = (long)Hash(((BigInteger)x[i]).ToByteArray(isUnsigned: false, isBigEndian: true), seed); break;
                case StringVector s: hashes[i] = (long)Hash(s.GetBytes(i), seed); break;
            }
        }
    }
}
