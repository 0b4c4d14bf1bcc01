using System.Globalization;
using System.Text;
using Kindling.Kernels.Cast;

namespace Kindling.Engine.Tests.Kernels;

/// <summary>String → integral parsing against a simple reference (trim, sign, digits, optional truncated fraction).</summary>
public class CastKernelsTests
{
    private static long? Reference(string s)
    {
        s = s.Trim();
        int dot = s.IndexOf('.');
        string intPart = dot >= 0 ? s[..dot] : s;
        string frac = dot >= 0 ? s[(dot + 1)..] : "";
        if (frac.Any(c => !char.IsAsciiDigit(c))) return null;
        if (intPart is "" or "+" or "-") return dot >= 0 ? 0 : null;
        if (intPart[1..].Any(c => !char.IsAsciiDigit(c)) || !(char.IsAsciiDigit(intPart[0]) || intPart[0] is '+' or '-')) return null;
        return long.TryParse(intPart, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : null;
    }

    [Fact]
    public void TryParseIntegral_Matches_Reference()
    {
        string[] cases = ["0", "12", " 12 ", "-7", "+7", "1.9", "-1.9", "abc", "", "-", "9223372036854775807", "-9223372036854775808",
            "9223372036854775808", "1e3", "12a", "007", "1.", "-0", "1.2.3"];
        var rng = new Random(3);
        var random = Enumerable.Range(0, 500).Select(_ => string.Concat(Enumerable.Range(0, rng.Next(0, 8)).Select(_ => "0123456789-+. x"[rng.Next(15)])));
        foreach (var s in cases.Concat(random))
        {
            bool ok = CastKernels.TryParseIntegral(Encoding.UTF8.GetBytes(s.Trim()), out long v);
            var expected = Reference(s);
            Assert.True(expected == (ok ? v : null), $"'{s}': expected {expected?.ToString() ?? "null"}, got {(ok ? v.ToString(CultureInfo.InvariantCulture) : "null")}");
        }
    }
}
