using System.Runtime.CompilerServices;

namespace Kindling.Kernels.Hashing;

/// <summary>The 64-bit mixing functions the hash tables use (murmur3's finalizer).</summary>
internal static class KeyHash
{
    public const ulong Seed = 0x9E3779B97F4A7C15UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

    /// <summary>Folds one more key word into a running hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong hash, ulong word) => Mix(hash ^ (word + Seed + (hash << 6)));

    /// <summary>Hashes <paramref name="rows"/> keys of <paramref name="width"/> words each (row-major) into <paramref name="hashes"/>.</summary>
    public static void HashWords(ReadOnlySpan<ulong> words, int width, int rows, Span<ulong> hashes)
    {
        if (width == 1)
        {
            for (int i = 0; i < rows; i++) hashes[i] = Mix(words[i] + Seed);
            return;
        }
        if (width == 2)
        {
            for (int i = 0; i < rows; i++) hashes[i] = Combine(Mix(words[2 * i] + Seed), words[2 * i + 1]);
            return;
        }
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<ulong> key = words.Slice(i * width, width);
            ulong h = Mix(key[0] + Seed);
            for (int w = 1; w < key.Length; w++) h = Combine(h, key[w]);
            hashes[i] = h;
        }
    }

    /// <summary>Hashes a byte string (UTF-8 key) with 8-byte strides.</summary>
    public static ulong HashBytes(ReadOnlySpan<byte> bytes)
    {
        ulong h = Seed ^ (ulong)bytes.Length;
        int i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
            h = Mix(h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.AsRef(in bytes[i])) ) + Seed;
        ulong tail = 0;
        for (int shift = 0; i < bytes.Length; i++, shift += 8) tail |= (ulong)bytes[i] << shift;
        return Mix(h ^ tail ^ 0xA5A5A5A5UL);
    }
}
