using System.Globalization;
using System.Runtime.CompilerServices;
using Kindling.Vectors;

namespace Kindling.Formats.Values;

/// <summary>
/// Parses UTF-8 field text into the engine's value encodings, the way Spark's CSV/JSON readers accept it
/// (Java's Integer.parseInt, Long.parseLong, Double.parseDouble, BigDecimal, ISO dates and timestamps).
/// Every method takes the exact field bytes and returns false instead of throwing.
/// </summary>
internal static class Utf8ValueParser
{
    private static readonly double[] ExactPowersOf10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseInt32(ReadOnlySpan<byte> s, out int value)
    {
        if (TryParseInt64(s, out long l) && l >= int.MinValue && l <= int.MaxValue)
        {
            value = (int)l;
            return true;
        }
        value = 0;
        return false;
    }

    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s.Length == 0) return false;
        if (s[0] == (byte)'-') { negative = true; i = 1; }
        else if (s[0] == (byte)'+') i = 1;
        if (i == s.Length || s.Length - i > 19) return LongDigitsSlow(s, out value);
        ulong acc = 0;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            acc = acc * 10 + d;
        }
        if (negative)
        {
            if (acc > (ulong)long.MaxValue + 1) return false;
            value = (long)(0 - acc);
        }
        else
        {
            if (acc > long.MaxValue) return false;
            value = (long)acc;
        }
        return true;
    }

    // Leading zeros can make a valid long longer than 19 digits ("000...0001").
    private static bool LongDigitsSlow(ReadOnlySpan<byte> s, out long value) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Java's Double.parseDouble forms: decimal, exponent, NaN, Infinity, optional trailing d/D/f/F; plus Spark's Inf/-Inf.</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        if (TryParseSimpleDouble(s, out value)) return true;
        if (s.Length == 0) return false;
        // Java accepts a type suffix.
        byte last = s[^1];
        if (last is (byte)'d' or (byte)'D' or (byte)'f' or (byte)'F') s = s[..^1];
        if (s.Length == 0) return false;
        if (s.SequenceEqual("NaN"u8)) { value = double.NaN; return true; }
        if (s.SequenceEqual("Infinity"u8) || s.SequenceEqual("+Infinity"u8) || s.SequenceEqual("Inf"u8)) { value = double.PositiveInfinity; return true; }
        if (s.SequenceEqual("-Infinity"u8) || s.SequenceEqual("-Inf"u8)) { value = double.NegativeInfinity; return true; }
        byte first = s[0];
        if (first is not ((>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.')) return false;
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Clinger's fast path: at most 15 significant digits and a small power of ten is exact and correctly rounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseSimpleDouble(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s.Length == 0 || s.Length > 17) return false;
        if (s[0] == (byte)'-') { negative = true; i = 1; }
        else if (s[0] == (byte)'+') i = 1;
        ulong mantissa = 0;
        int digits = 0, fraction = 0;
        bool seenDot = false;
        for (; i < s.Length; i++)
        {
            byte c = s[i];
            uint d = (uint)(c - '0');
            if (d <= 9)
            {
                mantissa = mantissa * 10 + d;
                digits++;
                if (seenDot) fraction++;
            }
            else if (c == (byte)'.' && !seenDot) seenDot = true;
            else return false;
        }
        if (digits == 0 || digits > 15) return false;
        double v = mantissa;
        if (fraction > 0) v /= ExactPowersOf10[fraction];
        value = negative ? -v : v;
        return true;
    }

    public static bool TryParseFloat(ReadOnlySpan<byte> s, out float value)
    {
        if (TryParseDouble(s, out double d))
        {
            // Parse again as float for correct single rounding when the double path was not exact.
            if (!float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) value = (float)d;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Scala's String.toBoolean: "true" or "false", any case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<byte> s, out bool value)
    {
        if (s.Length == 4 && (s[0] | 0x20) == 't' && (s[1] | 0x20) == 'r' && (s[2] | 0x20) == 'u' && (s[3] | 0x20) == 'e') { value = true; return true; }
        if (s.Length == 5 && (s[0] | 0x20) == 'f' && (s[1] | 0x20) == 'a' && (s[2] | 0x20) == 'l' && (s[3] | 0x20) == 's' && (s[4] | 0x20) == 'e') { value = false; return true; }
        value = false;
        return false;
    }

    /// <summary>
    /// Parses a decimal literal exactly into an unscaled value at <paramref name="scale"/>: extra fraction
    /// digits round half up (away from zero, Java's ROUND_HALF_UP); more integer digits than
    /// precision - scale fail. Accepts an exponent (1.5E3), as BigDecimal does.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> s, int precision, int scale, out Int128 unscaled)
    {
        unscaled = 0;
        int i = 0;
        bool negative = false;
        if (s.Length == 0) return false;
        if (s[0] == (byte)'-') { negative = true; i = 1; }
        else if (s[0] == (byte)'+') i = 1;
        // Significant digits (leading zeros dropped) and P = how many of them stand left of the point.
        Span<byte> digits = stackalloc byte[48];
        int n = 0, point = 0, exponent = 0;
        bool seenDot = false, any = false;
        for (; i < s.Length; i++)
        {
            byte c = s[i];
            uint d = (uint)(c - '0');
            if (d <= 9)
            {
                any = true;
                if (n == 0 && d == 0)
                {
                    if (seenDot) point--;
                    continue;
                }
                if (n < digits.Length) digits[n] = (byte)d;
                n++;
                if (!seenDot) point++;
            }
            else if (c == (byte)'.' && !seenDot) seenDot = true;
            else if ((c | 0x20) == 'e')
            {
                if (!TryParseInt32(s[(i + 1)..], out exponent) || exponent is > 1000 or < -1000) return false;
                break;
            }
            else return false;
        }
        if (!any) return false;
        if (n == 0) return true; // zero
        point += exponent;
        if (point > precision - scale) return false;
        int keep = point + scale;
        Int128 acc = 0;
        int roundDigit = 0;
        if (keep <= 0)
        {
            roundDigit = keep == 0 ? digits[0] : 0;
        }
        else
        {
            int take = Math.Min(keep, Math.Min(n, digits.Length));
            for (int k = 0; k < take; k++) acc = acc * 10 + digits[k];
            for (int k = take; k < keep; k++) acc *= 10;
            if (keep < n && keep < digits.Length) roundDigit = digits[keep];
        }
        if (roundDigit >= 5) acc += 1;
        if (acc >= DecimalValue.Pow10Wide(precision)) return false;
        unscaled = negative ? -acc : acc;
        return true;
    }

    /// <summary>Fast decimal for precision &lt;= 18 and plain forms ("-123.4500"); falls back to the general parser.</summary>
    public static bool TryParseDecimal64(ReadOnlySpan<byte> s, int precision, int scale, out long unscaled)
    {
        unscaled = 0;
        int i = 0;
        bool negative = false;
        if (s.Length == 0 || s.Length > 20) goto Slow;
        if (s[0] == (byte)'-') { negative = true; i = 1; }
        else if (s[0] == (byte)'+') i = 1;
        long acc = 0;
        int integerDigits = 0, fractionDigits = 0;
        bool any = false;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            if (acc != 0 || d != 0) integerDigits++;
            acc = acc * 10 + d;
            any = true;
        }
        if (i < s.Length)
        {
            if (s[i] != (byte)'.') goto Slow;
            i++;
            for (; i < s.Length; i++)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) goto Slow;
                if (fractionDigits == scale) goto Slow; // needs rounding
                acc = acc * 10 + d;
                fractionDigits++;
                any = true;
            }
        }
        if (!any || integerDigits > precision - scale) goto Slow;
        acc *= DecimalValue.Pow10(scale - fractionDigits);
        unscaled = negative ? -acc : acc;
        return true;
    Slow:
        if (!TryParseDecimal(s, precision, scale, out Int128 wide)) return false;
        unscaled = (long)wide;
        return true;
    }

    /// <summary>Spark's lenient date: yyyy-[m]m-[d]d, optionally followed by 'T' or ' ' and anything (ignored).</summary>
    public static bool TryParseIsoDate(ReadOnlySpan<byte> s, out int epochDays)
    {
        epochDays = 0;
        int i = 0;
        if (!ReadDigits(s, ref i, 4, 4, out int year)) return false;
        if (i >= s.Length || s[i] != (byte)'-') return false;
        i++;
        if (!ReadDigits(s, ref i, 1, 2, out int month)) return false;
        if (i >= s.Length || s[i] != (byte)'-') return false;
        i++;
        if (!ReadDigits(s, ref i, 1, 2, out int day)) return false;
        if (i < s.Length && s[i] != (byte)'T' && s[i] != (byte)' ') return false;
        return TryDaysFromCivil(year, month, day, out epochDays);
    }

    /// <summary>
    /// ISO 8601 timestamps as Spark accepts them by default: yyyy-MM-dd[T| ]HH:mm[:ss[.fraction]][Z|±HH[:mm]]
    /// or a bare date (midnight). No zone means UTC (the engine's session time zone). Fractions beyond
    /// microseconds are truncated.
    /// </summary>
    public static bool TryParseIsoTimestamp(ReadOnlySpan<byte> s, out long epochMicros)
    {
        epochMicros = 0;
        int i = 0;
        if (!ReadDigits(s, ref i, 4, 4, out int year)) return false;
        if (i >= s.Length || s[i] != (byte)'-') return false;
        i++;
        if (!ReadDigits(s, ref i, 1, 2, out int month)) return false;
        if (i >= s.Length || s[i] != (byte)'-') return false;
        i++;
        if (!ReadDigits(s, ref i, 1, 2, out int day)) return false;
        if (!TryDaysFromCivil(year, month, day, out int days)) return false;
        long micros = days * TemporalConstants.MicrosPerDay;
        if (i == s.Length) { epochMicros = micros; return true; }
        if (s[i] != (byte)'T' && s[i] != (byte)' ') return false;
        i++;
        if (!ReadDigits(s, ref i, 1, 2, out int hour) || hour > 23) return false;
        if (i >= s.Length || s[i] != (byte)':') return false;
        i++;
        if (!ReadDigits(s, ref i, 1, 2, out int minute) || minute > 59) return false;
        int second = 0;
        long fractionMicros = 0;
        if (i < s.Length && s[i] == (byte)':')
        {
            i++;
            if (!ReadDigits(s, ref i, 1, 2, out second) || second > 59) return false;
            if (i < s.Length && s[i] == (byte)'.')
            {
                i++;
                int start = i, scale = 100_000;
                while (i < s.Length && (uint)(s[i] - '0') <= 9)
                {
                    fractionMicros += (s[i] - '0') * scale;
                    scale /= 10;
                    i++;
                }
                if (i == start || i - start > 9) return false;
            }
        }
        micros += (hour * 3600L + minute * 60L + second) * TemporalConstants.MicrosPerSecond + fractionMicros;
        if (i < s.Length)
        {
            byte z = s[i];
            if (z == (byte)'Z' && i + 1 == s.Length) { }
            else if (z is (byte)'+' or (byte)'-')
            {
                i++;
                if (!ReadDigits(s, ref i, 2, 2, out int offH) || offH > 18) return false;
                int offM = 0;
                if (i < s.Length)
                {
                    if (s[i] == (byte)':') i++;
                    if (!ReadDigits(s, ref i, 2, 2, out offM) || offM > 59) return false;
                }
                if (i != s.Length) return false;
                long offset = (offH * 60L + offM) * 60L * TemporalConstants.MicrosPerSecond;
                micros -= z == (byte)'+' ? offset : -offset;
            }
            else return false;
        }
        epochMicros = micros;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ReadDigits(ReadOnlySpan<byte> s, ref int i, int min, int max, out int value)
    {
        value = 0;
        int start = i;
        while (i < s.Length && i - start < max)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            value = value * 10 + (int)d;
            i++;
        }
        return i - start >= min;
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil), validating the day of month.</summary>
    public static bool TryDaysFromCivil(int year, int month, int day, out int epochDays)
    {
        epochDays = 0;
        if (month < 1 || month > 12 || day < 1) return false;
        int dim = month == 2 ? (DateTime.IsLeapYear(Math.Max(1, year)) ? 29 : 28) : (month is 4 or 6 or 9 or 11 ? 30 : 31);
        if (day > dim) return false;
        int y = year - (month <= 2 ? 1 : 0);
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int mp = (month + 9) % 12;
        int doy = (153 * mp + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        epochDays = era * 146097 + doe - 719468;
        return true;
    }
}
