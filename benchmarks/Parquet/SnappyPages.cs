using System.Diagnostics;
using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Compression;
using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Benchmarks.Parquet;

/// <summary>
/// Snappy decompression alone over every page of a real file, one thread: the decoder's throughput on the
/// data a scan meets (numeric PLAIN pages, dictionary indices, levels), then the compressor over the same pages
/// decompressed (what a write meets). usage: snappy-pages FILE
/// </summary>
internal static class SnappyPages
{
    public static int Run(string[] args)
    {
        var pages = new List<(byte[] Compressed, int Length)>();
        using (var reader = ParquetFileReader.Open(args[1]))
        using (var file = File.OpenRead(args[1]))
        {
            foreach (var group in reader.Metadata.RowGroups)
                foreach (var chunk in group.Columns)
                {
                    if (chunk.Codec != CompressionCodec.Snappy) continue;
                    long start = chunk.DictionaryPageOffset is > 0 and var d && d < chunk.DataPageOffset ? d : chunk.DataPageOffset;
                    var bytes = new byte[chunk.TotalCompressedSize];
                    file.Position = start;
                    file.ReadExactly(bytes);
                    for (int pos = 0; pos < bytes.Length;)
                    {
                        var header = PageHeader.Read(bytes.AsSpan(pos), out int headerLength);
                        pos += headerLength;
                        // v2 pages keep their levels uncompressed in front of the values.
                        int levels = header.Type == PageType.DataPageV2 ? header.DefinitionLevelsByteLength + header.RepetitionLevelsByteLength : 0;
                        if (header.Type != PageType.DataPageV2 || header.IsCompressed)
                            pages.Add((bytes[(pos + levels)..(pos + header.CompressedSize)], header.UncompressedSize - levels));
                        pos += header.CompressedSize;
                    }
                }
        }
        long total = pages.Sum(p => (long)p.Length);
        var output = new byte[pages.Max(p => p.Length)];
        for (int round = 0; round < 7; round++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var (compressed, length) in pages) SnappyCodec.Instance.Decompress(compressed, output.AsSpan(0, length));
            Console.WriteLine($"round {round}: {pages.Count} pages, {total >> 20} MiB in {sw.Elapsed.TotalMilliseconds:F0} ms = {total / sw.Elapsed.TotalSeconds / (1 << 30):F2} GiB/s");
        }
        var plain = pages.Select(p => { var b = new byte[p.Length]; SnappyCodec.Instance.Decompress(p.Compressed, b); return b; }).ToList();
        var packed = new byte[SnappyCodec.Instance.MaxCompressedLength(plain.Max(p => p.Length))];
        for (int round = 0; round < 5; round++)
        {
            var sw = Stopwatch.StartNew();
            long written = 0;
            foreach (var page in plain) written += SnappyCodec.Instance.Compress(page, packed);
            Console.WriteLine($"compress round {round}: {total >> 20} MiB to {written >> 20} MiB in {sw.Elapsed.TotalMilliseconds:F0} ms = {total / sw.Elapsed.TotalSeconds / (1 << 30):F2} GiB/s");
        }
        return 0;
    }
}
