using System.Text;
using Kindling.Formats.Values;

namespace Kindling.Engine.Tests.Formats.Values;

public sealed class Utf8ValueParserTest
{
    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("+42", 42L)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("00000000000000000000001", 1L)]
    public void ParsesLongs(string text, long expected)
    {
        Assert.True(Utf8ValueParser.TryParseInt64(U(text), out long v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("9223372036854775808")]
    [InlineData("1.0")]
    [InlineData(" 1")]
    [InlineData("1e3")]
    public void RejectsBadLongs(string text) => Assert.False(Utf8ValueParser.TryParseInt64(U(text), out _));

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-0.1", -0.1)]
    [InlineData("3.141592653589793", 3.141592653589793)]
    [InlineData("1e-5", 1e-5)]
    [InlineData("2.5d", 2.5)]
    [InlineData("123456789012345678", 123456789012345678.0)]
    [InlineData(".5", 0.5)]
    public void ParsesDoublesExactly(string text, double expected)
    {
        Assert.True(Utf8ValueParser.TryParseDouble(U(text), out double v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("10.5", 15, 4, "105000")]
    [InlineData("-0.00005", 15, 4, "-1")]
    [InlineData("0.00004", 15, 4, "0")]
    [InlineData("1.23E2", 10, 2, "12300")]
    [InlineData("99999999999.9999", 15, 4, "999999999999999")]
    [InlineData("12345678901234567890123456789012.345678", 38, 6, "12345678901234567890123456789012345678")]
    public void ParsesDecimalsExactlyWithHalfUpRounding(string text, int precision, int scale, string unscaled)
    {
        Assert.True(Utf8ValueParser.TryParseDecimal(U(text), precision, scale, out Int128 v));
        Assert.Equal(Int128.Parse(unscaled), v);
        if (precision <= 18)
        {
            Assert.True(Utf8ValueParser.TryParseDecimal64(U(text), precision, scale, out long l));
            Assert.Equal((long)Int128.Parse(unscaled), l);
        }
    }

    [Theory]
    [InlineData("999999999999.9999", 15, 4)]
    [InlineData("99999999999.99995", 15, 4)]
    [InlineData("1.2.3", 15, 4)]
    [InlineData("abc", 15, 4)]
    public void RejectsBadDecimals(string text, int precision, int scale) =>
        Assert.False(Utf8ValueParser.TryParseDecimal(U(text), precision, scale, out _));

    [Theory]
    [InlineData("2024-03-01T13:05:22Z", "2024-03-01T13:05:22.0000000Z")]
    [InlineData("2024-03-01 13:05:22.5", "2024-03-01T13:05:22.5000000Z")]
    [InlineData("2024-03-01T13:05:22.123456789-02:30", "2024-03-01T15:35:22.1234560Z")]
    [InlineData("2024-03-01", "2024-03-01T00:00:00.0000000Z")]
    [InlineData("1969-12-31T23:59:59Z", "1969-12-31T23:59:59.0000000Z")]
    public void ParsesIsoTimestamps(string text, string expectedUtc)
    {
        Assert.True(Utf8ValueParser.TryParseIsoTimestamp(U(text), out long micros));
        Assert.Equal(expectedUtc, DateTime.UnixEpoch.AddTicks(micros * 10).ToString("o"));
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("24-03-01")]
    public void RejectsBadDates(string text) => Assert.False(Utf8ValueParser.TryParseIsoDate(U(text), out _));
}
