using System.Globalization;
using System.Text;
using Kindling.Vectors;

namespace Kindling.Formats.Values;

/// <summary>
/// A Spark datetime pattern (dateFormat / timestampFormat, e.g. <c>yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]</c>)
/// compiled for parsing and formatting UTF-8. ISO patterns take hand-written fast paths; other patterns
/// are translated to .NET custom formats (optional sections <c>[...]</c> become alternative formats).
/// Times without a zone are UTC, the engine's session time zone.
/// </summary>
internal sealed class TemporalPattern
{
    public const string DefaultDate = "yyyy-MM-dd";
    public const string DefaultTimestamp = "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]";

    private readonly string[] _netFormats;
    private readonly string _netWriteFormat;
    private readonly Kind _kind;

    private enum Kind { IsoDate, IsoTimestamp, IsoSecondsZ, IsoMillisZone, Custom }

    private TemporalPattern(string pattern, bool isDate)
    {
        Pattern = pattern;
        IsDate = isDate;
        _netFormats = ExpandOptional(pattern).Select(ToNetFormat).Distinct().ToArray();
        _netWriteFormat = ToNetFormat(StripOptionalBrackets(pattern));
        _kind = pattern switch
        {
            DefaultDate when isDate => Kind.IsoDate,
            DefaultTimestamp or "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" => Kind.IsoMillisZone,
            "yyyy-MM-dd'T'HH:mm:ss'Z'" or "yyyy-MM-dd'T'HH:mm:ssXXX" or "yyyy-MM-dd'T'HH:mm:ssX" => Kind.IsoSecondsZ,
            "yyyy-MM-dd HH:mm:ss" or "yyyy-MM-dd'T'HH:mm:ss" or "yyyy-MM-dd'T'HH:mm:ss.SSSSSS" or "yyyy-MM-dd HH:mm:ss.SSSSSS" => Kind.IsoTimestamp,
            _ => Kind.Custom,
        };
        IsDefault = pattern == (isDate ? DefaultDate : DefaultTimestamp);
    }

    public string Pattern { get; }

    public bool IsDate { get; }

    /// <summary>True for Spark's default pattern, which Spark parses leniently (any ISO 8601 form).</summary>
    public bool IsDefault { get; }

    public static TemporalPattern ForDate(string? pattern) => new(pattern ?? DefaultDate, isDate: true);

    public static TemporalPattern ForTimestamp(string? pattern) => new(pattern ?? DefaultTimestamp, isDate: false);

    public bool TryParseDate(ReadOnlySpan<byte> s, out int epochDays)
    {
        if (_kind == Kind.IsoDate) return Utf8ValueParser.TryParseIsoDate(s, out epochDays);
        epochDays = 0;
        if (!TryParseCustom(s, out DateTime dt)) return false;
        epochDays = TemporalConstants.ToEpochDays(DateOnly.FromDateTime(dt));
        return true;
    }

    public bool TryParseTimestamp(ReadOnlySpan<byte> s, out long epochMicros)
    {
        if (_kind != Kind.Custom) return Utf8ValueParser.TryParseIsoTimestamp(s, out epochMicros);
        epochMicros = 0;
        if (!TryParseCustom(s, out DateTime dt)) return false;
        epochMicros = TemporalConstants.ToEpochMicros(dt);
        return true;
    }

    private bool TryParseCustom(ReadOnlySpan<byte> s, out DateTime value)
    {
        Span<char> chars = stackalloc char[64];
        value = default;
        if (s.Length > chars.Length) return false;
        int n = Encoding.UTF8.GetChars(s, chars);
        return DateTime.TryParseExact(chars[..n], _netFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>Writes a date (epoch days) and returns the bytes written (at most 32).</summary>
    public int FormatDate(int epochDays, Span<byte> destination)
    {
        DateOnly d = TemporalConstants.FromEpochDays(epochDays);
        if (_kind == Kind.IsoDate && d.Year is >= 0 and <= 9999)
        {
            WriteDigits(destination, 0, d.Year, 4);
            destination[4] = (byte)'-';
            WriteDigits(destination, 5, d.Month, 2);
            destination[7] = (byte)'-';
            WriteDigits(destination, 8, d.Day, 2);
            return 10;
        }
        return Encoding.UTF8.GetBytes(d.ToDateTime(TimeOnly.MinValue).ToString(_netWriteFormat, CultureInfo.InvariantCulture), destination);
    }

    /// <summary>Writes a timestamp (epoch micros, UTC) and returns the bytes written (at most 64).</summary>
    public int FormatTimestamp(long epochMicros, Span<byte> destination)
    {
        DateTime t = TemporalConstants.FromEpochMicros(epochMicros);
        if (_kind is Kind.IsoSecondsZ or Kind.IsoMillisZone && t.Year <= 9999)
        {
            WriteDigits(destination, 0, t.Year, 4);
            destination[4] = (byte)'-';
            WriteDigits(destination, 5, t.Month, 2);
            destination[7] = (byte)'-';
            WriteDigits(destination, 8, t.Day, 2);
            destination[10] = (byte)'T';
            WriteDigits(destination, 11, t.Hour, 2);
            destination[13] = (byte)':';
            WriteDigits(destination, 14, t.Minute, 2);
            destination[16] = (byte)':';
            WriteDigits(destination, 17, t.Second, 2);
            int n = 19;
            if (_kind == Kind.IsoMillisZone)
            {
                destination[n++] = (byte)'.';
                WriteDigits(destination, n, t.Millisecond, 3);
                n += 3;
            }
            destination[n++] = (byte)'Z';
            return n;
        }
        return Encoding.UTF8.GetBytes(t.ToString(_netWriteFormat, CultureInfo.InvariantCulture), destination);
    }

    private static void WriteDigits(Span<byte> d, int at, int value, int width)
    {
        for (int i = width - 1; i >= 0; i--)
        {
            d[at + i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    // "a[b][c]" -> "abc", "ab", "ac", "a" (optional sections may be present or not).
    private static IEnumerable<string> ExpandOptional(string pattern)
    {
        int open = IndexOutsideQuotes(pattern, '[');
        if (open < 0) return [pattern];
        int close = pattern.IndexOf(']', open);
        if (close < 0) return [pattern.Replace("[", "", StringComparison.Ordinal)];
        string head = pattern[..open], inner = pattern[(open + 1)..close], tail = pattern[(close + 1)..];
        var tails = ExpandOptional(tail).ToList();
        return tails.Select(t => head + inner + t).Concat(tails.Select(t => head + t));
    }

    private static string StripOptionalBrackets(string pattern)
    {
        var sb = new StringBuilder();
        bool quoted = false;
        foreach (char c in pattern)
        {
            if (c == '\'') quoted = !quoted;
            if (!quoted && c is '[' or ']') continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static int IndexOutsideQuotes(string s, char target)
    {
        bool quoted = false;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\'') quoted = !quoted;
            else if (!quoted && s[i] == target) return i;
        }
        return -1;
    }

    /// <summary>Translates Java DateTimeFormatter letters to .NET custom format specifiers.</summary>
    private static string ToNetFormat(string pattern)
    {
        var sb = new StringBuilder();
        int i = 0;
        while (i < pattern.Length)
        {
            char c = pattern[i];
            int run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c) run++;
            switch (c)
            {
                case '\'':
                    int end = pattern.IndexOf('\'', i + 1);
                    if (end < 0) end = pattern.Length;
                    sb.Append('\'').Append(pattern, i + 1, end - i - 1).Append('\'');
                    i = end + 1;
                    continue;
                case 'y' or 'u': sb.Append(run == 2 ? "yy" : "yyyy"); break;
                case 'M' or 'L': sb.Append('M', Math.Min(run, 4)); break;
                case 'd': sb.Append(run == 1 ? "%d" : "dd"); break;
                case 'H': sb.Append(run == 1 ? "%H" : "HH"); break;
                case 'h': sb.Append(run == 1 ? "%h" : "hh"); break;
                case 'm': sb.Append(run == 1 ? "%m" : "mm"); break;
                case 's': sb.Append(run == 1 ? "%s" : "ss"); break;
                case 'S': sb.Append('f', Math.Min(run, 7)); break;
                case 'a': sb.Append("tt"); break;
                case 'E': sb.Append(run >= 4 ? "dddd" : "ddd"); break;
                case 'X' or 'x' or 'Z' or 'z' or 'O' or 'V': sb.Append('K'); break;
                default:
                    if (char.IsLetter(c)) sb.Append(c, run);
                    else foreach (char _ in pattern.AsSpan(i, run)) sb.Append('\\').Append(c);
                    break;
            }
            i += run;
        }
        return sb.ToString();
    }
}
