using System.Globalization;

namespace Kindling.Formats.Values;

/// <summary>Writes unscaled decimals exactly at their scale (<c>10.50</c>, <c>-0.0001</c>), as Spark's Decimal.toString does for plain values.</summary>
internal static class DecimalText
{
    public static int Format(long unscaled, int scale, Span<byte> destination) => Format((Int128)unscaled, scale, destination);

    public static int Format(Int128 unscaled, int scale, Span<byte> destination)
    {
        Span<char> digits = stackalloc char[48];
        bool negative = unscaled < 0;
        UInt128 magnitude = negative ? (UInt128)(-(unscaled + 1)) + 1 : (UInt128)unscaled;
        magnitude.TryFormat(digits, out int n, default, CultureInfo.InvariantCulture);
        int pos = 0;
        if (negative) destination[pos++] = (byte)'-';
        if (scale == 0)
        {
            for (int i = 0; i < n; i++) destination[pos++] = (byte)digits[i];
            return pos;
        }
        int intDigits = n - scale;
        if (intDigits <= 0)
        {
            destination[pos++] = (byte)'0';
            destination[pos++] = (byte)'.';
            for (int i = 0; i < -intDigits; i++) destination[pos++] = (byte)'0';
            for (int i = 0; i < n; i++) destination[pos++] = (byte)digits[i];
            return pos;
        }
        for (int i = 0; i < intDigits; i++) destination[pos++] = (byte)digits[i];
        destination[pos++] = (byte)'.';
        for (int i = intDigits; i < n; i++) destination[pos++] = (byte)digits[i];
        return pos;
    }
}
