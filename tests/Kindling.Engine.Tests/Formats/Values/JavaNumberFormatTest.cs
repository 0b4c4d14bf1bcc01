using Kindling.Formats.Values;

namespace Kindling.Engine.Tests.Formats.Values;

public sealed class JavaNumberFormatTest
{
    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(2.0, "2.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1e-5, "1.0E-5")]
    [InlineData(0.001, "0.001")]
    [InlineData(1e10, "1.0E10")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(12345678.9, "1.23456789E7")]
    [InlineData(-3.25e-7, "-3.25E-7")]
    [InlineData(0.1, "0.1")]
    [InlineData(100.0, "100.0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157E308")]
    public void FormatsDoublesLikeJava(double value, string expected)
    {
        Assert.Equal(expected, JavaNumberFormat.Format(value));
        Span<byte> utf8 = stackalloc byte[64];
        int n = JavaNumberFormat.FormatUtf8(value, utf8);
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(utf8[..n]));
    }

    [Fact]
    public void FastPathAgreesWithShortestRoundTripOnRandomValues()
    {
        var random = new Random(5);
        Span<byte> utf8 = stackalloc byte[64];
        for (int i = 0; i < 20_000; i++)
        {
            double v = random.Next(6) switch
            {
                0 => random.Next(-10_000_000, 10_000_000) / 100.0,
                1 => random.Next(0, 100_000_000) / 100_000.0,
                2 => random.NextDouble() * 1000,
                3 => -random.NextDouble(),
                4 => 0.1 * random.Next(1, 100) + 0.2,
                _ => Math.Round(random.NextDouble() * 1e6, random.Next(0, 9)),
            };
            int n = JavaNumberFormat.FormatUtf8(v, utf8);
            string text = System.Text.Encoding.UTF8.GetString(utf8[..n]);
            Assert.Equal(JavaNumberFormat.Format(v), text);
            Assert.Equal(v, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void FormatsFloatsLikeJava()
    {
        Assert.Equal("0.1", JavaNumberFormat.Format(0.1f));
        Assert.Equal("1.0E10", JavaNumberFormat.Format(1e10f));
    }
}
