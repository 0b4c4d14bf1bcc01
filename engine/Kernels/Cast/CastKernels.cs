using System.Globalization;
using System.Numerics;
using System.Text;
using Kindling.Kernels.Common;
using Kindling.Kernels.Temporal;
using Kindling.Vectors;

namespace Kindling.Kernels.Cast;

/// <summary>
/// Spark's CAST (non-ANSI): values that do not convert become null; numeric narrowing wraps like Java,
/// fractional → integral truncates toward zero (saturating, NaN → 0), decimals round HALF_UP and
/// become null when they overflow the target precision. Strings are trimmed before parsing.
/// </summary>
internal static class CastKernels
{
    public static ColumnVector Cast(ColumnVector v, ColumnType to)
    {
        var from = v.Type;
        if (from == to) return v;
        if (v is DictionaryVector d)
            return VectorKernels.ReapplyDictionary(d, Cast(d.Dictionary, to));
        int n = v.Length;
        if (from.Kind == TypeKind.Null) return VectorKernels.Nulls(to, n);
        switch (to.Kind)
        {
            case TypeKind.String: return ToStringVector(v);
            case TypeKind.Binary:
                if (v is StringVector sv) return new StringVector(ColumnType.Binary, sv.RawOffsets, sv.RawBytes, n, sv.ValidityBits, sv.NullCount);
                break;
        }
        if (v is StringVector s) return FromString(s, to);
        return FromPrimitive(v, to);
    }

    // ---------------------------------------------------------------- to string

    private static StringVector ToStringVector(ColumnVector v)
    {
        int n = v.Length;
        var b = new StringVectorBuilder(ColumnType.String, n, n * 8);
        if (v is StringVector bin) // binary → string: the bytes as UTF-8
        {
            for (int i = 0; i < n; i++) { if (bin.IsNull(i)) b.AppendNull(); else b.Append(bin.GetBytes(i)); }
            return b.Build();
        }
        if (v is ListVector list) return ListToString(list);
        Span<byte> buf = stackalloc byte[64];
        // One type dispatch per batch; the loops below only format.
        switch (v)
        {
            case PrimitiveVector<int> x when v.Type.Kind == TypeKind.Date:
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append(TemporalFormat.FormatDate(x[i])); }
                break;
            case PrimitiveVector<int> x:
                for (int i = 0; i < n; i++)
                {
                    if (v.IsNull(i)) { b.AppendNull(); continue; }
                    x[i].TryFormat(buf, out int w, default, CultureInfo.InvariantCulture);
                    b.Append(buf[..w]);
                }
                break;
            case PrimitiveVector<long> x when v.Type.Kind == TypeKind.Timestamp:
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append(TemporalFormat.FormatTimestamp(x[i])); }
                break;
            case PrimitiveVector<long> x when v.Type.Kind == TypeKind.Decimal:
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append(FormatDecimal(x[i], v.Type.Scale)); }
                break;
            case PrimitiveVector<long> x:
                for (int i = 0; i < n; i++)
                {
                    if (v.IsNull(i)) { b.AppendNull(); continue; }
                    x[i].TryFormat(buf, out int w, default, CultureInfo.InvariantCulture);
                    b.Append(buf[..w]);
                }
                break;
            case PrimitiveVector<Int128> x:
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append(FormatDecimal(x[i], v.Type.Scale)); }
                break;
            case PrimitiveVector<double> x:
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append(FormatDouble(x[i])); }
                break;
            case PrimitiveVector<float> x:
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append(FormatFloat(x[i])); }
                break;
            case PrimitiveVector<byte> x:
                for (int i = 0; i < n; i++) { if (v.IsNull(i)) b.AppendNull(); else b.Append(x[i] != 0 ? "true"u8 : "false"u8); }
                break;
            default:
                throw new InvalidOperationException($"internal error: cannot cast {v.Type} to string");
        }
        return b.Build();
    }

    /// <summary>
    /// Spark's array text: <c>[a, b, null]</c> (elements cast to string once for the batch, null elements as
    /// <c>null</c>, strings unquoted).
    /// </summary>
    private static StringVector ListToString(ListVector list)
    {
        int n = list.Length;
        var elements = (StringVector)VectorKernels.Decode(Cast(list.Elements, ColumnType.String));
        ReadOnlySpan<int> offsets = list.Offsets;
        var b = new StringVectorBuilder(ColumnType.String, n, elements.Bytes.Length + n * 2 + (offsets[n] - offsets[0]) * 2);
        byte[] scratch = new byte[256];
        for (int i = 0; i < n; i++)
        {
            if (list.IsNull(i)) { b.AppendNull(); continue; }
            int length = 1;
            for (int e = offsets[i]; e < offsets[i + 1]; e++) length += (e > offsets[i] ? 2 : 0) + (elements.IsNull(e) ? 4 : elements.GetBytes(e).Length);
            length++;
            if (scratch.Length < length) scratch = new byte[Math.Max(length, scratch.Length * 2)];
            int at = 0;
            scratch[at++] = (byte)'[';
            for (int e = offsets[i]; e < offsets[i + 1]; e++)
            {
                if (e > offsets[i]) { scratch[at++] = (byte)','; scratch[at++] = (byte)' '; }
                ReadOnlySpan<byte> element = elements.IsNull(e) ? "null"u8 : elements.GetBytes(e);
                element.CopyTo(scratch.AsSpan(at));
                at += element.Length;
            }
            scratch[at++] = (byte)']';
            b.Append(scratch.AsSpan(0, at));
        }
        return b.Build();
    }

    /// <summary>A decimal's plain string with exactly <paramref name="scale"/> fraction digits (Spark's toString).</summary>
    public static string FormatDecimal(Int128 unscaled, int scale)
    {
        bool neg = unscaled < 0;
        string digits = (neg ? -(BigInteger)unscaled : (BigInteger)unscaled).ToString(CultureInfo.InvariantCulture);
        if (scale > 0)
        {
            if (digits.Length <= scale) digits = new string('0', scale - digits.Length + 1) + digits;
            digits = digits[..^scale] + "." + digits[^scale..];
        }
        return neg ? "-" + digits : digits;
    }

    /// <summary>Java's Double.toString, which Spark uses: "1.0", "0.001", "1.0E7", "1.0E-4", "NaN", "Infinity".</summary>
    public static string FormatDouble(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";
        return JavaStyle(d.ToString("R", CultureInfo.InvariantCulture), Math.Abs(d));
    }

    public static string FormatFloat(float f)
    {
        if (float.IsNaN(f)) return "NaN";
        if (float.IsPositiveInfinity(f)) return "Infinity";
        if (float.IsNegativeInfinity(f)) return "-Infinity";
        if (f == 0) return float.IsNegative(f) ? "-0.0" : "0.0";
        return JavaStyle(f.ToString("R", CultureInfo.InvariantCulture), Math.Abs(f));
    }

    private static string JavaStyle(string roundTrip, double abs)
    {
        // Shortest round-trip digits, laid out the Java way.
        bool neg = roundTrip.StartsWith('-');
        string body = neg ? roundTrip[1..] : roundTrip;
        int exp = 0;
        int e = body.IndexOfAny(['E', 'e']);
        if (e >= 0) { exp = int.Parse(body[(e + 1)..], CultureInfo.InvariantCulture); body = body[..e]; }
        int dot = body.IndexOf('.');
        string intPart = dot < 0 ? body : body[..dot];
        string fracPart = dot < 0 ? "" : body[(dot + 1)..];
        string digits = (intPart + fracPart).TrimStart('0');
        int leadingZerosRemoved = (intPart + fracPart).Length - (intPart + fracPart).TrimStart('0').Length;
        int pointPos = intPart.Length + exp - leadingZerosRemoved; // position of the decimal point within digits
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        string result;
        if (abs >= 1e-3 && abs < 1e7)
        {
            if (pointPos <= 0) result = "0." + new string('0', -pointPos) + digits;
            else if (pointPos >= digits.Length) result = digits + new string('0', pointPos - digits.Length) + ".0";
            else result = digits[..pointPos] + "." + digits[pointPos..];
        }
        else
        {
            string mantissa = digits.Length == 1 ? digits + ".0" : digits[0] + "." + digits[1..];
            result = mantissa + "E" + (pointPos - 1).ToString(CultureInfo.InvariantCulture);
        }
        return neg ? "-" + result : result;
    }

    // ---------------------------------------------------------------- from string

    private static ColumnVector FromString(StringVector s, ColumnType to)
    {
        int n = s.Length;
        byte[]? validity = s.ValidityBits is null ? null : (byte[])s.ValidityBits.Clone();
        void SetNull(int i)
        {
            validity ??= Validity.AllValid(n);
            Validity.SetNull(validity, i);
        }
        Span<char> chars = stackalloc char[128];
        switch (to.Kind)
        {
            case TypeKind.Int32:
            case TypeKind.Int64:
            {
                var r = new long[n];
                for (int i = 0; i < n; i++)
                {
                    if (s.IsNull(i)) continue;
                    if (!TryParseIntegral(Trim(s.GetBytes(i)), out long v) || (to.Kind == TypeKind.Int32 && v is < int.MinValue or > int.MaxValue)) SetNull(i);
                    else r[i] = v;
                }
                if (to.Kind == TypeKind.Int64) return new PrimitiveVector<long>(to, r, n, validity);
                var ints = new int[n];
                for (int i = 0; i < n; i++) ints[i] = (int)r[i];
                return new PrimitiveVector<int>(to, ints, n, validity);
            }
            case TypeKind.Float32:
            case TypeKind.Float64:
            {
                var r = new double[n];
                for (int i = 0; i < n; i++)
                {
                    if (s.IsNull(i)) continue;
                    if (!TryParseDouble(Trim(s.GetBytes(i)), out double v)) SetNull(i);
                    else r[i] = v;
                }
                if (to.Kind == TypeKind.Float64) return new PrimitiveVector<double>(to, r, n, validity);
                var f = new float[n];
                for (int i = 0; i < n; i++) f[i] = (float)r[i];
                return new PrimitiveVector<float>(to, f, n, validity);
            }
            case TypeKind.Decimal:
            {
                var r = new BigInteger[n];
                for (int i = 0; i < n; i++)
                {
                    if (s.IsNull(i)) continue;
                    if (!TryParseDecimal(Trim(s.GetBytes(i)), to, out var v)) SetNull(i);
                    else r[i] = v;
                }
                return DecimalFromBig(r, to, validity);
            }
            case TypeKind.Boolean:
            {
                var r = new byte[n];
                for (int i = 0; i < n; i++)
                {
                    if (s.IsNull(i)) continue;
                    var t = Trim(s.GetBytes(i));
                    if (t.Length > 8) { SetNull(i); continue; }
                    int len = Encoding.UTF8.GetChars(t, chars);
                    var str = chars[..len];
                    if (str.Equals("t", StringComparison.OrdinalIgnoreCase) || str.Equals("true", StringComparison.OrdinalIgnoreCase) || str.Equals("y", StringComparison.OrdinalIgnoreCase) || str.Equals("yes", StringComparison.OrdinalIgnoreCase) || str.SequenceEqual("1")) r[i] = 1;
                    else if (str.Equals("f", StringComparison.OrdinalIgnoreCase) || str.Equals("false", StringComparison.OrdinalIgnoreCase) || str.Equals("n", StringComparison.OrdinalIgnoreCase) || str.Equals("no", StringComparison.OrdinalIgnoreCase) || str.SequenceEqual("0")) r[i] = 0;
                    else SetNull(i);
                }
                return new PrimitiveVector<byte>(to, r, n, validity);
            }
            case TypeKind.Date:
            {
                var r = new int[n];
                for (int i = 0; i < n; i++)
                {
                    if (s.IsNull(i)) continue;
                    var t = s.GetBytes(i);
                    if (t.Length > chars.Length) { SetNull(i); continue; }
                    int len = Encoding.UTF8.GetChars(t, chars);
                    if (!TemporalFormat.TryParseDate(chars[..len], out r[i])) SetNull(i);
                }
                return new PrimitiveVector<int>(to, r, n, validity);
            }
            case TypeKind.Timestamp:
            {
                var r = new long[n];
                for (int i = 0; i < n; i++)
                {
                    if (s.IsNull(i)) continue;
                    var t = s.GetBytes(i);
                    if (t.Length > chars.Length) { SetNull(i); continue; }
                    int len = Encoding.UTF8.GetChars(t, chars);
                    if (!TemporalFormat.TryParseTimestamp(chars[..len], out r[i])) SetNull(i);
                }
                return new PrimitiveVector<long>(to, r, n, validity);
            }
        }
        throw new NotSupportedException($"cannot cast {s.Type} to {to}");
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> b)
    {
        int start = 0, end = b.Length;
        while (start < end && b[start] <= (byte)' ') start++;
        while (end > start && b[end - 1] <= (byte)' ') end--;
        return b[start..end];
    }

    /// <summary>Spark's UTF8String.toLong: optional sign, digits, and an optional fraction that is truncated.</summary>
    public static bool TryParseIntegral(ReadOnlySpan<byte> b, out long value)
    {
        value = 0;
        if (b.Length == 0) return false;
        int i = 0;
        bool neg = false;
        if (b[0] == '-' || b[0] == '+') { neg = b[0] == '-'; i++; }
        if (i == b.Length) return false;
        long acc = 0;
        int digits = 0;
        for (; i < b.Length && b[i] != '.'; i++)
        {
            int d = b[i] - '0';
            if ((uint)d > 9) return false;
            // Accumulate negatively so long.MinValue parses.
            if (acc < (long.MinValue + d) / 10) return false;
            acc = acc * 10 - d;
            digits++;
        }
        if (i < b.Length)
        {
            i++;
            for (; i < b.Length; i++) if ((uint)(b[i] - '0') > 9) return false;
        }
        // Like Spark's UTF8String.toLong, "." and "+." parse as 0: only an empty string or a lone sign fails.
        if (!neg)
        {
            if (acc == long.MinValue) return false;
            acc = -acc;
        }
        value = acc;
        return true;
    }

    public static bool TryParseDouble(ReadOnlySpan<byte> b, out double value)
    {
        Span<char> chars = stackalloc char[64];
        value = 0;
        if (b.Length == 0 || b.Length > 64) return false;
        int len = Encoding.UTF8.GetChars(b, chars);
        var s = chars[..len];
        if (s.EndsWith("d", StringComparison.OrdinalIgnoreCase) || s.EndsWith("f", StringComparison.OrdinalIgnoreCase)) s = s[..^1];
        if (s.Equals("NaN", StringComparison.Ordinal)) { value = double.NaN; return true; }
        if (s.Equals("Infinity", StringComparison.Ordinal) || s.Equals("+Infinity", StringComparison.Ordinal) || s.Equals("inf", StringComparison.OrdinalIgnoreCase)) { value = double.PositiveInfinity; return true; }
        if (s.Equals("-Infinity", StringComparison.Ordinal) || s.Equals("-inf", StringComparison.OrdinalIgnoreCase)) { value = double.NegativeInfinity; return true; }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a decimal string (with optional exponent) to an unscaled value at <paramref name="to"/>'s scale, rounding HALF_UP.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> b, ColumnType to, out BigInteger unscaled)
    {
        unscaled = default;
        int i = 0;
        bool neg = false;
        if (b.Length == 0) return false;
        if (b[0] == '-' || b[0] == '+') { neg = b[0] == '-'; i++; }
        BigInteger digits = BigInteger.Zero;
        int scale = 0, count = 0;
        bool seenDot = false;
        long acc = 0;
        int accDigits = 0;
        for (; i < b.Length; i++)
        {
            byte c = b[i];
            if (c == '.') { if (seenDot) return false; seenDot = true; continue; }
            if (c is (byte)'e' or (byte)'E') break;
            int d = c - '0';
            if ((uint)d > 9) return false;
            acc = acc * 10 + d;
            if (++accDigits == 18) { digits = digits * BigInteger.Pow(10, 18) + acc; acc = 0; accDigits = 0; }
            if (seenDot) scale++;
            count++;
        }
        if (count == 0) return false;
        digits = digits * BigInteger.Pow(10, accDigits) + acc;
        if (i < b.Length)
        {
            if (!int.TryParse(Encoding.ASCII.GetString(b[(i + 1)..]), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int exp)) return false;
            scale -= exp;
        }
        var r = Arithmetic.DecimalArithmetic.Rescale(digits, scale, to.Scale);
        if (r >= (BigInteger)DecimalValue.Pow10Wide(to.Precision)) return false;
        unscaled = neg ? -r : r;
        return true;
    }

    private static ColumnVector DecimalFromBig(BigInteger[] values, ColumnType to, byte[]? validity)
    {
        int n = values.Length;
        if (to.IsWideDecimal)
        {
            var w = new Int128[n];
            for (int i = 0; i < n; i++) w[i] = (Int128)values[i];
            return new PrimitiveVector<Int128>(to, w, n, validity);
        }
        var l = new long[n];
        for (int i = 0; i < n; i++) l[i] = (long)values[i];
        return new PrimitiveVector<long>(to, l, n, validity);
    }

    // ---------------------------------------------------------------- between fixed-width types

    private static ColumnVector FromPrimitive(ColumnVector v, ColumnType to)
    {
        var from = v.Type;
        int n = v.Length;
        if (from.Kind == TypeKind.Decimal || to.Kind == TypeKind.Decimal) return DecimalCast(v, to);
        switch (from.Kind, to.Kind)
        {
            case (TypeKind.Date, TypeKind.Timestamp):
            {
                var x = ((PrimitiveVector<int>)v).Values;
                var r = new long[n];
                for (int i = 0; i < n; i++) r[i] = x[i] * TemporalConstants.MicrosPerDay;
                return new PrimitiveVector<long>(to, r, n, v.ValidityBits, v.NullCount);
            }
            case (TypeKind.Timestamp, TypeKind.Date):
            {
                var x = ((PrimitiveVector<long>)v).Values;
                var r = new int[n];
                for (int i = 0; i < n; i++) r[i] = (int)Math.Floor(x[i] / (double)TemporalConstants.MicrosPerDay);
                return new PrimitiveVector<int>(to, r, n, v.ValidityBits, v.NullCount);
            }
            case (TypeKind.Timestamp, TypeKind.Int64):
            case (TypeKind.Timestamp, TypeKind.Int32):
            case (TypeKind.Timestamp, TypeKind.Float64):
            {
                // Seconds since the epoch (floor for integral targets).
                var x = ((PrimitiveVector<long>)v).Values;
                if (to.Kind == TypeKind.Float64)
                {
                    var d = new double[n];
                    for (int i = 0; i < n; i++) d[i] = x[i] / 1e6;
                    return new PrimitiveVector<double>(to, d, n, v.ValidityBits, v.NullCount);
                }
                var r = new long[n];
                for (int i = 0; i < n; i++) r[i] = Math.DivRem(x[i], TemporalConstants.MicrosPerSecond, out long rem) - (rem < 0 ? 1 : 0);
                var asLong = new PrimitiveVector<long>(ColumnType.Int64, r, n, v.ValidityBits, v.NullCount);
                return to.Kind == TypeKind.Int64 ? asLong : FromPrimitive(asLong, to);
            }
            case (TypeKind.Int32 or TypeKind.Int64 or TypeKind.Float64 or TypeKind.Float32, TypeKind.Timestamp):
            {
                var d = (PrimitiveVector<double>)FromPrimitive(v, ColumnType.Float64);
                var r = new long[n];
                var x = d.Values;
                for (int i = 0; i < n; i++) r[i] = (long)(x[i] * 1e6);
                return new PrimitiveVector<long>(to, r, n, v.ValidityBits, v.NullCount);
            }
        }
        if (from.Kind is TypeKind.Date or TypeKind.Timestamp || to.Kind is TypeKind.Date or TypeKind.Timestamp)
            throw new NotSupportedException($"cannot cast {from} to {to}");
        return v switch
        {
            PrimitiveVector<byte> x => Numeric(x, to),
            PrimitiveVector<int> x => Numeric(x, to),
            PrimitiveVector<long> x => Numeric(x, to),
            PrimitiveVector<float> x => Numeric(x, to),
            PrimitiveVector<double> x => Numeric(x, to),
            _ => throw new NotSupportedException($"cannot cast {from} to {to}"),
        };
    }

    private static ColumnVector Numeric<TFrom>(PrimitiveVector<TFrom> v, ColumnType to) where TFrom : unmanaged, INumber<TFrom>
    {
        int n = v.Length;
        var x = v.Values;
        switch (to.Kind)
        {
            case TypeKind.Boolean:
            {
                var r = new byte[n];
                for (int i = 0; i < n; i++) r[i] = x[i] != TFrom.Zero ? (byte)1 : (byte)0;
                return new PrimitiveVector<byte>(to, r, n, v.ValidityBits, v.NullCount);
            }
            case TypeKind.Int32:
            {
                var r = new int[n];
                // Java semantics: integral narrowing wraps; fractional → int saturates (NaN → 0).
                if (typeof(TFrom) == typeof(long)) for (int i = 0; i < n; i++) r[i] = unchecked((int)long.CreateTruncating(x[i]));
                else for (int i = 0; i < n; i++) r[i] = int.CreateSaturating(x[i]);
                return new PrimitiveVector<int>(to, r, n, v.ValidityBits, v.NullCount);
            }
            case TypeKind.Int64:
            {
                var r = new long[n];
                for (int i = 0; i < n; i++) r[i] = long.CreateSaturating(x[i]);
                return new PrimitiveVector<long>(to, r, n, v.ValidityBits, v.NullCount);
            }
            case TypeKind.Float32:
            {
                var r = new float[n];
                for (int i = 0; i < n; i++) r[i] = float.CreateTruncating(x[i]);
                return new PrimitiveVector<float>(to, r, n, v.ValidityBits, v.NullCount);
            }
            case TypeKind.Float64:
            {
                var r = new double[n];
                for (int i = 0; i < n; i++) r[i] = double.CreateTruncating(x[i]);
                return new PrimitiveVector<double>(to, r, n, v.ValidityBits, v.NullCount);
            }
        }
        throw new NotSupportedException($"cannot cast {v.Type} to {to}");
    }

    private static ColumnVector DecimalCast(ColumnVector v, ColumnType to)
    {
        int n = v.Length;
        var from = v.Type;
        byte[]? validity = v.ValidityBits is null ? null : (byte[])v.ValidityBits.Clone();
        void SetNull(int i)
        {
            validity ??= Validity.AllValid(n);
            Validity.SetNull(validity, i);
        }
        if (to.Kind == TypeKind.Decimal)
        {
            var limit = (BigInteger)DecimalValue.Pow10Wide(to.Precision);
            var r = new BigInteger[n];
            for (int i = 0; i < n; i++)
            {
                if (v.IsNull(i)) continue;
                BigInteger u;
                switch (v)
                {
                    case PrimitiveVector<long> l when from.Kind == TypeKind.Decimal: u = Arithmetic.DecimalArithmetic.Rescale(l[i], from.Scale, to.Scale); break;
                    case PrimitiveVector<Int128> w: u = Arithmetic.DecimalArithmetic.Rescale(w[i], from.Scale, to.Scale); break;
                    case PrimitiveVector<long> l: u = (BigInteger)l[i] * BigInteger.Pow(10, to.Scale); break;
                    case PrimitiveVector<int> k: u = (BigInteger)k[i] * BigInteger.Pow(10, to.Scale); break;
                    case PrimitiveVector<byte> bo: u = (BigInteger)bo[i] * BigInteger.Pow(10, to.Scale); break;
                    case PrimitiveVector<double> d: if (!FromDouble(d[i], to.Scale, out u)) { SetNull(i); continue; } break;
                    case PrimitiveVector<float> f: if (!FromDouble(f[i], to.Scale, out u)) { SetNull(i); continue; } break;
                    default: throw new NotSupportedException($"cannot cast {from} to {to}");
                }
                if (BigInteger.Abs(u) >= limit) { SetNull(i); continue; }
                r[i] = u;
            }
            return DecimalFromBig(r, to, validity);
        }
        // decimal → other numeric
        var doubles = new double[n];
        var longs = new long[n];
        for (int i = 0; i < n; i++)
        {
            if (v.IsNull(i)) continue;
            var u = Arithmetic.DecimalArithmetic.Unscaled(v, i);
            var pow = BigInteger.Pow(10, from.Scale);
            longs[i] = (long)(BigInteger.Divide(u, pow) & ulong.MaxValue); // truncates toward zero, wraps like Java's longValue
            doubles[i] = (double)u / Math.Pow(10, from.Scale);
        }
        return to.Kind switch
        {
            TypeKind.Float64 => new PrimitiveVector<double>(to, doubles, n, validity),
            TypeKind.Float32 => new PrimitiveVector<float>(to, doubles.Select(d => (float)d).ToArray(), n, validity),
            TypeKind.Int64 => new PrimitiveVector<long>(to, longs, n, validity),
            TypeKind.Int32 => new PrimitiveVector<int>(to, longs.Select(l => unchecked((int)l)).ToArray(), n, validity),
            TypeKind.Boolean => new PrimitiveVector<byte>(to, Enumerable.Range(0, n).Select(i => doubles[i] != 0 ? (byte)1 : (byte)0).ToArray(), n, validity),
            _ => throw new NotSupportedException($"cannot cast {from} to {to}"),
        };
    }

    private static bool FromDouble(double d, int scale, out BigInteger unscaled)
    {
        unscaled = default;
        if (double.IsNaN(d) || double.IsInfinity(d)) return false;
        // Through the shortest decimal string, as Spark goes through BigDecimal(double.toString).
        var s = Encoding.ASCII.GetBytes(d.ToString("R", CultureInfo.InvariantCulture));
        return TryParseDecimal(s, ColumnType.Decimal(38, Math.Min(scale, 38)), out unscaled);
    }

    // ---------------------------------------------------------------- scalars

    /// <summary>Casts one value in the engine representation (constant folding, lag/lead defaults).</summary>
    public static object? CastScalar(object? value, ColumnType from, ColumnType to)
    {
        if (value is null) return null;
        var v = Cast(VectorKernels.Constant(value, from, 1), to);
        return ScalarValue(v, 0);
    }

    /// <summary>Row <paramref name="i"/> in the engine representation used by <see cref="Plan.Expressions.Literal"/>.</summary>
    public static object? ScalarValue(ColumnVector v, int i)
    {
        if (v.IsNull(i)) return null;
        return v switch
        {
            DictionaryVector d => ScalarValue(d.Dictionary, d.Indices[i]),
            StringVector s => s.Type.Kind == TypeKind.String ? s.GetString(i) : s.GetBytes(i).ToArray(),
            PrimitiveVector<byte> b => v.Type.Kind == TypeKind.Boolean ? b[i] != 0 : null,
            PrimitiveVector<int> x => x[i],
            PrimitiveVector<long> x when v.Type.Kind == TypeKind.Decimal => DecimalValue.ToDecimal(x[i], v.Type.Scale),
            PrimitiveVector<long> x => x[i],
            PrimitiveVector<Int128> x => DecimalValue.ToDecimal(x[i], v.Type.Scale),
            PrimitiveVector<float> x => x[i],
            PrimitiveVector<double> x => x[i],
            _ => v.GetObject(i),
        };
    }
}
