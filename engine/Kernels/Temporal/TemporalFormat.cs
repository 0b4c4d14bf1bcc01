using System.Globalization;
using System.Text;
using Kindling.Vectors;

namespace Kindling.Kernels.Temporal;

/// <summary>
/// Spark's datetime patterns (a subset of java.time's DateTimeFormatter letters) for date_format,
/// to_date/to_timestamp with a format, unix_timestamp and from_unixtime; plus Spark's default
/// date/timestamp string forms and cast parsing. The session time zone is UTC.
/// Letters: y yyyy yy, M MM MMM MMMM, d dd, D, H HH, h hh, m mm, s ss, S..SSSSSS (fraction), a, E EEE EEEE,
/// Z (+0000), X XX XXX (Z or +01:00), x xx xxx, 'literal', ''.
/// </summary>
internal static class TemporalFormat
{
    private static readonly string[] MonthShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] MonthLong = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] DayShort = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] DayLong = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>A parsed pattern: runs of a letter with their count, or literal text (Letter = '\0').</summary>
    internal readonly record struct Token(char Letter, int Count, string Literal);

    public static Token[] Compile(string pattern)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < pattern.Length)
        {
            char c = pattern[i];
            if (c == '\'')
            {
                int end = i + 1;
                var sb = new StringBuilder();
                while (end < pattern.Length)
                {
                    if (pattern[end] == '\'')
                    {
                        if (end + 1 < pattern.Length && pattern[end + 1] == '\'') { sb.Append('\''); end += 2; continue; }
                        break;
                    }
                    sb.Append(pattern[end++]);
                }
                tokens.Add(new Token('\0', 0, end == i + 1 && sb.Length == 0 ? "'" : sb.ToString()));
                i = end + 1;
            }
            else if (char.IsAsciiLetter(c))
            {
                int j = i;
                while (j < pattern.Length && pattern[j] == c) j++;
                if ("yuMLdDHhmsSaEZXxkKVzG".IndexOf(c) < 0)
                    throw new ArgumentException($"Illegal pattern character '{c}' in datetime pattern \"{pattern}\"");
                tokens.Add(new Token(c, j - i, ""));
                i = j;
            }
            else
            {
                tokens.Add(new Token('\0', 0, c.ToString()));
                i++;
            }
        }
        return [.. tokens];
    }

    public static string Format(long epochMicros, Token[] tokens)
    {
        var dt = TemporalConstants.FromEpochMicros(epochMicros);
        long microsOfSecond = ((epochMicros % 1_000_000) + 1_000_000) % 1_000_000;
        var sb = new StringBuilder(32);
        foreach (var t in tokens)
        {
            switch (t.Letter)
            {
                case '\0': sb.Append(t.Literal); break;
                case 'y':
                case 'u':
                    if (t.Count == 2) Pad(sb, dt.Year % 100, 2);
                    else Pad(sb, dt.Year, t.Count);
                    break;
                case 'M':
                case 'L':
                    if (t.Count >= 4) sb.Append(MonthLong[dt.Month - 1]);
                    else if (t.Count == 3) sb.Append(MonthShort[dt.Month - 1]);
                    else Pad(sb, dt.Month, t.Count);
                    break;
                case 'd': Pad(sb, dt.Day, t.Count); break;
                case 'D': Pad(sb, dt.DayOfYear, t.Count); break;
                case 'H': Pad(sb, dt.Hour, t.Count); break;
                case 'k': Pad(sb, dt.Hour == 0 ? 24 : dt.Hour, t.Count); break;
                case 'h': Pad(sb, dt.Hour % 12 == 0 ? 12 : dt.Hour % 12, t.Count); break;
                case 'K': Pad(sb, dt.Hour % 12, t.Count); break;
                case 'm': Pad(sb, dt.Minute, t.Count); break;
                case 's': Pad(sb, dt.Second, t.Count); break;
                case 'S':
                {
                    string frac = microsOfSecond.ToString("D6", CultureInfo.InvariantCulture);
                    sb.Append(t.Count <= 6 ? frac[..t.Count] : frac.PadRight(t.Count, '0'));
                    break;
                }
                case 'a': sb.Append(dt.Hour < 12 ? "AM" : "PM"); break;
                case 'E': sb.Append(t.Count >= 4 ? DayLong[(int)dt.DayOfWeek] : DayShort[(int)dt.DayOfWeek]); break;
                case 'Z': sb.Append(t.Count == 4 ? "GMT" : t.Count == 5 ? "Z" : "+0000"); break;
                case 'X': sb.Append('Z'); break;
                case 'x': sb.Append(t.Count == 1 ? "+00" : t.Count == 2 ? "+0000" : "+00:00"); break;
                case 'V':
                case 'z': sb.Append(t.Letter == 'V' ? "UTC" : "UTC"); break;
                case 'G': sb.Append("AD"); break;
            }
        }
        return sb.ToString();
    }

    private static void Pad(StringBuilder sb, int value, int width) =>
        sb.Append(value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));

    /// <summary>Parses <paramref name="s"/> with a compiled pattern to epoch micros (UTC); false when it does not match exactly.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, Token[] tokens, out long epochMicros)
    {
        epochMicros = 0;
        int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0, offsetSeconds = 0, dayOfYear = -1;
        bool pm = false, hasAmPm = false;
        int pos = 0;
        for (int ti = 0; ti < tokens.Length; ti++)
        {
            var t = tokens[ti];
            if (t.Letter == '\0')
            {
                if (!s[pos..].StartsWith(t.Literal, StringComparison.Ordinal)) return false;
                pos += t.Literal.Length;
                continue;
            }
            // A numeric field followed directly by another numeric field takes exactly its width.
            bool adjacentNumeric = ti + 1 < tokens.Length && tokens[ti + 1].Letter != '\0' && "yuMdDHhkKmsS".IndexOf(tokens[ti + 1].Letter) >= 0;
            switch (t.Letter)
            {
                case 'y':
                case 'u':
                    if (!Number(s, ref pos, t.Count == 2 ? 2 : t.Count, t.Count == 2 ? 2 : 9, adjacentNumeric, out year)) return false;
                    if (t.Count == 2) year += 2000;
                    break;
                case 'M':
                case 'L':
                    if (t.Count >= 3)
                    {
                        if (!Name(s, ref pos, t.Count >= 4 ? MonthLong : MonthShort, out int m)) return false;
                        month = m + 1;
                    }
                    else if (!Number(s, ref pos, t.Count, 2, adjacentNumeric, out month)) return false;
                    break;
                case 'd': if (!Number(s, ref pos, t.Count, 2, adjacentNumeric, out day)) return false; break;
                case 'D': if (!Number(s, ref pos, t.Count, 3, adjacentNumeric, out dayOfYear)) return false; break;
                case 'H':
                case 'k': if (!Number(s, ref pos, t.Count, 2, adjacentNumeric, out hour)) return false; break;
                case 'h':
                case 'K': if (!Number(s, ref pos, t.Count, 2, adjacentNumeric, out hour)) return false; hasAmPm = true; break;
                case 'm': if (!Number(s, ref pos, t.Count, 2, adjacentNumeric, out minute)) return false; break;
                case 's': if (!Number(s, ref pos, t.Count, 2, adjacentNumeric, out second)) return false; break;
                case 'S':
                {
                    int start = pos;
                    if (!Number(s, ref pos, t.Count, t.Count, true, out int frac)) return false;
                    int digits = pos - start;
                    micros = digits >= 6 ? frac / (int)Math.Pow(10, digits - 6) : frac * (int)Math.Pow(10, 6 - digits);
                    break;
                }
                case 'a':
                    if (s[pos..].StartsWith("AM", StringComparison.OrdinalIgnoreCase)) pm = false;
                    else if (s[pos..].StartsWith("PM", StringComparison.OrdinalIgnoreCase)) pm = true;
                    else return false;
                    pos += 2;
                    break;
                case 'E':
                    if (!Name(s, ref pos, t.Count >= 4 ? DayLong : DayShort, out _)) return false;
                    break;
                case 'Z':
                case 'X':
                case 'x':
                    if (!Offset(s, ref pos, out offsetSeconds)) return false;
                    break;
                case 'V':
                case 'z':
                    if (s[pos..].StartsWith("UTC", StringComparison.Ordinal)) pos += 3;
                    else if (s[pos..].StartsWith("GMT", StringComparison.Ordinal) || s[pos..].StartsWith("Z", StringComparison.Ordinal)) pos += s[pos] == 'Z' ? 1 : 3;
                    else return false;
                    break;
                default:
                    return false;
            }
        }
        if (pos != s.Length) return false;
        if (hasAmPm) { hour %= 12; if (pm) hour += 12; }
        if (month is < 1 or > 12 || hour > 23 || minute > 59 || second > 59) return false;
        if (dayOfYear > 0)
        {
            if (dayOfYear > (DateTime.IsLeapYear(year) ? 366 : 365)) return false;
            var d0 = new DateOnly(year, 1, 1).AddDays(dayOfYear - 1);
            month = d0.Month;
            day = d0.Day;
        }
        if (year is < 1 or > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        long days = TemporalConstants.ToEpochDays(new DateOnly(year, month, day));
        epochMicros = days * TemporalConstants.MicrosPerDay + ((hour * 60L + minute) * 60 + second - offsetSeconds) * TemporalConstants.MicrosPerSecond + micros;
        return true;
    }

    private static bool Number(ReadOnlySpan<char> s, ref int pos, int minDigits, int maxDigits, bool exactWidth, out int value)
    {
        value = 0;
        int start = pos;
        int limit = exactWidth ? Math.Max(minDigits, 1) : Math.Max(maxDigits, minDigits);
        if (exactWidth && minDigits == 1) limit = maxDigits; // "d" next to a number: up to 2
        while (pos < s.Length && pos - start < limit && char.IsAsciiDigit(s[pos]))
            value = value * 10 + (s[pos++] - '0');
        return pos - start >= Math.Max(minDigits, 1);
    }

    private static bool Name(ReadOnlySpan<char> s, ref int pos, string[] names, out int index)
    {
        for (index = 0; index < names.Length; index++)
            if (s[pos..].StartsWith(names[index], StringComparison.OrdinalIgnoreCase)) { pos += names[index].Length; return true; }
        return false;
    }

    private static bool Offset(ReadOnlySpan<char> s, ref int pos, out int seconds)
    {
        seconds = 0;
        if (pos >= s.Length) return false;
        if (s[pos] == 'Z') { pos++; return true; }
        if (s[pos] != '+' && s[pos] != '-') return false;
        int sign = s[pos] == '-' ? -1 : 1;
        pos++;
        if (!Number(s, ref pos, 2, 2, true, out int h)) return false;
        int m = 0;
        if (pos < s.Length && s[pos] == ':') pos++;
        if (pos + 1 < s.Length + 1 && pos < s.Length && char.IsAsciiDigit(s[pos]) && !Number(s, ref pos, 2, 2, true, out m)) return false;
        seconds = sign * (h * 3600 + m * 60);
        return true;
    }

    /// <summary>Spark's default timestamp string: <c>yyyy-MM-dd HH:mm:ss[.fraction without trailing zeros]</c>.</summary>
    public static string FormatTimestamp(long epochMicros)
    {
        var dt = TemporalConstants.FromEpochMicros(epochMicros);
        long frac = ((epochMicros % 1_000_000) + 1_000_000) % 1_000_000;
        var s = dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        if (frac == 0) return s;
        return s + "." + frac.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    public static string FormatDate(int epochDays) =>
        TemporalConstants.FromEpochDays(epochDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Spark's string → date cast: <c>yyyy</c>, <c>yyyy-[m]m</c>, <c>yyyy-[m]m-[d]d</c>, optionally followed by ' ' or 'T' and anything.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out int epochDays)
    {
        epochDays = 0;
        s = s.Trim();
        int pos = 0;
        int[] parts = [0, 1, 1];
        for (int p = 0; p < 3; p++)
        {
            int start = pos, v = 0;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]) && pos - start < (p == 0 ? 7 : 2)) v = v * 10 + (s[pos++] - '0');
            int len = pos - start;
            if (p == 0 ? len < 4 : len < 1) return false;
            parts[p] = v;
            if (pos == s.Length) break;
            if (p < 2 && s[pos] == '-') { pos++; continue; }
            if (p == 2 && (s[pos] == ' ' || s[pos] == 'T')) break;
            return false;
        }
        if (parts[0] is < 1 or > 9999 || parts[1] is < 1 or > 12 || parts[2] < 1 || parts[2] > DateTime.DaysInMonth(parts[0], parts[1])) return false;
        epochDays = TemporalConstants.ToEpochDays(new DateOnly(parts[0], parts[1], parts[2]));
        return true;
    }

    /// <summary>Spark's string → timestamp cast: a date, optionally ' ' or 'T' then <c>HH:mm[:ss[.fraction]]</c>, optionally a zone (Z, ±hh[:mm], UTC).</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> s, out long epochMicros)
    {
        epochMicros = 0;
        s = s.Trim();
        int sep = s.IndexOfAny(' ', 'T');
        var datePart = sep < 0 ? s : s[..sep];
        if (!TryParseDate(datePart, out int days)) return false;
        long micros = 0;
        int offset = 0;
        if (sep >= 0)
        {
            var t = s[(sep + 1)..];
            int pos = 0;
            int[] hms = [0, 0, 0];
            for (int p = 0; p < 3; p++)
            {
                int start = pos, v = 0;
                while (pos < t.Length && char.IsAsciiDigit(t[pos]) && pos - start < 2) v = v * 10 + (t[pos++] - '0');
                if (pos == start) return false;
                hms[p] = v;
                if (p < 2 && pos < t.Length && t[pos] == ':') { pos++; continue; }
                break;
            }
            if (hms[0] > 23 || hms[1] > 59 || hms[2] > 59) return false;
            long frac = 0;
            if (pos < t.Length && t[pos] == '.')
            {
                pos++;
                int digits = 0;
                while (pos < t.Length && char.IsAsciiDigit(t[pos]))
                {
                    if (digits < 6) { frac = frac * 10 + (t[pos] - '0'); digits++; }
                    pos++;
                }
                while (digits++ < 6) frac *= 10;
            }
            var zone = t[pos..].Trim();
            if (zone.Length > 0)
            {
                if (zone is "Z" or "UTC" or "GMT") offset = 0;
                else
                {
                    int zp = 0;
                    if (!Offset(zone, ref zp, out offset) || zp != zone.Length) return false;
                }
            }
            micros = ((hms[0] * 60L + hms[1]) * 60 + hms[2] - offset) * TemporalConstants.MicrosPerSecond + frac;
        }
        epochMicros = days * TemporalConstants.MicrosPerDay + micros;
        return true;
    }
}
