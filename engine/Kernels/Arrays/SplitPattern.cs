using System.Text;
using System.Text.RegularExpressions;
using Kindling.Kernels.Strings;

namespace Kindling.Kernels.Arrays;

/// <summary>
/// A split pattern (Java regex syntax) sorted once per query into the cheapest way to apply it: a plain
/// separator found in the UTF-8 bytes, the empty pattern (one element per character), or a compiled regex.
/// </summary>
internal sealed class SplitPattern
{
    // Java's regex metacharacters: a pattern without any of them matches itself literally.
    private const string RegexMetacharacters = "\\^$.|?*+()[]{}";

    private SplitPattern(byte[]? literal, Regex? regex)
    {
        Literal = literal;
        Regex = regex;
    }

    /// <summary>The separator's UTF-8 bytes when the pattern matches only itself (empty for the empty pattern).</summary>
    public byte[]? Literal { get; }

    /// <summary>The compiled (cached) regex when the pattern is not a plain string.</summary>
    public Regex? Regex { get; }

    public static SplitPattern Of(string pattern)
    {
        if (pattern.AsSpan().IndexOfAny(RegexMetacharacters) < 0)
            return new SplitPattern(Encoding.UTF8.GetBytes(pattern), null);
        // An escaped punctuation character ("\\|", "\\.") is that character, as in Java's String.split fast path.
        if (pattern.Length == 2 && pattern[0] == '\\' && !char.IsAsciiLetterOrDigit(pattern[1]) && !char.IsSurrogate(pattern[1]))
            return new SplitPattern(Encoding.UTF8.GetBytes(pattern[1..]), null);
        return new SplitPattern(null, StringKernels.CompileRegex(pattern));
    }
}
