using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using Kindling.Vectors;

namespace Kindling.Kernels.Strings;

/// <summary>
/// Spark's <c>hash()</c>: Murmur3 x86_32 with seed 42, chained over the arguments (each value's hash is
/// the seed of the next; nulls leave it unchanged). Byte strings use Spark's variant that mixes the tail
/// bytes one at a time as signed ints, so results equal Spark's.
/// </summary>
internal static class SparkMurmur3
{
    public const int DefaultSeed = 42;
    private const uint C1 = 0xcc9e2d51, C2 = 0x1b873593;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MixK1(uint k1) => BitOperations.RotateLeft(k1 * C1, 15) * C2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MixH1(uint h1, uint k1) => BitOperations.RotateLeft(h1 ^ k1, 13) * 5 + 0xe6546b64;

    private static int Fmix(uint h1, int length)
    {
        h1 ^= (uint)length;
        h1 ^= h1 >> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >> 16;
        return (int)h1;
    }

    public static int HashInt(int input, int seed) => Fmix(MixH1((uint)seed, MixK1((uint)input)), 4);

    public static int HashLong(long input, int seed)
    {
        uint h1 = MixH1((uint)seed, MixK1((uint)input));
        h1 = MixH1(h1, MixK1((uint)(input >>> 32)));
        return Fmix(h1, 8);
    }

    public static int HashBytes(ReadOnlySpan<byte> bytes, int seed)
    {
        int aligned = bytes.Length - bytes.Length % 4;
        uint h1 = (uint)seed;
        for (int i = 0; i < aligned; i += 4)
            h1 = MixH1(h1, MixK1(BinaryPrimitives.ReadUInt32LittleEndian(bytes[i..])));
        for (int i = aligned; i < bytes.Length; i++)
            h1 = MixH1(h1, MixK1((uint)(int)(sbyte)bytes[i]));
        return Fmix(h1, bytes.Length);
    }

    /// <summary>Folds one column into the running per-row hashes.</summary>
    public static void Accumulate(ColumnVector v, Span<int> hashes)
    {
        if (v is DictionaryVector d) v = Common.VectorKernels.Decode(d);
        for (int i = 0; i < hashes.Length; i++)
        {
            if (v.IsNull(i)) continue;
            hashes[i] = v switch
            {
                PrimitiveVector<byte> b => HashInt(b[i], hashes[i]),
                PrimitiveVector<int> x => HashInt(x[i], hashes[i]),
                PrimitiveVector<long> x => HashLong(x[i], hashes[i]),
                PrimitiveVector<float> x => HashInt(x[i] == 0f ? 0 : float.IsNaN(x[i]) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(x[i]), hashes[i]),
                PrimitiveVector<double> x => HashLong(x[i] == 0d ? 0L : double.IsNaN(x[i]) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(x[i]), hashes[i]),
                PrimitiveVector<Int128> x => HashBytes(((BigInteger)x[i]).ToByteArray(isUnsigned: false, isBigEndian: true), hashes[i]),
                StringVector s => HashBytes(s.GetBytes(i), hashes[i]),
                _ => hashes[i],
            };
        }
    }
}
