using Kindling.Execution;
using Kindling.Execution.Operators.Aggregate;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Execution.Operators.OperatorTestData;

namespace Kindling.Engine.Tests.Execution.Operators.Aggregate;

/// <summary>
/// Under a memory limit far below what its groups take, the hash aggregate spills rows of new groups to
/// partition files and still emits every group once with the right aggregates: checked against a
/// dictionary-based computation over the same rows, with one and two workers, for several key types.
/// </summary>
public sealed class HashAggregateOperatorSpillTests : IDisposable
{
    private const long TinyLimit = 64 * 1024;

    /// <summary>Columns: int, long and string keys (the int and string ones with nulls), an int value with nulls, a small int for count distinct, and a per-key string.</summary>
    private static readonly Schema Input = Schema(("i", ColumnType.Int32), ("l", ColumnType.Int64), ("s", ColumnType.String), ("v", ColumnType.Int32), ("w", ColumnType.Int32), ("c", ColumnType.String));

    private readonly string _spillDirectory = Path.Combine(Path.GetTempPath(), "kindling-aggspill-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_spillDirectory)) Directory.Delete(_spillDirectory, recursive: true);
    }

    /// <summary>Row r has key k = r * 7919 mod <paramref name="keys"/>: each key comes back every <paramref name="keys"/> rows, so some of its rows precede the spill and some follow.</summary>
    private static List<object?[]> Rows(int rows, int keys)
    {
        var list = new List<object?[]>(rows);
        for (int r = 0; r < rows; r++)
        {
            int k = (int)(r * 7919L % keys);
            list.Add(Row(
                k % 50 == 0 ? null : k,
                k * 1_000_003L,
                k % 61 == 0 ? null : "key-" + k,
                r % 13 == 0 ? null : r % 1000 - 500,
                r % 37,
                "c" + k));
        }
        return list;
    }

    private static int[] GroupColumns(string keys) => keys switch
    {
        "int" => [0],
        "long" => [1],
        "string" => [2],
        "multi" => [2, 0],
        _ => throw new ArgumentOutOfRangeException(nameof(keys), keys, null),
    };

    private static AggregateCall[] Calls(bool firstOfValue)
    {
        var calls = new List<AggregateCall>
        {
            new(AggregateFunction.Sum, 3, "sum"), new(AggregateFunction.Count, 3, "count"), new(AggregateFunction.CountAll, -1, "n"),
            new(AggregateFunction.Avg, 3, "avg"), new(AggregateFunction.Min, 3, "min"), new(AggregateFunction.Max, 3, "max"),
            new(AggregateFunction.CountDistinct, 4, "distinct"), new(AggregateFunction.First, 5, "firstC"),
        };
        if (firstOfValue) calls.Add(new(AggregateFunction.First, 3, "firstV"));
        return [.. calls];
    }

    /// <summary>The expected output, computed row by row with a dictionary (first = the first non-null value in input order).</summary>
    private static List<object?[]> Expected(List<object?[]> rows, int[] groupColumns, bool firstOfValue)
    {
        var groups = new Dictionary<string, (object?[] Key, long Sum, long Count, long All, int Min, int Max, HashSet<int> Distinct, object? FirstC, object? FirstV)>();
        foreach (var row in rows)
        {
            object?[] key = [.. groupColumns.Select(c => row[c])];
            string id = FormatRow(key);
            if (!groups.TryGetValue(id, out var g)) g = (key, 0, 0, 0, int.MaxValue, int.MinValue, [], row[5], null);
            g.All++;
            g.Distinct.Add((int)row[4]!);
            if (row[3] is int v)
            {
                g.FirstV ??= v;
                g.Sum += v;
                g.Count++;
                g.Min = Math.Min(g.Min, v);
                g.Max = Math.Max(g.Max, v);
            }
            groups[id] = g;
        }
        return groups.Values.Select(g =>
        {
            var values = new List<object?>(g.Key)
            {
                g.Count == 0 ? null : g.Sum, g.Count, g.All, g.Count == 0 ? null : (double)g.Sum / g.Count,
                g.Count == 0 ? null : g.Min, g.Count == 0 ? null : g.Max, (long)g.Distinct.Count, g.FirstC,
            };
            if (firstOfValue) values.Add(g.FirstV);
            return values.ToArray();
        }).ToList();
    }

    private QueryContext SpillingContext(int dop, int batchSize = 500) => Context(dop, TinyLimit, batchSize, _spillDirectory);

    private void AssertNoSpillFilesLeft() =>
        Assert.True(!Directory.Exists(_spillDirectory) || Directory.GetFiles(_spillDirectory).Length == 0,
            $"spill files left behind: {string.Join(", ", Directory.Exists(_spillDirectory) ? Directory.GetFiles(_spillDirectory) : [])}");

    [Theory]
    [InlineData("int", 1)]
    [InlineData("int", 2)]
    [InlineData("long", 1)]
    [InlineData("long", 2)]
    [InlineData("string", 1)]
    [InlineData("string", 2)]
    [InlineData("multi", 1)]
    [InlineData("multi", 2)]
    public void Spills_And_Emits_Every_Group_Once_With_Its_Aggregates(string keys, int dop)
    {
        var rows = Rows(24_000, 6_000);
        int[] groupColumns = GroupColumns(keys);
        bool firstOfValue = dop == 1; // with two workers "first" depends on which worker took which batch
        var op = new HashAggregateOperator(Source(Input, rows, batchSize: 500), groupColumns, Calls(firstOfValue));
        var context = SpillingContext(dop);

        var actual = Collect(op, context);

        EqualUnordered(Expected(rows, groupColumns, firstOfValue), actual);
        Assert.True(context.Spills.Files > 0, "expected the aggregate to spill");
        Assert.True(context.Spills.Rows > 0 && context.Spills.Rows < rows.Count, $"spilled {context.Spills.Rows} of {rows.Count} rows");
        AssertNoSpillFilesLeft();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Dictionary_Encoded_String_Keys_Spill_Too(int dop)
    {
        var rows = Rows(24_000, 6_000);
        // Batches of 700 rows (the keys repeat every 6,000): each batch has its own dictionary, in its own order.
        var op = new HashAggregateOperator(Source(Input, rows, batchSize: 700, dictionaryStrings: true), [2], Calls(firstOfValue: false));
        var context = SpillingContext(dop);

        EqualUnordered(Expected(rows, [2], firstOfValue: false), Collect(op, context));
        Assert.True(context.Spills.Files > 0, "expected the aggregate to spill");
        AssertNoSpillFilesLeft();
    }

    [Fact]
    public void The_Same_Query_Without_A_Limit_Does_Not_Spill()
    {
        var rows = Rows(24_000, 6_000);
        var op = new HashAggregateOperator(Source(Input, rows, batchSize: 500), [2, 0], Calls(firstOfValue: true));
        var context = Context(1, 256L << 20, 500, _spillDirectory);

        EqualUnordered(Expected(rows, [2, 0], firstOfValue: true), Collect(op, context));
        Assert.Equal(0, context.Spills.Files);
        Assert.Equal(0, context.Spills.Rows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Memory_Other_Operators_Of_The_Query_Hold_Makes_It_Spill(int dop)
    {
        // The limit is generous, but another operator of the same query holds all of it except 64 KiB.
        var rows = Rows(24_000, 6_000);
        var op = new HashAggregateOperator(Source(Input, rows, batchSize: 500), [2, 0], Calls(firstOfValue: dop == 1));
        var context = Context(dop, 256L << 20, 500, _spillDirectory);
        using var other = context.Memory.Reserve("Sort");
        other.Resize(context.MemoryLimitBytes - TinyLimit, "unused");

        EqualUnordered(Expected(rows, [2, 0], firstOfValue: dop == 1), Collect(op, context));
        Assert.True(context.Spills.Files > 0, "expected the aggregate to spill");
        Assert.Equal(context.MemoryLimitBytes - TinyLimit, context.Memory.ReservedBytes); // the aggregate gave its share back
        AssertNoSpillFilesLeft();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_Partition_That_Overflows_Again_Is_Split_By_The_Next_Hash_Bits(int dop)
    {
        // 40,000 keys: each first-level partition holds about 2,500, more than fit beside the merged table.
        var rows = Rows(80_000, 40_000);
        var op = new HashAggregateOperator(Source(Input, rows, batchSize: 1000), [2],
            [new(AggregateFunction.CountAll, -1, "n"), new(AggregateFunction.Sum, 3, "sum"), new(AggregateFunction.Count, 3, "count")]);
        var context = SpillingContext(dop, batchSize: 1000);

        var actual = Collect(op, context);

        var expected = Expected(rows, [2], firstOfValue: false).Select(r => new[] { r[0], r[3], r[1], r[2] });
        EqualUnordered(expected, actual);
        Assert.True(context.Spills.MaxLevel >= 1, $"expected a second spill level, deepest was {context.Spills.MaxLevel} ({context.Spills.Files} files)");
        AssertNoSpillFilesLeft();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_Global_Aggregate_Is_Unaffected_By_The_Limit(int dop)
    {
        var rows = Rows(24_000, 6_000);
        var op = new HashAggregateOperator(Source(Input, rows, batchSize: 500), [],
            [new(AggregateFunction.Sum, 3, "sum"), new(AggregateFunction.CountAll, -1, "n"), new(AggregateFunction.Min, 3, "min"), new(AggregateFunction.Max, 1, "max")]);
        var context = SpillingContext(dop);

        var values = rows.Where(r => r[3] is not null).Select(r => (int)r[3]!).ToList();
        Equal([Row((long)values.Sum(), (long)rows.Count, values.Min(), rows.Max(r => (long)r[1]!))], Collect(op, context));
        Assert.Equal(0, context.Spills.Files);
    }

    [Fact]
    public void Spill_Files_Are_Deleted_When_The_Output_Is_Abandoned()
    {
        var op = new HashAggregateOperator(Source(Input, Rows(24_000, 6_000), batchSize: 500), [1], [new(AggregateFunction.CountAll, -1, "n")]);
        var context = SpillingContext(1, batchSize: 100);
        using (var output = op.Execute(context).GetEnumerator())
        {
            Assert.True(output.MoveNext());
            Assert.NotEmpty(Directory.GetFiles(_spillDirectory)); // partitions not yet read are still on disk
        }
        AssertNoSpillFilesLeft();
    }

    [Fact]
    public void A_Group_Whose_State_Outgrows_The_Limit_Fails_Clearly_And_Leaves_No_Files()
    {
        // A few hundred keys spill; then key 0 collects 100,000 distinct values.
        var rows = Enumerable.Range(0, 1000).Select(k => Row(k, (long)k, "x", 0, 0, "c"))
            .Concat(Enumerable.Range(0, 100_000).Select(v => Row(0, 0L, "x", 0, v, "c"))).ToList();
        var op = new HashAggregateOperator(Source(Input, rows, batchSize: 500), [0], [new(AggregateFunction.CountDistinct, 4, "d")]);

        var e = Assert.Throws<InsufficientMemoryException>(() => Collect(op, SpillingContext(1)));

        Assert.StartsWith("HashAggregate ran out of memory", e.Message, StringComparison.Ordinal);
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
        Assert.Contains("spark.kindling.memoryLimit", e.Message, StringComparison.Ordinal);
        AssertNoSpillFilesLeft();
    }
}
