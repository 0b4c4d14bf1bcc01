using BenchmarkDotNet.Attributes;
using Kindling.Execution;
using Kindling.Formats.Csv;

namespace Kindling.Benchmarks.Csv;

/// <summary>CSV parse throughput on a generated ~50 MB file of the groupby shape (served from the page cache).</summary>
[MemoryDiagnoser]
public class CsvReadBenchmark
{
    private string _path = "";
    private long _bytes;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "kindling-bench-groupby-1m.csv");
        if (!File.Exists(_path)) GroupByCsvData.Write(_path, 1_000_000);
        _bytes = new FileInfo(_path).Length;
        Console.WriteLine($"// CSV file: {_bytes / 1e6:F1} MB");
    }

    [Benchmark]
    public long Read()
    {
        long rows = 0;
        var context = new QueryContext(Threads);
        foreach (var batch in CsvFileFormat.Read(_path, GroupByCsvData.Schema, null, new CsvReadOptions { Header = true }, context))
            rows += batch.RowCount;
        return rows;
    }
}
