using System.Globalization;

namespace Kindling.Formats.Values;

/// <summary>
/// Formats floating point numbers as Java's Double.toString / Float.toString do (what Spark writes):
/// the shortest digits that round-trip, plain notation with at least one fraction digit for
/// 10^-3 &lt;= |x| &lt; 10^7 (<c>1.5</c>, <c>2.0</c>), otherwise <c>d.dddE±n</c> (<c>1.0E10</c>, <c>1.0E-5</c>).
/// </summary>
internal static class JavaNumberFormat
{
    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : FormatShortest(value.ToString("E16", CultureInfo.InvariantCulture), value.ToString("R", CultureInfo.InvariantCulture), value == 0 && double.IsNegative(value));

    public static string Format(float value) =>
        float.IsNaN(value) ? "NaN"
        : float.IsPositiveInfinity(value) ? "Infinity"
        : float.IsNegativeInfinity(value) ? "-Infinity"
        : FormatShortest(null, value.ToString("R", CultureInfo.InvariantCulture), value == 0 && float.IsNegative(value));

    /// <summary>
    /// Writes <paramref name="value"/> as Java would into UTF-8 without allocating in the common case
    /// (finite, 10^-3 &lt;= |x| &lt; 10^7, where .NET's shortest form is already plain notation).
    /// </summary>
    public static int FormatUtf8(double value, Span<byte> destination)
    {
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            // Few decimals (prices, measurements): the first k with round(x * 10^k) / 10^k == x gives the digits.
            for (int k = 0; k <= 9; k++)
            {
                double scaled = Math.Round(magnitude * Pow10[k]);
                if (scaled >= 9007199254740992.0) break;
                if (scaled / Pow10[k] == magnitude) return WriteFixed(value < 0, (long)scaled, k, destination);
            }
            Span<char> chars = stackalloc char[32];
            if (value.TryFormat(chars, out int n, "R", CultureInfo.InvariantCulture) && chars[..n].IndexOfAny('E', 'e') < 0)
            {
                for (int i = 0; i < n; i++) destination[i] = (byte)chars[i];
                if (chars[..n].IndexOf('.') < 0)
                {
                    destination[n++] = (byte)'.';
                    destination[n++] = (byte)'0';
                }
                return n;
            }
        }
        return System.Text.Encoding.UTF8.GetBytes(Format(value), destination);
    }

    private static readonly double[] Pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    // m / 10^k in plain notation with at least one fraction digit ("2.0", "0.005", "47.12345").
    private static int WriteFixed(bool negative, long m, int k, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[20];
        int n = 0;
        do
        {
            digits[n++] = (byte)('0' + m % 10);
            m /= 10;
        }
        while (m > 0);
        while (n <= k) digits[n++] = (byte)'0'; // at least one integer digit
        int w = 0;
        if (negative) destination[w++] = (byte)'-';
        for (int i = n - 1; i >= k; i--) destination[w++] = digits[i];
        destination[w++] = (byte)'.';
        if (k == 0) destination[w++] = (byte)'0';
        for (int i = k - 1; i >= 0; i--) destination[w++] = digits[i];
        return w;
    }

    // Takes .NET's shortest round-trip text ("1.5E-05", "12345678.9", "-0", "1E+20") apart into digits and a decimal exponent.
    private static string FormatShortest(string? _, string shortest, bool negativeZero)
    {
        bool negative = shortest.StartsWith('-') || negativeZero;
        ReadOnlySpan<char> s = shortest.AsSpan(shortest.StartsWith('-') ? 1 : 0);
        int exponent = 0;
        int e = s.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        Span<char> digits = stackalloc char[32];
        int n = 0, pointPos = -1;
        foreach (char c in s)
        {
            if (c == '.') { pointPos = n; continue; }
            digits[n++] = c;
        }
        if (pointPos < 0) pointPos = n;
        // Strip leading zeros (adjusting the point) and trailing zeros.
        int lead = 0;
        while (lead < n - 1 && digits[lead] == '0') { lead++; }
        int decimalExponent = pointPos - lead + exponent; // value = 0.d1d2... * 10^decimalExponent
        ReadOnlySpan<char> sig = digits[lead..n];
        int trail = sig.Length;
        while (trail > 1 && sig[trail - 1] == '0') trail--;
        sig = sig[..trail];
        bool zero = sig.Length == 1 && sig[0] == '0';
        var sb = new System.Text.StringBuilder(24);
        if (negative) sb.Append('-');
        if (zero) return sb.Append("0.0").ToString();
        int sciExponent = decimalExponent - 1; // value = d1.d2d3... * 10^sciExponent
        if (sciExponent >= -3 && sciExponent < 7)
        {
            if (decimalExponent <= 0)
            {
                sb.Append("0.").Append('0', -decimalExponent).Append(sig);
            }
            else if (decimalExponent >= sig.Length)
            {
                sb.Append(sig).Append('0', decimalExponent - sig.Length).Append(".0");
            }
            else
            {
                sb.Append(sig[..decimalExponent]).Append('.').Append(sig[decimalExponent..]);
            }
        }
        else
        {
            sb.Append(sig[0]).Append('.');
            if (sig.Length > 1) sb.Append(sig[1..]);
            else sb.Append('0');
            sb.Append('E').Append(sciExponent.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
