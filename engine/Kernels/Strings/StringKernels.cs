using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Kindling.Vectors;

namespace Kindling.Kernels.Strings;

/// <summary>
/// String functions on UTF-8 vectors. ASCII is handled on bytes; upper/lower decode only values that
/// hold non-ASCII bytes. Positions and lengths count characters (code points), as in Spark.
/// </summary>
internal static class StringKernels
{
    public static StringVector Upper(StringVector v) => CaseMap(v, upper: true);

    public static StringVector Lower(StringVector v) => CaseMap(v, upper: false);

    private static StringVector CaseMap(StringVector v, bool upper)
    {
        int n = v.Length;
        var bytes = new byte[v.Bytes.Length];
        var src = v.Bytes;
        bool allAscii = System.Text.Ascii.IsValid(src);
        if (allAscii)
        {
            if (upper) System.Text.Ascii.ToUpper(src, bytes, out _);
            else System.Text.Ascii.ToLower(src, bytes, out _);
            return new StringVector(ColumnType.String, v.RawOffsets, bytes, n, v.ValidityBits, v.NullCount);
        }
        var b = new StringVectorBuilder(ColumnType.String, n, src.Length + 16);
        byte[] scratch = new byte[256];
        for (int i = 0; i < n; i++)
        {
            if (v.IsNull(i)) { b.AppendNull(); continue; }
            var s = v.GetBytes(i);
            if (System.Text.Ascii.IsValid(s))
            {
                if (scratch.Length < s.Length) scratch = new byte[s.Length * 2];
                Span<byte> tmp = scratch.AsSpan(0, s.Length);
                if (upper) System.Text.Ascii.ToUpper(s, tmp, out _);
                else System.Text.Ascii.ToLower(s, tmp, out _);
                b.Append(tmp);
            }
            else
            {
                string str = Encoding.UTF8.GetString(s);
                b.Append(upper ? str.ToUpperInvariant() : str.ToLowerInvariant());
            }
        }
        return b.Build();
    }

    /// <summary>trim: removes leading and trailing spaces (0x20 only, as Spark's trim).</summary>
    public static StringVector Trim(StringVector v)
    {
        int n = v.Length;
        var offsets = new int[n + 1];
        var bytes = new byte[v.Bytes.Length];
        int pos = 0;
        for (int i = 0; i < n; i++)
        {
            var s = v.GetBytes(i);
            int a = 0, e = s.Length;
            while (a < e && s[a] == ' ') a++;
            while (e > a && s[e - 1] == ' ') e--;
            s[a..e].CopyTo(bytes.AsSpan(pos));
            pos += e - a;
            offsets[i + 1] = pos;
        }
        return new StringVector(ColumnType.String, offsets, bytes, n, v.ValidityBits, v.NullCount);
    }

    /// <summary>length: the number of characters (code points).</summary>
    public static PrimitiveVector<int> Length(StringVector v)
    {
        var r = new int[v.Length];
        for (int i = 0; i < r.Length; i++)
        {
            var s = v.GetBytes(i);
            int count = 0;
            foreach (byte c in s) if ((c & 0xC0) != 0x80) count++;
            r[i] = count;
        }
        return new PrimitiveVector<int>(ColumnType.Int32, r, v.Length, v.ValidityBits, v.NullCount);
    }

    /// <summary>Byte offset of code point <paramref name="index"/> (clamped to the end).</summary>
    private static int ByteOffset(ReadOnlySpan<byte> s, int index)
    {
        int pos = 0;
        while (index > 0 && pos < s.Length)
        {
            pos++;
            while (pos < s.Length && (s[pos] & 0xC0) == 0x80) pos++;
            index--;
        }
        return pos;
    }

    private static int CharCount(ReadOnlySpan<byte> s)
    {
        int count = 0;
        foreach (byte c in s) if ((c & 0xC0) != 0x80) count++;
        return count;
    }

    /// <summary>substring(str, pos, len): 1-based pos; 0 acts as 1; negative pos counts from the end (Spark's UTF8String.substringSQL).</summary>
    public static StringVector Substring(StringVector v, int pos, int len)
    {
        int n = v.Length;
        var b = new StringVectorBuilder(ColumnType.String, n, v.Bytes.Length);
        for (int i = 0; i < n; i++)
        {
            if (v.IsNull(i)) { b.AppendNull(); continue; }
            var s = v.GetBytes(i);
            int chars = CharCount(s);
            long start = pos > 0 ? pos - 1 : pos < 0 ? chars + pos : 0;
            long end = len == int.MaxValue ? long.MaxValue : start + len;
            if (start < 0) start = 0;
            if (end > chars) end = chars;
            if (len <= 0 || start >= end) { b.Append(ReadOnlySpan<byte>.Empty); continue; }
            int from = ByteOffset(s, (int)start);
            int to = from + ByteOffset(s[from..], (int)(end - start));
            b.Append(s[from..to]);
        }
        return b.Build();
    }

    /// <summary>concat: null if any input is null.</summary>
    public static StringVector Concat(IReadOnlyList<StringVector> args, int n)
    {
        var b = new StringVectorBuilder(ColumnType.String, n);
        var buffer = new List<byte>(64);
        for (int i = 0; i < n; i++)
        {
            bool isNull = false;
            foreach (var a in args) if (a.IsNull(i)) { isNull = true; break; }
            if (isNull) { b.AppendNull(); continue; }
            buffer.Clear();
            foreach (var a in args) foreach (byte x in a.GetBytes(i)) buffer.Add(x);
            b.Append(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer));
        }
        return b.Build();
    }

    /// <summary>concat_ws: joins the non-null inputs with the separator; null only when the separator is null.</summary>
    public static StringVector ConcatWs(StringVector separator, IReadOnlyList<StringVector> args, int n)
    {
        var b = new StringVectorBuilder(ColumnType.String, n);
        var buffer = new List<byte>(64);
        for (int i = 0; i < n; i++)
        {
            if (separator.IsNull(i)) { b.AppendNull(); continue; }
            buffer.Clear();
            bool first = true;
            foreach (var a in args)
            {
                if (a.IsNull(i)) continue;
                if (!first) foreach (byte x in separator.GetBytes(i)) buffer.Add(x);
                foreach (byte x in a.GetBytes(i)) buffer.Add(x);
                first = false;
            }
            b.Append(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer));
        }
        return b.Build();
    }

    /// <summary>Applies a .NET function to each decoded string (regular expressions and other rare functions).</summary>
    public static StringVector MapStrings(StringVector v, Func<string, string?> f)
    {
        var b = new StringVectorBuilder(ColumnType.String, v.Length, v.Bytes.Length);
        for (int i = 0; i < v.Length; i++)
        {
            if (v.IsNull(i)) { b.AppendNull(); continue; }
            var r = f(Encoding.UTF8.GetString(v.GetBytes(i)));
            if (r is null) b.AppendNull();
            else b.Append(r);
        }
        return b.Build();
    }

    public static PrimitiveVector<T> MapToPrimitive<T>(StringVector v, ColumnType type, Func<string, T> f) where T : unmanaged
    {
        var r = new T[v.Length];
        for (int i = 0; i < v.Length; i++)
            if (v.IsValid(i)) r[i] = f(Encoding.UTF8.GetString(v.GetBytes(i)));
        return new PrimitiveVector<T>(type, r, v.Length, v.ValidityBits, v.NullCount);
    }

    /// <summary>Java regex syntax to .NET: the same for the constructs jobs use; $1 group references are compatible.</summary>
    public static Regex CompileRegex(string pattern)
    {
        // Patterns are per query but evaluated per batch: compile once, keep a bounded cache.
        if (s_regexCache.TryGetValue(pattern, out var cached)) return cached;
        var regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);
        if (s_regexCache.Count < 256) s_regexCache[pattern] = regex;
        return regex;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> s_regexCache = new(StringComparer.Ordinal);

    public static StringVector RegexpExtract(StringVector v, string pattern, int group)
    {
        var regex = CompileRegex(pattern);
        if (group < 0 || group > regex.GetGroupNumbers().Max())
            throw new ArgumentException($"regexp_extract: the specified group index {group} exceeds the group count of '{pattern}'");
        return MapStrings(v, s =>
        {
            var m = regex.Match(s);
            return m.Success ? m.Groups[group].Value : "";
        });
    }

    public static StringVector RegexpReplace(StringVector v, string pattern, string replacement)
    {
        var regex = CompileRegex(pattern);
        // Java's replacement syntax uses $n and \ escapes; .NET uses $n and $$.
        string netReplacement = JavaReplacement(replacement);
        return MapStrings(v, s => regex.Replace(s, netReplacement));
    }

    private static string JavaReplacement(string r)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < r.Length; i++)
        {
            if (r[i] == '\\' && i + 1 < r.Length) { char c = r[++i]; sb.Append(c == '$' ? "$$" : c.ToString()); }
            else sb.Append(r[i]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// LIKE on UTF-8 bytes without a regex for the common shapes: 'abc', 'abc%', '%abc', '%abc%'
    /// (no '_' and no escapes). Returns null when the pattern needs the regex path.
    /// </summary>
    public static PrimitiveVector<byte>? LikeSimple(StringVector v, string pattern)
    {
        if (pattern.Contains('_') || pattern.Contains('\\')) return null;
        bool starts = pattern.StartsWith('%'), ends = pattern.EndsWith('%') && pattern.Length > 1;
        string core = pattern.Trim('%');
        if (core.Contains('%')) return null;
        byte[] needle = Encoding.UTF8.GetBytes(core);
        var r = new byte[v.Length];
        for (int i = 0; i < r.Length; i++)
        {
            var s = v.GetBytes(i);
            bool match = (starts, ends) switch
            {
                (false, false) => s.SequenceEqual(needle),
                (false, true) => s.StartsWith(needle),
                (true, false) => s.EndsWith(needle),
                _ => s.IndexOf(needle) >= 0,
            };
            r[i] = match ? (byte)1 : (byte)0;
        }
        return new PrimitiveVector<byte>(ColumnType.Boolean, r, v.Length, v.ValidityBits, v.NullCount);
    }

    /// <summary>SQL LIKE (% and _ wildcards, \ escape) as an anchored regex.</summary>
    public static Regex LikeToRegex(string pattern)
    {
        var sb = new StringBuilder("(?s)^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length) sb.Append(Regex.Escape(pattern[++i].ToString()));
            else if (c == '%') sb.Append(".*");
            else if (c == '_') sb.Append('.');
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return CompileRegex(sb.Append(@"\z").ToString()); // \z, not $: "a\n" must not match 'a'
    }

    /// <summary>True where the regex matches somewhere in the value (RLIKE; LIKE regexes are anchored).</summary>
    public static PrimitiveVector<byte> Matches(StringVector v, Regex regex)
    {
        var r = new byte[v.Length];
        for (int i = 0; i < v.Length; i++)
            if (v.IsValid(i)) r[i] = regex.IsMatch(Encoding.UTF8.GetString(v.GetBytes(i))) ? (byte)1 : (byte)0;
        return new PrimitiveVector<byte>(ColumnType.Boolean, r, v.Length, v.ValidityBits, v.NullCount);
    }

    public static StringVector Lpad(StringVector v, int len, string pad) => MapStrings(v, s =>
    {
        var runes = s.EnumerateRunes().ToArray();
        if (len <= 0) return "";
        if (runes.Length >= len) return string.Concat(runes.Take(len).Select(r => r.ToString()));
        if (pad.Length == 0) return s;
        var sb = new StringBuilder();
        int need = len - runes.Length;
        var padRunes = pad.EnumerateRunes().ToArray();
        for (int i = 0; i < need; i++) sb.Append(padRunes[i % padRunes.Length].ToString());
        return sb.Append(s).ToString();
    });

    public static PrimitiveVector<int> Instr(StringVector v, string sub) => MapToPrimitive(v, ColumnType.Int32, s =>
    {
        int idx = s.IndexOf(sub, StringComparison.Ordinal);
        return idx < 0 ? 0 : s[..idx].EnumerateRunes().Count() + 1;
    });

    public static StringVector Translate(StringVector v, string matching, string replace)
    {
        var map = new Dictionary<int, int>();
        var m = matching.EnumerateRunes().ToArray();
        var r = replace.EnumerateRunes().ToArray();
        for (int i = 0; i < m.Length; i++) map.TryAdd(m[i].Value, i < r.Length ? r[i].Value : -1);
        return MapStrings(v, s =>
        {
            var sb = new StringBuilder(s.Length);
            foreach (var rune in s.EnumerateRunes())
            {
                if (!map.TryGetValue(rune.Value, out int to)) sb.Append(rune.ToString());
                else if (to >= 0) sb.Append(new Rune(to).ToString());
            }
            return sb.ToString();
        });
    }

    public static StringVector Md5(StringVector v) => HashHex(v, MD5.HashData);

    public static StringVector Sha2(StringVector v, int bits) => bits switch
    {
        0 or 256 => HashHex(v, SHA256.HashData),
        224 => HashHex(v, Sha224.HashData),
        384 => HashHex(v, SHA384.HashData),
        512 => HashHex(v, SHA512.HashData),
        _ => (StringVector)Common.VectorKernels.Decode(Common.VectorKernels.Nulls(ColumnType.String, v.Length)),
    };

    private static StringVector HashHex(StringVector v, Func<byte[], byte[]> hash)
    {
        var b = new StringVectorBuilder(ColumnType.String, v.Length);
        for (int i = 0; i < v.Length; i++)
        {
            if (v.IsNull(i)) { b.AppendNull(); continue; }
            b.Append(Convert.ToHexStringLower(hash(v.GetBytes(i).ToArray())));
        }
        return b.Build();
    }

    public static PrimitiveVector<long> Crc32(StringVector v)
    {
        var r = new long[v.Length];
        for (int i = 0; i < r.Length; i++)
            if (v.IsValid(i)) r[i] = Crc32Of(v.GetBytes(i));
        return new PrimitiveVector<long>(ColumnType.Int64, r, v.Length, v.ValidityBits, v.NullCount);
    }

    private static readonly uint[] Crc32Table = BuildCrc32Table();

    private static uint[] BuildCrc32Table()
    {
        var t = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }

    /// <summary>CRC-32 (IEEE, as java.util.zip.CRC32).</summary>
    public static uint Crc32Of(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data) crc = Crc32Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }
}
