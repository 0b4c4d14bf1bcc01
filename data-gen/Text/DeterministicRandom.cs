namespace Kindling.DataGen.Text;

/// <summary>
/// A small, fast, seedable generator (xoshiro256**) whose sequence is fixed by its seed on every
/// machine and .NET version, unlike <see cref="Random"/>'s unspecified algorithm.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DeterministicRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A generator for one named stream of one day, independent of every other stream.</summary>
    public static DeterministicRandom For(long seed, string stream, int day = 0)
    {
        ulong h = 14695981039346656037UL; // FNV-1a: stable across processes, unlike string.GetHashCode
        foreach (char c in stream) h = (h ^ c) * 1099511628211UL;
        h ^= (ulong)seed * 0x9E3779B97F4A7C15UL;
        h ^= (ulong)(uint)day * 0xC2B2AE3D27D4EB4FUL;
        return new DeterministicRandom(h);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)((NextUInt64() >> 32) * (ulong)maxExclusive >> 32);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public long NextLong(long maxExclusive) => (long)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
