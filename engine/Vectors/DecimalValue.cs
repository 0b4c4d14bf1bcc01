namespace Kindling.Vectors;

/// <summary>Conversions of unscaled decimal values (int64 / Int128 with a scale) to and from <see cref="decimal"/>.</summary>
internal static class DecimalValue
{
    private static readonly long[] PowersOf10 = BuildPowers();

    private static long[] BuildPowers()
    {
        var p = new long[19];
        p[0] = 1;
        for (int i = 1; i < p.Length; i++) p[i] = p[i - 1] * 10;
        return p;
    }

    /// <summary>10^<paramref name="exponent"/> for 0..18.</summary>
    public static long Pow10(int exponent) => PowersOf10[exponent];

    public static Int128 Pow10Wide(int exponent)
    {
        Int128 r = 1;
        for (int i = 0; i < exponent; i++) r *= 10;
        return r;
    }

    public static decimal ToDecimal(long unscaled, int scale)
    {
        ulong magnitude = unscaled < 0 ? (ulong)(-(unscaled + 1)) + 1 : (ulong)unscaled;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, unscaled < 0, (byte)scale);
    }

    /// <summary>Converts a wide unscaled value; throws <see cref="OverflowException"/> beyond decimal's 96 bits.</summary>
    public static decimal ToDecimal(Int128 unscaled, int scale)
    {
        bool negative = unscaled < 0;
        UInt128 magnitude = negative ? (UInt128)(-(unscaled + 1)) + 1 : (UInt128)unscaled;
        if (magnitude >> 96 != 0)
            throw new OverflowException($"decimal value with {scale} scale exceeds System.Decimal's range");
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }

    /// <summary>The unscaled int64 of <paramref name="value"/> at <paramref name="scale"/> (rounded half away from zero).</summary>
    public static long ToUnscaledInt64(decimal value, int scale) =>
        (long)decimal.Round(value * Pow10(scale), 0, MidpointRounding.AwayFromZero);

    public static Int128 ToUnscaledInt128(decimal value, int scale)
    {
        decimal scaled = decimal.Round(value, scale, MidpointRounding.AwayFromZero);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(scaled, bits);
        int currentScale = (bits[3] >> 16) & 0xFF;
        Int128 magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        magnitude *= Pow10Wide(scale - currentScale);
        return bits[3] < 0 ? -magnitude : magnitude;
    }
}
