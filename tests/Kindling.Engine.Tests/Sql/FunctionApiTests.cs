using System.Text;
using Kindling.Sql;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>
/// Functions and actions through the public DataFrame API, against values computed by hand or from Spark's
/// documentation (FIPS 180 test vectors for sha2, the xxHash spec for xxhash64), never from the engine.
/// </summary>
public class FunctionApiTests
{
    private static DataFrame One() => TestSession.Get().Range(1);

    private static object Eval(Column c) => One().Select(c).First().Get(0);

    private static string TypeOf(Column c) => One().Select(c).Schema().Fields[0].DataType.SimpleString;

    // ---- sha2: FIPS 180-2 "abc" vectors; 0 means 256; null input and unsupported lengths give null.

    private const string Sha256Abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private const string Sha384Abc = "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7";
    private const string Sha512Abc = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

    [Fact]
    public void Sha2_Matches_Fips_Vectors_And_Zero_Means_256()
    {
        Assert.Equal(Sha256Abc, Eval(Sha2(Lit("abc"), 256)));
        Assert.Equal(Sha256Abc, Eval(Sha2(Lit("abc"), 0)));
        Assert.Equal(Sha384Abc, Eval(Sha2(Lit("abc"), 384)));
        Assert.Equal(Sha512Abc, Eval(Sha2(Lit("abc"), 512)));
        Assert.Equal("string", TypeOf(Sha2(Lit("abc"), 256)));
        // The input is the string's UTF-8 bytes (Spark hashes the string's binary form).
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("Zoë"))), Eval(Sha2(Lit("Zoë"), 256)));
    }

    [Fact]
    public void Sha2_224_Matches_Fips_Vectors()
    {
        // FIPS 180-4 examples: one block, two blocks (56 bytes: the padding spills into a second block), and empty.
        Assert.Equal("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7", Eval(Sha2(Lit("abc"), 224)));
        Assert.Equal("75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525",
            Eval(Sha2(Lit("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"), 224)));
        Assert.Equal("d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f", Eval(Sha2(Lit(""), 224)));
        // A million 'a's: many whole blocks before the tail.
        Assert.Equal("20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67", Eval(Sha2(Lit(new string('a', 1_000_000)), 224)));
    }

    [Fact]
    public void Sha2_Of_Null_Or_An_Unsupported_Bit_Length_Is_Null()
    {
        var df = TestSession.Get().CreateDataFrame([new GenericRow(["abc"]), new GenericRow([null])], new StructType([new StructField("s", new StringType())]));
        var rows = df.Select(Sha2(Col("s"), 256).As("h")).Collect().ToList();
        Assert.Equal([Sha256Abc, null], rows.Select(r => r.Get(0)));
        Assert.Null(Eval(Sha2(Lit("abc"), 100)));
    }

    // ---- current_date: the engine documents UTC (Functions.CurrentDate), type date.

    [Fact]
    public void CurrentDate_Is_Todays_Utc_Date()
    {
        var before = DateOnly.FromDateTime(DateTime.UtcNow);
        var value = Eval(CurrentDate());
        var after = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal("date", TypeOf(CurrentDate()));
        var date = Assert.IsType<Date>(value);
        var day = DateOnly.FromDateTime(date.ToDateTime());
        Assert.True(day == before || day == after, $"current_date() = {day}, UTC today = {before}..{after}");
    }

    // ---- approx_count_distinct: exact on small cardinalities (well within the default rsd 0.05); nulls ignored.

    [Fact]
    public void ApproxCountDistinct_Is_Exact_On_Small_Inputs()
    {
        // Spark's documented example: approx_count_distinct over (1), (1), (2), (2), (3) is 3.
        var schema = new StructType([new StructField("g", new StringType()), new StructField("v", new IntegerType())]);
        var df = TestSession.Get().CreateDataFrame([
            new GenericRow(["a", 1]), new GenericRow(["a", 1]), new GenericRow(["a", 2]), new GenericRow(["a", 2]), new GenericRow(["a", 3]),
            new GenericRow(["b", null]), new GenericRow(["b", 7]), new GenericRow(["b", 7]),
            new GenericRow(["c", null]),
        ], schema);
        var rows = df.GroupBy("g").Agg(ApproxCountDistinct(Col("v")).As("n")).OrderBy("g").Collect().ToList();
        Assert.Equal(["a", "b", "c"], rows.Select(r => r.Get(0)));
        Assert.Equal([3L, 1L, 0L], rows.Select(r => r.Get(1)));
        Assert.Equal(4L, df.Agg(ApproxCountDistinct(Col("v"))).First().Get(0));
        Assert.Equal(50L, TestSession.Get().Range(100).Agg(ApproxCountDistinct(Col("id") % 50)).First().Get(0));
    }

    // ---- stddev / variance are the sample versions; a one-value group is null (spark.sql.legacy.statisticalAggregate=false).

    [Fact]
    public void Stddev_And_Variance_Are_Sample_Statistics_And_Null_For_One_Value()
    {
        var schema = new StructType([new StructField("g", new StringType()), new StructField("v", new DoubleType())]);
        var rows = new List<GenericRow>();
        foreach (var v in new double[] { 2, 4, 4, 4, 5, 5, 7, 9 }) rows.Add(new GenericRow(["a", v]));
        rows.Add(new GenericRow(["b", 3.0]));
        rows.Add(new GenericRow(["c", 1.0]));
        rows.Add(new GenericRow(["c", null]));
        rows.Add(new GenericRow(["c", 3.0]));
        rows.Add(new GenericRow(["d", null]));
        var df = TestSession.Get().CreateDataFrame(rows, schema);
        var result = df.GroupBy("g").Agg(Stddev(Col("v")).As("sd"), Variance(Col("v")).As("var"), StddevSamp(Col("v")).As("sds"))
            .OrderBy("g").Collect().ToList();
        // a: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32 over n-1 = 7
        Assert.Equal(32.0 / 7, (double)result[0].Get("var"), 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), (double)result[0].Get("sd"), 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), (double)result[0].Get("sds"), 12);
        // b: one value → null (not NaN, not 0)
        Assert.Null(result[1].Get("sd"));
        Assert.Null(result[1].Get("var"));
        // c: nulls are skipped: {1, 3} → mean 2, (1 + 1) / 1 = 2
        Assert.Equal(2.0, (double)result[2].Get("var"), 12);
        Assert.Equal(Math.Sqrt(2), (double)result[2].Get("sd"), 12);
        // d: no values → null
        Assert.Null(result[3].Get("var"));
        Assert.Equal("double", df.Agg(Variance(Col("v"))).Schema().Fields[0].DataType.SimpleString);
    }

    // ---- xxhash64: XXH64 (spec below) with seed 42, chained over the arguments; ints hash as 4 little-endian
    // bytes, longs as 8, strings as UTF-8; a null argument leaves the running hash unchanged.

    private const ulong Prime1 = 0x9E3779B185EBCA87UL, Prime2 = 0xC2B2AE3D27D4EB4FUL, Prime3 = 0x165667B19E3779F9UL, Prime4 = 0x85EBCA77C2B2AE63UL, Prime5 = 0x27D4EB2F165667C5UL;

    private static ulong Rotl(ulong x, int r) => (x << r) | (x >> (64 - r));

    private static ulong Lane(byte[] d, int at)
    {
        ulong v = 0;
        for (int b = 7; b >= 0; b--) v = (v << 8) | d[at + b];
        return v;
    }

    private static ulong Word(byte[] d, int at)
    {
        ulong v = 0;
        for (int b = 3; b >= 0; b--) v = (v << 8) | d[at + b];
        return v;
    }

    private static ulong RoundStep(ulong acc, ulong lane) => Rotl(acc + lane * Prime2, 31) * Prime1;

    private static ulong MergeStep(ulong acc, ulong a) => (acc ^ RoundStep(0, a)) * Prime1 + Prime4;

    /// <summary>XXH64 written from the xxHash specification (doc/xxhash_spec.md), byte by byte.</summary>
    private static ulong Xxh64(byte[] d, ulong seed)
    {
        int len = d.Length, p = 0;
        ulong acc;
        if (len < 32) acc = seed + Prime5;
        else
        {
            ulong a1 = seed + Prime1 + Prime2, a2 = seed + Prime2, a3 = seed, a4 = seed - Prime1;
            for (; len - p >= 32; p += 32)
            {
                a1 = RoundStep(a1, Lane(d, p));
                a2 = RoundStep(a2, Lane(d, p + 8));
                a3 = RoundStep(a3, Lane(d, p + 16));
                a4 = RoundStep(a4, Lane(d, p + 24));
            }
            acc = Rotl(a1, 1) + Rotl(a2, 7) + Rotl(a3, 12) + Rotl(a4, 18);
            acc = MergeStep(MergeStep(MergeStep(MergeStep(acc, a1), a2), a3), a4);
        }
        acc += (ulong)len;
        for (; len - p >= 8; p += 8) acc = Rotl(acc ^ RoundStep(0, Lane(d, p)), 27) * Prime1 + Prime4;
        if (len - p >= 4)
        {
            acc = Rotl(acc ^ (Word(d, p) * Prime1), 23) * Prime2 + Prime3;
            p += 4;
        }
        for (; p < len; p++) acc = Rotl(acc ^ (d[p] * Prime5), 11) * Prime1;
        acc ^= acc >> 33;
        acc *= Prime2;
        acc ^= acc >> 29;
        acc *= Prime3;
        acc ^= acc >> 32;
        return acc;
    }

    private static byte[] Le(int v) => [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)];

    private static byte[] Le(long v) => [.. Le((int)v), .. Le((int)(v >> 32))];

    private static long Chain(params byte[]?[] args)
    {
        ulong h = 42;
        foreach (var a in args)
            if (a is not null) h = Xxh64(a, h);
        return (long)h;
    }

    [Fact]
    public void Reference_Xxh64_Matches_Published_Vectors()
    {
        Assert.Equal(0xEF46DB3751D8E999UL, Xxh64([], 0));
        Assert.Equal(0x44BC2CF5AD770999UL, Xxh64("abc"u8.ToArray(), 0));
        Assert.Equal(0xFBCEA83C8A378BF1UL, Xxh64("Nobody inspects the spammish repetition"u8.ToArray(), 0)); // 39 bytes: the 32-byte stripe path
    }

    [Fact]
    public void XXHash64_Matches_Spark_With_Seed_42()
    {
        // Spark's documentation: xxhash64('Spark', array(123), 2) = 5602566077635097486 (array elements chain like arguments).
        Assert.Equal(5602566077635097486L, Eval(XXHash64(Lit("Spark"), Lit(123), Lit(2))));
        Assert.Equal(Chain(Encoding.UTF8.GetBytes("Spark")), Eval(XXHash64(Lit("Spark"))));
        Assert.Equal(Chain(Le(123)), Eval(XXHash64(Lit(123))));
        Assert.Equal(Chain(Le(-1L)), Eval(XXHash64(Lit(-1L))));
        Assert.Equal(Chain(Le(long.MinValue)), Eval(XXHash64(Lit(long.MinValue))));
        string longText = "a string longer than thirty-two bytes, with ü and 中";
        Assert.Equal(Chain(Encoding.UTF8.GetBytes(longText)), Eval(XXHash64(Lit(longText))));
        Assert.Equal(Chain(Le(7), Encoding.UTF8.GetBytes("x"), Le(8L)), Eval(XXHash64(Lit(7), Lit("x"), Lit(8L))));
        // A date hashes as its epoch day (an int): 2024-03-01 is day 19783.
        int days = new DateOnly(2024, 3, 1).DayNumber - new DateOnly(1970, 1, 1).DayNumber;
        Assert.Equal(Chain(Le(days)), Eval(XXHash64(Lit("2024-03-01").Cast("date"))));
        Assert.Equal("bigint", TypeOf(XXHash64(Lit(1))));
    }

    [Fact]
    public void XXHash64_Skips_Nulls_So_All_Null_Is_The_Seed()
    {
        var schema = new StructType([new StructField("i", new IntegerType()), new StructField("s", new StringType())]);
        var df = TestSession.Get().CreateDataFrame([new GenericRow([5, null]), new GenericRow([null, null]), new GenericRow([null, "k"])], schema);
        var hashes = df.Select(XXHash64(Col("i"), Col("s"))).Collect().Select(r => r.Get(0)).ToList();
        Assert.Equal([Chain(Le(5), null), 42L, Chain(null, Encoding.UTF8.GetBytes("k"))], hashes);
    }

    // ---- ordering, Head, Mean/Avg, Persist

    private static DataFrame NullableInts()
    {
        var schema = new StructType([new StructField("v", new IntegerType())]);
        return TestSession.Get().CreateDataFrame([new GenericRow([3]), new GenericRow([null]), new GenericRow([1]), new GenericRow([2]), new GenericRow([null])], schema);
    }

    [Fact]
    public void Desc_Nulls_First_And_The_Other_Null_Orderings()
    {
        var df = NullableInts();
        object?[] Sorted(Column c) => [.. df.OrderBy(c).Collect().Select(r => r.Get(0))];
        Assert.Equal([null, null, 3, 2, 1], Sorted(Col("v").DescNullsFirst()));
        Assert.Equal([3, 2, 1, null, null], Sorted(Col("v").DescNullsLast()));
        Assert.Equal([3, 2, 1, null, null], Sorted(Col("v").Desc())); // Spark: descending puts nulls last
        Assert.Equal([null, null, 1, 2, 3], Sorted(Col("v").Asc())); // ascending puts nulls first
        Assert.Equal([1, 2, 3, null, null], Sorted(Col("v").AscNullsLast()));
    }

    [Fact]
    public void Head_Returns_The_First_N_Rows()
    {
        var df = TestSession.Get().Range(10).OrderBy(Col("id").Desc());
        Assert.Equal([9L, 8L, 7L], df.Head(3).Select(r => (long)r.Get(0)));
        Assert.Empty(df.Head(0));
        Assert.Equal(10, df.Head(50).Count());
        Assert.Equal(9L, df.Head().Get(0));
        Assert.Equal([9L, 8L], df.Take(2).Select(r => (long)r.Get(0)));
    }

    [Fact]
    public void Mean_And_Avg_In_GroupBy()
    {
        var schema = new StructType([new StructField("g", new StringType()), new StructField("v", new IntegerType()), new StructField("w", new LongType())]);
        var df = TestSession.Get().CreateDataFrame([
            new GenericRow(["a", 1, 10L]), new GenericRow(["a", 2, 20L]), new GenericRow(["a", 4, 30L]),
            new GenericRow(["b", null, 5L]), new GenericRow(["b", 10, null]),
            new GenericRow(["c", null, null]),
        ], schema);
        var mean = df.GroupBy("g").Mean("v").OrderBy("g");
        Assert.Equal(["g", "avg(v)"], mean.Columns());
        Assert.Equal("double", mean.Schema().Fields[1].DataType.SimpleString);
        var rows = mean.Collect().ToList();
        Assert.Equal(7.0 / 3, (double)rows[0].Get(1), 12);
        Assert.Equal(10.0, rows[1].Get(1));
        Assert.Null(rows[2].Get(1));
        // Avg with no names averages every numeric non-grouping column.
        var all = df.GroupBy("g").Avg().OrderBy("g");
        Assert.Equal(["g", "avg(v)", "avg(w)"], all.Columns());
        var allRows = all.Collect().ToList();
        Assert.Equal(20.0, allRows[0].Get(2));
        Assert.Equal(5.0, allRows[1].Get(2));
        Assert.Null(allRows[2].Get(2));
        // Functions.Avg through Agg gives the same as Mean.
        var agg = df.GroupBy("g").Agg(Avg("v").As("m")).OrderBy("g").Collect().ToList();
        Assert.Equal(7.0 / 3, (double)agg[0].Get("m"), 12);
        Assert.Equal(10.0, agg[1].Get("m"));
        Assert.Null(agg[2].Get("m"));
    }

    [Fact]
    public void Persist_Is_Lazy_Then_Computes_Once_And_Later_Actions_Reuse_The_Rows()
    {
        using var dir = new TempDirectory();
        string file = dir.File("nums.csv", "id,v\n1,10\n2,20\n3,30\n");
        var df = TestSession.Get().Read().Option("header", true).Schema("id INT, v INT").Csv(file).Filter(Col("v") > 10);
        Assert.Same(df, df.Persist());
        var derived = df.Select((Col("v") * 2).Alias("twice")); // derived before the first action: shares the cache
        // Lazy, as in Spark: nothing is read until an action; the first action computes the rows and keeps them.
        File.WriteAllText(file, "id,v\n1,10\n2,20\n3,30\n4,40\n");
        Assert.Equal(3, df.Count());
        File.Delete(file); // later actions cannot read the source any more: they must use the persisted rows
        Assert.Equal(3, df.Count());
        Assert.Equal([40, 60, 80], derived.Collect().Select(r => r.Get(0)).Order());
        File.WriteAllText(file, "id,v\n1,10\n2,20\n3,30\n");
        Assert.Equal([2, 3, 4], df.OrderBy("id").Collect().Select(r => r.Get("id")));
        Assert.Equal(90L, df.Agg(Sum("v")).First().Get(0));
        Assert.Equal([3], df.Filter(Col("id") == 3).Collect().Select(r => r.Get(0)));
        df.Unpersist();
        Assert.Equal(2, df.Count()); // unpersisted: reads the file again, now back to three rows
    }
}
