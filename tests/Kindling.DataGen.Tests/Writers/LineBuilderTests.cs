using System.Text;
using Kindling.DataGen.Tests.Support;
using Kindling.DataGen.Writers;

namespace Kindling.DataGen.Tests.Writers;

/// <summary>Hostile values survive a write and an independent RFC 4180 read.</summary>
public sealed class LineBuilderTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("Smith, Jr.")]
    [InlineData("Acme \"Best\" GmbH")]
    [InlineData("\"")]
    [InlineData(",")]
    [InlineData("Zoë Müller-Łukasz, 東京")]
    [InlineData("line\nbreak")]
    [InlineData("carriage\rreturn")]
    [InlineData(" spaces ")]
    [InlineData("")]
    public void Hostile_values_round_trip(string value)
    {
        var line = new LineBuilder();
        line.Field(1L);
        line.Field(value);
        line.Field((string?)null);
        line.Field(12.5m);
        string text = Encoding.UTF8.GetString(line.Line);
        var fields = Rfc4180.Split(text);
        Assert.NotNull(fields);
        Assert.Equal(["1", value, null, "12.5"], fields);
    }

    [Fact]
    public void Quotes_only_where_needed()
    {
        var line = new LineBuilder();
        line.Field("a");
        line.Field("b,c");
        line.Field("d\"e");
        Assert.Equal("a,\"b,c\",\"d\"\"e\"", Encoding.UTF8.GetString(line.Line));
    }

    [Fact]
    public void Formats_follow_the_contract()
    {
        var line = new LineBuilder();
        line.Field(new DateTime(2024, 3, 1, 13, 5, 22, DateTimeKind.Utc));
        line.Field(new DateOnly(1999, 12, 31));
        line.Field(1234.5678m);
        line.Field(-0.5m);
        line.Field(true);
        line.Field(long.MinValue);
        Assert.Equal("2024-03-01T13:05:22Z,1999-12-31,1234.5678,-0.5,true,-9223372036854775808", Encoding.UTF8.GetString(line.Line));
    }
}
