using Kindling.Execution.Operators.Join;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Execution.Operators.OperatorTestData;

namespace Kindling.Engine.Tests.Execution.Operators.Join;

public sealed class HashJoinOperatorTests
{
    private static readonly Schema LeftSchema = Schema(("k", ColumnType.String), ("n", ColumnType.Int32), ("l", ColumnType.Int64));
    private static readonly Schema RightSchema = Schema(("k", ColumnType.String), ("n", ColumnType.Int32), ("r", ColumnType.Float64));

    private static readonly List<object?[]> Left =
    [
        Row("a", 1, 10L), Row("b", 2, 20L), Row(null, 3, 30L), Row("a", 1, 40L), Row("c", 9, 50L), Row("a", 2, 60L),
    ];

    private static readonly List<object?[]> Right =
    [
        Row("a", 1, 0.5), Row("a", 1, 1.5), Row(null, 3, 2.5), Row("b", 2, 3.5), Row("d", 4, 4.5),
    ];

    /// <summary>A nested-loop reference join over plain rows (null keys never match).</summary>
    private static List<object?[]> Reference(List<object?[]> left, List<object?[]> right, int[] lk, int[] rk, JoinType type, int leftWidth, int rightWidth)
    {
        bool Match(object?[] l, object?[] r) => lk.Select((k, i) => l[k] is not null && r[rk[i]] is not null && l[k]!.Equals(r[rk[i]])).All(b => b);
        var result = new List<object?[]>();
        var rightMatched = new bool[right.Count];
        foreach (var l in left)
        {
            bool any = false;
            for (int j = 0; j < right.Count; j++)
            {
                if (!Match(l, right[j])) continue;
                any = true;
                rightMatched[j] = true;
                if (type is JoinType.Inner or JoinType.LeftOuter or JoinType.RightOuter or JoinType.FullOuter) result.Add([.. l, .. right[j]]);
            }
            if (type == JoinType.LeftSemi && any) result.Add(l);
            if (type == JoinType.LeftAnti && !any) result.Add(l);
            if (!any && type is JoinType.LeftOuter or JoinType.FullOuter) result.Add([.. l, .. new object?[rightWidth]]);
        }
        if (type is JoinType.RightOuter or JoinType.FullOuter)
            for (int j = 0; j < right.Count; j++)
                if (!rightMatched[j]) result.Add([.. new object?[leftWidth], .. right[j]]);
        return result;
    }

    [Theory]
    [InlineData("Inner")]
    [InlineData("LeftOuter")]
    [InlineData("RightOuter")]
    [InlineData("FullOuter")]
    [InlineData("LeftSemi")]
    [InlineData("LeftAnti")]
    public void SingleStringKey(string joinType)
    {
        var type = Enum.Parse<JoinType>(joinType);
        var op = new HashJoinOperator(Source(LeftSchema, Left), Source(RightSchema, Right), [0], [0], type);
        EqualUnordered(Reference(Left, Right, [0], [0], type, 3, 3), Collect(op));
    }

    [Theory]
    [InlineData("Inner", false)]
    [InlineData("FullOuter", true)]
    [InlineData("LeftAnti", true)]
    public void MultiKeyWithDictionaryStrings(string joinType, bool dictionary)
    {
        var type = Enum.Parse<JoinType>(joinType);
        var op = new HashJoinOperator(Source(LeftSchema, Left, 2, dictionary), Source(RightSchema, Right, 2, dictionary), [0, 1], [0, 1], type);
        EqualUnordered(Reference(Left, Right, [0, 1], [0, 1], type, 3, 3), Collect(op, Context(batchSize: 2)));
    }

    [Fact]
    public void OuterSidesBecomeNullable()
    {
        var nonNull = new Schema([new Field("k", ColumnType.Int32, false)]);
        var src = Source(nonNull, []);
        var full = new HashJoinOperator(src, src, [0], [0], JoinType.FullOuter);
        Assert.All(full.OutputSchema.Fields, f => Assert.True(f.Nullable));
        var inner = new HashJoinOperator(src, src, [0], [0], JoinType.Inner);
        Assert.All(inner.OutputSchema.Fields, f => Assert.False(f.Nullable));
        var left = new HashJoinOperator(src, src, [0], [0], JoinType.LeftOuter);
        Assert.False(left.OutputSchema[0].Nullable);
        Assert.True(left.OutputSchema[1].Nullable);
        Assert.Single(new HashJoinOperator(src, src, [0], [0], JoinType.LeftSemi).OutputSchema.Fields);
    }

    [Fact]
    public void EmptySides()
    {
        var empty = Source(RightSchema, []);
        EqualUnordered(Reference(Left, [], [0], [0], JoinType.LeftOuter, 3, 3), Collect(new HashJoinOperator(Source(LeftSchema, Left), empty, [0], [0], JoinType.LeftOuter)));
        Assert.Empty(Collect(new HashJoinOperator(Source(LeftSchema, Left), empty, [0], [0], JoinType.Inner)));
        EqualUnordered(Reference([], Right, [0], [0], JoinType.FullOuter, 3, 3), Collect(new HashJoinOperator(Source(LeftSchema, []), Source(RightSchema, Right), [0], [0], JoinType.FullOuter)));
    }

    [Theory]
    [InlineData("Inner")]
    [InlineData("FullOuter")]
    [InlineData("LeftSemi")]
    public void RandomizedSkewedIntAndDecimalKeys(string joinType)
    {
        var type = Enum.Parse<JoinType>(joinType);
        var rng = new Random(11);
        var schema = Schema(("k", ColumnType.Int64), ("m", ColumnType.Decimal(20, 2)), ("v", ColumnType.Int32));
        List<object?[]> Make(int n) => Enumerable.Range(0, n).Select(i => Row(
            rng.Next(10) < 9 ? 7L : rng.Next(20) == 0 ? null : (long)rng.Next(30),
            rng.Next(3) == 0 ? null : (decimal)rng.Next(3) / 4,
            i)).ToList();
        var left = Make(300);
        var right = Make(40);
        var op = new HashJoinOperator(Source(schema, left, 16), Source(schema, right, 16), [0, 1], [0, 1], type);
        EqualUnordered(Reference(left, right, [0, 1], [0, 1], type, 3, 3), Collect(op, Context(batchSize: 100)));
    }

    [Theory]
    [InlineData("Inner")]
    [InlineData("FullOuter")]
    [InlineData("LeftAnti")]
    public void ParallelProbeMatchesSequential(string joinType)
    {
        var type = Enum.Parse<JoinType>(joinType);
        var rng = new Random(5);
        var schema = Schema(("k", ColumnType.String), ("v", ColumnType.Int32));
        var left = Enumerable.Range(0, 20000).Select(i => Row(rng.Next(20) == 0 ? null : "k" + rng.Next(3000), i)).ToList();
        var right = Enumerable.Range(0, 2000).Select(i => Row(rng.Next(20) == 0 ? null : "k" + rng.Next(4000), i)).ToList();
        var op = new HashJoinOperator(Source(schema, left, 512, dictionaryStrings: true), Source(schema, right, 300), [0], [0], type);
        EqualUnordered(Reference(left, right, [0], [0], type, 2, 2), Collect(op, Context(dop: 2, batchSize: 1000)));
    }

    [Fact]
    public void StoppingEarlyReleasesTheParallelProbe()
    {
        var schema = Schema(("k", ColumnType.Int32));
        var rows = Enumerable.Range(0, 100000).Select(i => Row(i % 10)).ToList();
        var op = new HashJoinOperator(Source(schema, rows, 100), Source(schema, rows.Take(10).ToList()), [0], [0], JoinType.Inner);
        Assert.Equal(100, op.Execute(Context(dop: 2, batchSize: 100)).First().RowCount);
    }

    [Fact]
    public void CrossJoinTypeAndExplain()
    {
        var l = Source(LeftSchema, Left.Take(2).ToList());
        var r = Source(RightSchema, Right.Take(3).ToList());
        var op = new HashJoinOperator(l, r, [], [], JoinType.Cross);
        Assert.Equal(6, Collect(op, Context(batchSize: 4)).Count);
        Assert.Equal("HashJoin Inner keys=[#0 = #0, #1 = #1]", new HashJoinOperator(l, r, [0, 1], [0, 1], JoinType.Inner).ToString());
    }

    [Fact]
    public void Validation()
    {
        var l = Source(LeftSchema, []);
        var r = Source(RightSchema, []);
        Assert.Throws<ArgumentException>(() => new HashJoinOperator(l, r, [0], [0, 1], JoinType.Inner));
        Assert.Throws<ArgumentException>(() => new HashJoinOperator(l, r, [], [], JoinType.Inner));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashJoinOperator(l, r, [3], [0], JoinType.Inner));
        Assert.Throws<ArgumentException>(() => new HashJoinOperator(l, r, [1], [0], JoinType.Inner));
    }

    // ---- One-row sides and null keys, expected rows written by hand (not from Reference).

    private static readonly Schema OneLeft = Schema(("k", ColumnType.Int64), ("l", ColumnType.String));
    private static readonly Schema OneRight = Schema(("k", ColumnType.Int64), ("r", ColumnType.Float64));

    private static List<object?[]> JoinRows(List<object?[]> left, List<object?[]> right, JoinType type, int dop) =>
        Collect(new HashJoinOperator(Source(OneLeft, left), Source(OneRight, right), [0], [0], type), Context(dop: dop));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void OneRowBuildAndProbeThatMatch(int dop)
    {
        List<object?[]> left = [Row(7L, "x")], right = [Row(7L, 0.5)];
        foreach (var type in new[] { JoinType.Inner, JoinType.LeftOuter, JoinType.RightOuter, JoinType.FullOuter })
            Equal([Row(7L, "x", 7L, 0.5)], JoinRows(left, right, type, dop));
        Equal([Row(7L, "x")], JoinRows(left, right, JoinType.LeftSemi, dop));
        Assert.Empty(JoinRows(left, right, JoinType.LeftAnti, dop));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void OneRowBuildAndProbeThatDoNotMatch(int dop)
    {
        List<object?[]> left = [Row(1L, "x")], right = [Row(2L, 0.5)];
        Assert.Empty(JoinRows(left, right, JoinType.Inner, dop));
        Equal([Row(1L, "x", null, null)], JoinRows(left, right, JoinType.LeftOuter, dop));
        Equal([Row(null, null, 2L, 0.5)], JoinRows(left, right, JoinType.RightOuter, dop));
        EqualUnordered([Row(1L, "x", null, null), Row(null, null, 2L, 0.5)], JoinRows(left, right, JoinType.FullOuter, dop));
        Equal([Row(1L, "x")], JoinRows(left, right, JoinType.LeftAnti, dop));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void NullKeysNeverMatchEachOther(int dop)
    {
        List<object?[]> left = [Row(null, "x")], right = [Row(null, 0.5)];
        Assert.Empty(JoinRows(left, right, JoinType.Inner, dop));
        Equal([Row(null, "x", null, null)], JoinRows(left, right, JoinType.LeftOuter, dop));
        Equal([Row(null, null, null, 0.5)], JoinRows(left, right, JoinType.RightOuter, dop));
        EqualUnordered([Row(null, "x", null, null), Row(null, null, null, 0.5)], JoinRows(left, right, JoinType.FullOuter, dop));
        Assert.Empty(JoinRows(left, right, JoinType.LeftSemi, dop));
        Equal([Row(null, "x")], JoinRows(left, right, JoinType.LeftAnti, dop)); // NOT EXISTS semantics: a null key has no match

        // A null key beside a real one: only the real one matches.
        List<object?[]> left2 = [Row(null, "n"), Row(3L, "t")], right2 = [Row(3L, 1.5), Row(null, 2.5)];
        Equal([Row(3L, "t", 3L, 1.5)], JoinRows(left2, right2, JoinType.Inner, dop));
        EqualUnordered([Row(null, "n", null, null), Row(3L, "t", 3L, 1.5), Row(null, null, null, 2.5)], JoinRows(left2, right2, JoinType.FullOuter, dop));
    }

    [Fact]
    public void OneRowBuildSideMatchesManyProbeRows()
    {
        List<object?[]> left = [Row(5L, "a"), Row(6L, "b"), Row(5L, "c"), Row(null, "d")], right = [Row(5L, 9.0)];
        EqualUnordered([Row(5L, "a", 5L, 9.0), Row(5L, "c", 5L, 9.0)], JoinRows(left, right, JoinType.Inner, 2));
        EqualUnordered([Row(5L, "a", 5L, 9.0), Row(6L, "b", null, null), Row(5L, "c", 5L, 9.0), Row(null, "d", null, null)], JoinRows(left, right, JoinType.LeftOuter, 2));
    }

    [Theory]
    [InlineData("Inner", true, 1)]
    [InlineData("Inner", false, 2)]
    [InlineData("LeftOuter", true, 2)]
    [InlineData("LeftOuter", false, 1)]
    [InlineData("RightOuter", true, 1)]
    [InlineData("RightOuter", false, 2)]
    [InlineData("FullOuter", true, 2)]
    [InlineData("FullOuter", false, 1)]
    [InlineData("LeftSemi", false, 2)]
    [InlineData("LeftAnti", true, 1)]
    [InlineData("Inner", true, 2, true)]
    [InlineData("FullOuter", false, 1, true)]
    [InlineData("RightOuter", true, 2, true)]
    [InlineData("LeftOuter", false, 2, true)]
    public void BuildKeysUniqueOrRepeatedWithMatchesSpanningOutputBatches(string joinType, bool uniqueBuildKeys, int dop, bool stringKeys = false)
    {
        // Unique build keys take the path where group g is build row g (one null key still keeps them unique);
        // repeated ones walk chains, which a batch size of 7 cuts in the middle. A string key's groups are its string ids.
        var type = Enum.Parse<JoinType>(joinType);
        var rng = new Random(uniqueBuildKeys ? 3 : 4);
        var schema = Schema(("k", stringKeys ? ColumnType.String : ColumnType.Int64), ("v", ColumnType.Int32));
        object? Key(long? k) => k is null ? null : stringKeys ? "k" + k : k;
        var right = Enumerable.Range(0, 60).Select(i => Row(Key(uniqueBuildKeys ? (i == 17 ? null : (long)i * 3) : rng.Next(25)), i)).ToList();
        var left = Enumerable.Range(0, 250).Select(i => Row(Key(rng.Next(15) == 0 ? null : rng.Next(90)), 1000 + i)).ToList();
        var op = new HashJoinOperator(Source(schema, left, 40, dictionaryStrings: dop == 2), Source(schema, right, 9), [0], [0], type);
        EqualUnordered(Reference(left, right, [0], [0], type, 2, 2), Collect(op, Context(dop, batchSize: 7)));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void BuildSidesLargerThanTheCacheFindEveryMatch(bool twoKeyColumns, int dop)
    {
        // 60,000 build keys outgrow the cache-resident table size, so lookups and gathers prefetch.
        const int buildRows = 60_000, probeRows = 150_000;
        var schema = twoKeyColumns
            ? Schema(("k", ColumnType.Int64), ("j", ColumnType.Int32), ("v", ColumnType.Int64))
            : Schema(("k", ColumnType.Int64), ("v", ColumnType.Int64));
        object?[] Make(long key, long value) => twoKeyColumns ? Row(key, (int)(key % 7), value) : Row(key, value);
        var rng = new Random(8);
        var right = Enumerable.Range(0, buildRows).Select(i => Make(i * 5L, 10_000_000L + i)).ToList();
        var left = Enumerable.Range(0, probeRows).Select(i => Make(rng.Next(2 * buildRows) * 5L, i)).ToList();
        var op = new HashJoinOperator(Source(schema, left, 4096), Source(schema, right, 4096),
            twoKeyColumns ? [0, 1] : [0], twoKeyColumns ? [0, 1] : [0], JoinType.Inner);
        int value = schema.Count - 1;
        var expected = left.Where(l => (long)l[0]! / 5 < buildRows)
            .Select(l => (object?[])[.. l, .. right[(int)((long)l[0]! / 5)]]).ToList();
        var actual = Collect(op, Context(dop));
        Assert.True(expected.Count > probeRows / 3, $"only {expected.Count} matches");
        EqualUnordered(expected, actual);
        Assert.Equal(expected.Sum(r => (long)r[value]!), actual.Sum(r => (long)r[value]!));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EveryProbeRowMatchingOnceKeepsTheProbeColumnsAsTheyAre(int dop)
    {
        var schema = Schema(("k", ColumnType.Int32), ("s", ColumnType.String));
        var right = Enumerable.Range(0, 50).Select(i => Row(i, "r" + i)).ToList();
        var left = Enumerable.Range(0, 500).Select(i => Row(i % 50, i % 11 == 0 ? null : "l" + i)).ToList();
        var op = new HashJoinOperator(Source(schema, left, 100), Source(schema, right, 50), [0], [0], JoinType.Inner);
        EqualUnordered(left.Select(l => (object?[])[.. l, .. right[(int)l[0]!]]), Collect(op, Context(dop, batchSize: 100)));
    }

    [Theory]
    [InlineData("Inner", false)]
    [InlineData("FullOuter", true)]
    [InlineData("LeftSemi", false)]
    public void A_large_build_side_is_hashed_on_all_threads(string joinType, bool twoKeyColumns)
    {
        // Build rows in several chunks that threads insert at once, keys repeated twice, a null key every 1000 rows.
        var type = Enum.Parse<JoinType>(joinType);
        const int buildRows = 150_000;
        var schema = twoKeyColumns
            ? Schema(("k", ColumnType.Int64), ("j", ColumnType.Int32), ("v", ColumnType.Int32))
            : Schema(("k", ColumnType.Int64), ("v", ColumnType.Int32));
        object?[] Make(long? key, int value) => twoKeyColumns ? Row(key, key is null ? null : (int)(key % 5), value) : Row(key, value);
        var right = Enumerable.Range(0, buildRows).Select(i => Make(i % 1000 == 0 ? null : i / 2, i)).ToList();
        var rng = new Random(12);
        var left = Enumerable.Range(0, 20_000).Select(i => Make(i % 97 == 0 ? null : rng.Next(buildRows), -i)).ToList();
        var rowsOfKey = right.Select((r, i) => (r, i)).Where(x => x.r[0] is not null).GroupBy(x => (long)x.r[0]!).ToDictionary(g => g.Key, g => g.Select(x => x.r).ToList());

        var expected = new List<object?[]>();
        var matched = new HashSet<int>();
        foreach (var l in left)
        {
            var hits = l[0] is long k && rowsOfKey.TryGetValue(k, out var list) ? list : [];
            if (type == JoinType.LeftSemi) { if (hits.Count > 0) expected.Add(l); continue; }
            foreach (var r in hits) { expected.Add([.. l, .. r]); matched.Add((int)r[^1]!); }
            if (hits.Count == 0 && type == JoinType.FullOuter) expected.Add([.. l, .. new object?[schema.Count]]);
        }
        if (type == JoinType.FullOuter)
            expected.AddRange(right.Where(r => !matched.Contains((int)r[^1]!)).Select(r => (object?[])[.. new object?[schema.Count], .. r]));

        int[] keys = twoKeyColumns ? [0, 1] : [0];
        var op = new HashJoinOperator(Source(schema, left, 4096), Source(schema, right, 8192), keys, keys, type);
        EqualUnordered(expected, Collect(op, Context(dop: 2)));
    }
}
