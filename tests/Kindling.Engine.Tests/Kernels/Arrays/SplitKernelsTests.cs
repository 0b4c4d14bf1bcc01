using Kindling.Kernels.Arrays;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Kernels.Arrays;

/// <summary>
/// split against Java's String.split(regex, -1) as Spark 3 calls it; expected arrays are worked out by hand from
/// the javadoc rules (trailing empty strings kept, no leading empty string from a zero-width match, the whole
/// string when nothing matches), never from the engine.
/// </summary>
public sealed class SplitKernelsTests
{
    private static StringVector Strings(params string?[] values)
    {
        var b = new StringVectorBuilder();
        foreach (var v in values)
        {
            if (v is null) b.AppendNull();
            else b.Append(v);
        }
        return b.Build();
    }

    private static List<string?[]?> Split(string pattern, int limit, params string?[] values)
    {
        var lists = SplitKernels.Split(Strings(values), pattern, limit);
        Assert.Equal(ColumnType.Array(ColumnType.String), lists.Type);
        return [.. Enumerable.Range(0, lists.Length).Select(i => ((object?[]?)lists.GetObject(i))?.Cast<string?>().ToArray())];
    }

    /// <summary>Split never yields null elements, so one non-null row reads as a plain string array.</summary>
    private static string[] One(string value, string pattern, int limit = -1) => [.. Split(pattern, limit, value)[0]!.Select(e => e!)];

    [Fact]
    public void Trailing_and_inner_empty_strings_are_kept()
    {
        Assert.Equal(["a", "b", "", ""], One("a,b,,", ","));
        Assert.Equal(["", "a", "", "b"], One(",a,,b", ","));
        Assert.Equal(["", ""], One(",", ","));
    }

    [Fact]
    public void Empty_input_gives_one_empty_string_and_no_match_gives_the_input()
    {
        Assert.Equal([""], One("", ","));
        Assert.Equal([""], One("", "\\s+"));
        Assert.Equal(["abc"], One("abc", ","));
        Assert.Equal(["abc"], One("abc", "[,;]"));
    }

    [Fact]
    public void Null_input_gives_a_null_array()
    {
        var lists = SplitKernels.Split(Strings("a,b", null, "c"), ",", -1);
        Assert.Equal(1, lists.NullCount);
        Assert.True(lists.IsNull(1));
        Assert.Equal(0, lists.CountAt(1));
        Assert.Equal(new object?[] { "c" }, lists.GetObject(2));
    }

    [Fact]
    public void Regex_patterns_split_like_java()
    {
        Assert.Equal(["a", "b", "c"], One("a  b\t\tc", "\\s+"));
        Assert.Equal(["", "a", "b", ""], One(" a b ", "\\s+"));
        Assert.Equal(["a", "b", "c", ""], One("a,b;c;", "[,;]"));
        Assert.Equal(["one", "two", "three", ""], One("oneAtwoBthreeC", "[ABC]"));
        Assert.Equal(["a", "b"], One("a.b", "\\."));
        Assert.Equal(["a", "b"], One("a|b", "\\|"));
        // A zero-width match at the start adds no leading empty element (Java 8+).
        Assert.Equal(["Ab", "Cd"], One("AbCd", "(?=[A-Z])"));
    }

    [Fact]
    public void Multi_character_literals_and_unicode_separators()
    {
        Assert.Equal(["a", "b", "c"], One("a::b::c", "::"));
        Assert.Equal(["a", ":b"], One("a:::b", "::"));
        Assert.Equal(["Zoë", "東京", ""], One("Zoë→東京→", "→"));
        Assert.Equal(["ab", "ë", "d"], One("abcëcd", "c"));
        Assert.Equal(["x", "y"], One("x😀y", "😀"));
    }

    [Fact]
    public void The_empty_pattern_splits_into_characters_without_a_trailing_empty_string()
    {
        Assert.Equal(["a", "b", "c"], One("abc", ""));
        Assert.Equal(["Z", "o", "ë", "😀"], One("Zoë😀", ""));
        Assert.Equal([""], One("", ""));
        Assert.Equal(["a", "bc"], One("abc", "", 2));
    }

    [Fact]
    public void A_positive_limit_caps_the_elements_and_the_last_keeps_the_rest()
    {
        Assert.Equal(["a", "b,c,"], One("a,b,c,", ",", 2));
        Assert.Equal(["a,b,c,"], One("a,b,c,", ",", 1));
        Assert.Equal(["a", "b c  "], One("a b c  ", "\\s+", 2));
        Assert.Equal(["a", "b", "c", ""], One("a,b,c,", ",", 0));
    }

    [Fact]
    public void Literal_and_regex_paths_agree_on_random_text()
    {
        var random = new Random(20261203);
        string alphabet = "ab,,ë東 ";
        var values = new string[500];
        for (int i = 0; i < values.Length; i++)
            values[i] = new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        // "," takes the byte search; "[,]" is the same separator through the regex engine.
        var literal = Split(",", -1, values);
        var regex = Split("[,]", -1, values);
        Assert.Equal(literal, regex);
        for (int i = 0; i < values.Length; i++) Assert.Equal(values[i].Split(','), literal[i]!.Select(e => e!));
    }

    [Fact]
    public void Elements_land_in_one_child_string_vector()
    {
        var lists = SplitKernels.Split(Strings("a,b", "", "c,,d"), ",", -1);
        Assert.Equal([0, 2, 3, 6], lists.Offsets.ToArray());
        var elements = Assert.IsType<StringVector>(lists.Elements);
        Assert.Equal("abcd", System.Text.Encoding.UTF8.GetString(elements.Bytes));
        Assert.Null(elements.ValidityBits);
    }
}
