using BenchmarkDotNet.Attributes;
using Kindling.Execution;
using Kindling.Execution.Operators.Aggregate;
using Kindling.Execution.Operators.Source;

namespace Kindling.Benchmarks.GroupBy;

/// <summary>
/// The hash aggregate kernel on 1M rows of the G1 data: sum(v1), avg(v3), count(*) grouped by a low- or
/// high-cardinality int key, a dictionary-encoded or plain string key, or two keys; 1 and 2 threads.
/// Run: <c>dotnet run -c Release --project benchmarks -- --filter *HashAggregate*</c>.
/// </summary>
[MemoryDiagnoser]
public class HashAggregateBenchmarks
{
    private InMemorySourceOperator _dictionary = null!;
    private InMemorySourceOperator _plain = null!;

    [Params("id4", "id6", "id1-dict", "id3-plain", "id1,id2-dict")]
    public string Keys { get; set; } = "id4";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = new GroupByData(1_000_000);
        _dictionary = data.ToSource(dictionary: true);
        _plain = data.ToSource(dictionary: false);
    }

    [Benchmark]
    public long SumAvgCount()
    {
        (InMemorySourceOperator source, int[] keys) = Keys switch
        {
            "id4" => (_dictionary, new[] { 3 }),
            "id6" => (_dictionary, new[] { 5 }),
            "id1-dict" => (_dictionary, new[] { 0 }),
            "id3-plain" => (_plain, new[] { 2 }),
            _ => (_dictionary, new[] { 0, 1 }),
        };
        var op = new HashAggregateOperator(source, keys,
        [
            new AggregateCall(AggregateFunction.Sum, 6, "v1"), new AggregateCall(AggregateFunction.Avg, 8, "v3"), new AggregateCall(AggregateFunction.CountAll, -1, "n"),
        ]);
        long groups = 0;
        foreach (var batch in op.Execute(new QueryContext(Threads))) groups += batch.RowCount;
        return groups;
    }
}
