using Kindling.Sql;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>End-to-end expression semantics through the public API; expected values are hand-computed.</summary>
public class ExpressionSemanticsTests
{
    private static DataFrame One() => TestSession.Get().Range(1);

    private static object Eval(Column c) => One().Select(c).First().Get(0);

    private static string TypeOf(Column c) => One().Select(c).Schema().Fields[0].DataType.SimpleString;

    [Fact]
    public void Integer_Overflow_Wraps_And_Division_By_Zero_Is_Null()
    {
        Assert.Equal(int.MinValue, Eval(Lit(int.MaxValue) + Lit(1)));
        Assert.Equal(long.MinValue, Eval(Lit(long.MaxValue) + 1));
        Assert.Null(Eval(Lit(1) / 0));
        Assert.Null(Eval(Lit(5) % 0));
        Assert.Equal(2.5, Eval(Lit(5) / 2));
        Assert.Equal(-1, Eval(Lit(-7) % 3)); // Java remainder keeps the dividend's sign
        Assert.Equal(0, Eval(Lit(int.MinValue) % -1));
    }

    [Fact]
    public void Numeric_Widening_And_Decimal_Precision()
    {
        Assert.Equal("bigint", TypeOf(Lit(1) + Lit(2L)));
        Assert.Equal("double", TypeOf(Lit(1) / Lit(2)));
        Assert.Equal("double", TypeOf(Lit(1.5f) + Lit(2.0)));
        // decimal(15,4) + int → int becomes decimal(10,0): p = max(11, 10) + 4 + 1 = 16
        var dec = Col("id").Cast("decimal(15,4)");
        Assert.Equal("decimal(16,4)", TypeOf(dec + Col("id").Cast("int")));
        // literal 2 is decimal(1,0): p = 15 + 1 + 1 = 17, s = 4
        Assert.Equal("decimal(17,4)", TypeOf(dec * 2));
        Assert.Equal("decimal(31,8)", TypeOf(dec * dec));
        // division: s = max(6, 4 + 15 + 1) = 20, p = 15 - 4 + 4 + 20 = 35
        Assert.Equal("decimal(35,20)", TypeOf(dec / dec));
        // precision loss: (38,10) + (38,10) → p 39 → int digits 29, scale max(9, 6) = 9
        var wide = Col("id").Cast("decimal(38,10)");
        Assert.Equal("decimal(38,9)", TypeOf(wide + wide));
        Assert.Equal("double", TypeOf(dec + Lit(1.5)));
    }

    [Fact]
    public void Decimal_Arithmetic_Values()
    {
        Assert.Equal(2.46900000m, Eval(Lit(1.2345m) * Lit(2.0000m)));
        Assert.Equal(decimal.Parse("0.333333", System.Globalization.CultureInfo.InvariantCulture), Eval(Lit(1m) / Lit(3m))); // decimal(1,0)/decimal(1,0): scale max(6, 0+1+1) = 6
        Assert.Equal(3.75m, Eval(Lit(1.25m) + Lit(2.5m)));
        Assert.Null(Eval(Lit(1m) / Lit(0m)));
    }

    [Fact]
    public void Round_Is_Half_Up_And_Bround_Is_Half_Even()
    {
        Assert.Equal(3.0, Eval(Round(Lit(2.5))));
        Assert.Equal(-3.0, Eval(Round(Lit(-2.5))));
        Assert.Equal(1.01, Eval(Round(Lit(1.005), 2)));
        Assert.Equal(1.3m, Eval(Round(Lit(1.25m), 1)));
        Assert.Equal("decimal(3,1)", TypeOf(Round(Lit(1.25m), 1)));
        Assert.Equal(-1.3m, Eval(Round(Lit(-1.25m), 1)));
        Assert.Equal(130, Eval(Round(Lit(125), -1))); // HALF_UP at tens
        Assert.Equal(3L, Eval(Functions.Floor(Lit(3.7))));
        Assert.Equal(-3L, Eval(Ceil(Lit(-3.7))));
    }

    [Fact]
    public void Casts_Are_Null_On_Failure()
    {
        Assert.Equal(12, Eval(Lit(" 12 ").Cast("int")));
        Assert.Equal(1, Eval(Lit("1.9").Cast("int")));
        Assert.Null(Eval(Lit("abc").Cast("int")));
        Assert.Null(Eval(Lit("2147483648").Cast("int")));
        Assert.Equal(2147483648L, Eval(Lit("2147483648").Cast("bigint")));
        Assert.Equal(123.46m, Eval(Lit("123.455").Cast("decimal(5,2)")));
        Assert.Null(Eval(Lit("1234.5").Cast("decimal(5,2)")));
        Assert.Equal(3, Eval(Lit(3.99).Cast("int")));
        Assert.Equal(-3, Eval(Lit(-3.99).Cast("int")));
        Assert.Equal(int.MaxValue, Eval(Lit(1e20).Cast("int")));
        Assert.Equal(1, Eval(Lit(4294967297L).Cast("int")));
        Assert.Equal(true, Eval(Lit("yes").Cast("boolean")));
        Assert.Null(Eval(Lit("maybe").Cast("boolean")));
        Assert.Equal(new Date(2024, 3, 1), Eval(Lit("2024-3-1").Cast("date")));
        Assert.Null(Eval(Lit("2024-02-30").Cast("date")));
        Assert.Equal(new Date(2024, 3, 1), Eval(Lit("2024-03-01T10:00:00").Cast("date")));
        Assert.Equal(new Timestamp(new DateTime(2024, 3, 1, 13, 5, 22, DateTimeKind.Utc)), Eval(Lit("2024-03-01T13:05:22Z").Cast("timestamp")));
        Assert.Equal(new Timestamp(new DateTime(2024, 3, 1, 12, 5, 22, DateTimeKind.Utc)), Eval(Lit("2024-03-01 13:05:22+01:00").Cast("timestamp")));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(0.001, "0.001")]
    [InlineData(1e-4, "1.0E-4")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(12345678.9, "1.23456789E7")]
    public void Double_To_String_Like_Java(double value, string expected) =>
        Assert.Equal(expected, Eval(Lit(value).Cast("string")));

    [Fact]
    public void Strings()
    {
        Assert.Equal("ÉA", Eval(Upper(Lit("éa"))));
        Assert.Equal("abc", Eval(Lower(Lit("AbC"))));
        Assert.Equal("ell", Eval(Substring(Lit("hello"), 2, 3)));
        Assert.Equal("ll", Eval(Substring(Lit("hello"), -3, 2)));
        Assert.Equal("he", Eval(Substring(Lit("hello"), 0, 2)));
        Assert.Equal("éll", Eval(Lit("héllo").SubStr(2, 3)));
        Assert.Equal(5, Eval(Length(Lit("héllo"))));
        Assert.Null(Eval(Concat(Lit("a"), Lit(null!), Lit("b"))));
        Assert.Equal("a1", Eval(Concat(Lit("a"), Lit(1))));
        Assert.Equal("a-b", Eval(ConcatWs("-", Lit("a"), Lit(null!), Lit("b"))));
        Assert.Equal("123", Eval(RegexpExtract(Lit("abc123def"), @"(\d+)", 1)));
        Assert.Equal("", Eval(RegexpExtract(Lit("abc"), @"(\d+)", 1)));
        Assert.Equal("a#b#", Eval(RegexpReplace(Lit("a1b22"), @"\d+", "#")));
        Assert.Equal("a b", Eval(Trim(Lit("  a b  "))));
        Assert.Equal("007", Eval(Lpad(Lit("7"), 3, "0")));
        Assert.Equal(3, Eval(Instr(Lit("hello"), "ll")));
        Assert.Equal("xc", Eval(Translate(Lit("abc"), "ab", "x")));
        Assert.Equal("900150983cd24fb0d6963f7d28e17f72", Eval(Md5(Lit("abc"))));
        Assert.Equal(891568578L, Eval(Crc32(Lit("abc"))));
        Assert.Equal(true, Eval(Lit("abc").Like("a%")));
        Assert.Equal(false, Eval(Lit("abc").Like("b%")));
        Assert.Equal(true, Eval(Lit("abc").Like("a_c")));
        Assert.Equal(true, Eval(Lit("xabcx").RLike("ab")));
    }

    [Fact]
    public void String_Comparison_Is_By_Utf8_Bytes()
    {
        // UTF-16 order puts the emoji (surrogate 0xD83D) before U+FF5E; UTF-8 bytes (F0 vs EF) put it after.
        Assert.Equal(true, Eval(Lit("\U0001F600") > Lit("\uFF5E")));
        Assert.Equal(true, Eval(Lit("Z") < Lit("a")));
        Assert.Equal(true, Eval(Lit("a") < Lit("é")));
    }

    [Fact]
    public void String_Versus_Number_Comparison_Casts_The_String()
    {
        Assert.Equal(true, Eval(Lit("1") == 1));
        Assert.Equal(true, Eval(Lit("1.0") == 1)); // Spark 3: "1.0" cast to int is 1
        Assert.Null(Eval(Lit("x") == 1));
        Assert.Equal(true, Eval(Lit("2024-03-01").Cast("date") == Lit("2024-03-01")));
    }

    [Fact]
    public void Dates_And_Timestamps()
    {
        var ts = Lit("2024-03-01 13:05:22.123").Cast("timestamp");
        Assert.Equal("2024-03-01 13:05:22.123 Fri", Eval(DateFormat(ts, "yyyy-MM-dd HH:mm:ss.SSS EEE")));
        Assert.Equal("01/Mar/24 01 PM", Eval(DateFormat(ts, "dd/MMM/yy hh a")));
        Assert.Equal(new Timestamp(new DateTime(2024, 3, 1, 12, 5, 22, DateTimeKind.Utc)),
            Eval(ToTimestamp(Lit("01/Mar/2024:13:05:22 +0100"), "dd/MMM/yyyy:HH:mm:ss Z")));
        Assert.Null(Eval(ToTimestamp(Lit("garbage"), "yyyy-MM-dd")));
        Assert.Equal(new Date(2024, 3, 1), Eval(ToDate(Lit("01.03.2024"), "dd.MM.yyyy")));
        var d = Lit("2024-03-01").Cast("date");
        Assert.Equal(2024, Eval(Year(d)));
        Assert.Equal(3, Eval(Month(d)));
        Assert.Equal(1, Eval(DayOfMonth(d)));
        Assert.Equal(6, Eval(DayOfWeek(d))); // Friday; Sunday = 1
        Assert.Equal(1, Eval(Quarter(d)));
        Assert.Equal(9, Eval(WeekOfYear(d)));
        Assert.Equal(13, Eval(Hour(ts)));
        Assert.Equal(5, Eval(Minute(ts)));
        Assert.Equal(22, Eval(Second(ts)));
        Assert.Equal(new Date(2024, 3, 31), Eval(DateAdd(d, 30)));
        Assert.Equal(new Date(2024, 2, 29), Eval(DateSub(d, 1)));
        Assert.Equal(29, Eval(DateDiff(d, Lit("2024-02-01").Cast("date"))));
        Assert.Equal(new Date(2024, 2, 29), Eval(AddMonths(Lit("2024-01-31").Cast("date"), 1)));
        Assert.Equal(new Date(2024, 2, 29), Eval(LastDay(Lit("2024-02-10").Cast("date"))));
        Assert.Equal(1709298322L, Eval(UnixTimestamp(Lit("2024-03-01 13:05:22"))));
        Assert.Equal("2024-03-01 13:05:22", Eval(FromUnixTime(Lit(1709298322L))));
        Assert.Equal(new Timestamp(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc)), Eval(DateTrunc("day", ts)));
        Assert.Equal(new Timestamp(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)), Eval(DateTrunc("year", ts)));
        Assert.Equal("2024-03-01 13:05:22.123", Eval(ts.Cast("string")));
    }

    [Fact]
    public void Conditionals()
    {
        var id = Col("id");
        var df = TestSession.Get().Range(5).Select(When(id < 2, "small").When(id < 4, "mid").Otherwise("big").Alias("size"));
        Assert.Equal(["small", "small", "mid", "mid", "big"], df.Collect().Select(r => (string)r[0]));
        Assert.Null(Eval(When(Lit(false), 1)));
        Assert.Equal(2L, Eval(Coalesce(Lit(null!), Lit(2L), Lit(3))));
        Assert.Equal(7, Eval(Greatest(Lit(3), Lit(null!), Lit(7))));
        Assert.Equal(3, Eval(Least(Lit(3), Lit(null!), Lit(7))));
        Assert.Equal(true, Eval(Lit(3).IsIn(1, 2, 3)));
        Assert.Equal(false, Eval(Lit("x").IsIn("a", "b")));
        Assert.Equal(true, Eval(IsNull(Lit(null!))));
        Assert.Equal(5, Eval(Abs(Lit(-5))));
        Assert.Equal(3.0, Eval(Sqrt(Lit(9))));
        Assert.Equal(8.0, Eval(Pow(Lit(2), 3)));
    }

    [Fact]
    public void Three_Valued_Logic()
    {
        var n = Lit(null!).Cast("boolean");
        Assert.Equal(false, Eval(n & Lit(false)));
        Assert.Null(Eval(n & Lit(true)));
        Assert.Equal(true, Eval(n | Lit(true)));
        Assert.Null(Eval(n | Lit(false)));
        Assert.Null(Eval(!n));
    }

    [Fact]
    public void Dictionary_Encoded_Strings_Evaluate_Correctly()
    {
        var schema = new StructType([new StructField("s", new StringType())]);
        var df = TestSession.Get().CreateDataFrame([new GenericRow(["b"]), new GenericRow([null!]), new GenericRow(["a"])], schema);
        // Constant and column strings mixed in one expression.
        var rows = df.Select(Concat(Col("s"), Lit("!")), Upper(Lit("k")), Col("s") == Lit("a")).Collect().ToList();
        Assert.Equal(["b!", null, "a!"], rows.Select(r => (string?)r[0]));
        Assert.Equal(["K", "K", "K"], rows.Select(r => (string)r[1]));
        Assert.Equal([false, null, true], rows.Select(r => (bool?)r[2]));
    }
}

public class HashFunctionTests
{
    private static object Eval(Column c) => TestSession.Get().Range(1).Select(c).First().Get(0);

    [Fact]
    public void Hash_Matches_Spark_Murmur3()
    {
        // Spark: SELECT hash(1) → -559580957
        Assert.Equal(-559580957, Eval(Hash(Lit(1))));
        // hash(null) is the seed, 42
        Assert.Equal(42, Eval(Hash(Lit(null!))));
    }
}

public class XxHash64Tests
{
    [Fact]
    public void Xxh64_Reference_Vectors()
    {
        Assert.Equal(0xEF46DB3751D8E999UL, Kindling.Kernels.Strings.SparkXxHash64.Hash([], 0));
        Assert.Equal(0x44BC2CF5AD770999UL, Kindling.Kernels.Strings.SparkXxHash64.Hash("abc"u8, 0));
    }
}
