using BenchmarkDotNet.Attributes;
using Kindling.Execution;
using Kindling.Formats;
using Kindling.Formats.Csv;
using Kindling.Vectors;

namespace Kindling.Benchmarks.Csv;

/// <summary>CSV write throughput: the groupby-shaped batches written to a null stream.</summary>
[MemoryDiagnoser]
public class CsvWriteBenchmark
{
    private List<ColumnBatch> _batches = [];

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(Path.GetTempPath(), "kindling-bench-groupby-1m.csv");
        if (!File.Exists(path)) GroupByCsvData.Write(path, 1_000_000);
        _batches = CsvFileFormat.Read(path, GroupByCsvData.Schema, null, new CsvReadOptions { Header = true }, new QueryContext(2)).ToList();
    }

    [Benchmark]
    public long Write()
    {
        var counting = new CountingStream();
        new CsvFileFormat().Write(counting, GroupByCsvData.Schema, _batches, new FormatOptions(new Dictionary<string, string> { ["header"] = "true" }));
        return counting.Length;
    }

    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }
}
