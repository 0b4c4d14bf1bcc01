using BenchmarkDotNet.Attributes;
using Kindling.Formats.Parquet.Compression;

namespace Kindling.Benchmarks.Parquet;

/// <summary>Snappy throughput on page-like data (PLAIN int64 ids and CSV-like text), ours against IronSnappy.</summary>
[MemoryDiagnoser]
public class SnappyBenchmarks
{
    private byte[] _input = [];
    private byte[] _compressed = [];
    private byte[] _output = [];

    [Params("int64-ids", "text")]
    public string Data { get; set; } = "int64-ids";

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        if (Data == "int64-ids")
        {
            _input = new byte[4 << 20];
            for (int i = 0; i < _input.Length / 8; i++) BitConverter.TryWriteBytes(_input.AsSpan(i * 8), 1_000_000L + i * 3 + rng.Next(3));
        }
        else
        {
            _input = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 80_000).Select(i => $"{i},cust-{rng.Next(5000)},Zoë Müller,{rng.Next(100000) / 100.0}\n")));
        }
        _compressed = new byte[SnappyCodec.Instance.MaxCompressedLength(_input.Length)];
        _compressed = _compressed[..SnappyCodec.Instance.Compress(_input, _compressed)];
        _output = new byte[_input.Length];
    }

    [Benchmark]
    public void DecompressKindling() => SnappyCodec.Instance.Decompress(_compressed, _output);

    [Benchmark]
    public byte[] DecompressIronSnappy() => IronSnappy.Snappy.Decode(_compressed);

    [Benchmark]
    public int CompressKindling() => SnappyCodec.Instance.Compress(_input, _output.Length >= _compressed.Length ? new byte[SnappyCodec.Instance.MaxCompressedLength(_input.Length)] : _output);

    [Benchmark]
    public byte[] CompressIronSnappy() => IronSnappy.Snappy.Encode(_input);
}
