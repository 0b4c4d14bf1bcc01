using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Kindling.Vectors;

namespace Kindling.Kernels.Arrays;

/// <summary>
/// Spark's <c>split(str, regex, limit)</c>: Java's <c>String.split</c> semantics. A limit above 0 caps the number of
/// elements (the last holds the rest); otherwise every element is kept, trailing empty strings included. A
/// pattern that never matches gives the whole string; a zero-width match at the start adds no empty element;
/// the empty pattern gives one element per character (Spark 3.4+). Null input gives a null array.
/// </summary>
internal static class SplitKernels
{
    public static readonly ColumnType ResultType = ColumnType.Array(ColumnType.String);

    public static ListVector Split(StringVector input, string pattern, int limit)
    {
        var split = SplitPattern.Of(pattern);
        int n = input.Length;
        int maxElements = limit > 0 ? limit : int.MaxValue;
        var lists = new ListVectorBuilder(ResultType, n);
        var elements = new StringVectorBuilder(ColumnType.String, n * 2, Math.Max(64, input.Bytes.Length));
        char[]? chars = null;
        try
        {
            for (int i = 0; i < n; i++)
            {
                if (input.IsNull(i)) { lists.AppendNull(); continue; }
                var value = input.GetBytes(i);
                if (split.Literal is { Length: 0 }) SplitCharacters(value, maxElements, elements);
                else if (split.Literal is { } separator) SplitLiteral(value, separator, maxElements, elements);
                else SplitRegex(value, split.Regex!, maxElements, elements, ref chars);
                lists.EndList(elements.Length);
            }
        }
        finally
        {
            if (chars is not null) ArrayPool<char>.Shared.Return(chars);
        }
        return lists.Build(elements.Build());
    }

    /// <summary>Separators are found in the UTF-8 bytes: a valid UTF-8 needle only matches at character boundaries.</summary>
    private static void SplitLiteral(ReadOnlySpan<byte> value, ReadOnlySpan<byte> separator, int maxElements, StringVectorBuilder elements)
    {
        int count = 0;
        while (count < maxElements - 1)
        {
            int at = value.IndexOf(separator);
            if (at < 0) break;
            elements.Append(value[..at]);
            value = value[(at + separator.Length)..];
            count++;
        }
        elements.Append(value);
    }

    /// <summary>The empty pattern: one element per code point, no trailing empty element; "" gives [""].</summary>
    private static void SplitCharacters(ReadOnlySpan<byte> value, int maxElements, StringVectorBuilder elements)
    {
        int count = 0;
        while (value.Length > 0 && count < maxElements - 1)
        {
            int width = Rune.DecodeFromUtf8(value, out _, out int consumed) == OperationStatus.Done ? consumed : 1;
            if (width == value.Length) break; // the last character is appended below
            elements.Append(value[..width]);
            value = value[width..];
            count++;
        }
        elements.Append(value);
    }

    /// <summary>Java's Pattern.split over the decoded characters (the buffer is pooled and reused across rows).</summary>
    private static void SplitRegex(ReadOnlySpan<byte> value, Regex regex, int maxElements, StringVectorBuilder elements, ref char[]? chars)
    {
        int needed = Encoding.UTF8.GetMaxCharCount(value.Length);
        if (chars is null || chars.Length < needed)
        {
            if (chars is not null) ArrayPool<char>.Shared.Return(chars);
            chars = ArrayPool<char>.Shared.Rent(Math.Max(needed, 256));
        }
        ReadOnlySpan<char> text = chars.AsSpan(0, Encoding.UTF8.GetChars(value, chars));
        int start = 0, count = 0;
        foreach (ValueMatch m in regex.EnumerateMatches(text))
        {
            if (count == maxElements - 1) break;
            if (m.Length == 0 && m.Index == 0) continue; // Java: no leading empty element from a zero-width match
            elements.Append(text[start..m.Index]);
            start = m.Index + m.Length;
            count++;
        }
        elements.Append(text[start..]);
    }
}
