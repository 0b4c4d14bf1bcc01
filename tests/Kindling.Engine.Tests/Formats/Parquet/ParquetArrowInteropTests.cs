using System.Globalization;
using System.Text.Json;
using Kindling.Engine.Tests.Interop;
using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Compression;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>Files Kindling writes are read exactly by a second, independent implementation: arrow-rs (parquet-wasm) into Apache Arrow JS.</summary>
public sealed class ParquetArrowInteropTests
{
    [Theory]
    [InlineData("snappy", true, false)]
    [InlineData("zstd", false, true)]
    [InlineData("gzip", true, true)]
    [InlineData("none", false, false)]
    public void Arrow_reads_every_value(string codec, bool dictionary, bool pageV2)
    {
        using var dir = new TempDirectory();
        string file = dir.File("t.parquet");
        const int rows = 7_000;
        using (var stream = File.Create(file))
        using (var writer = new ParquetWriter(stream, ContractTable.Schema, new ParquetWriteOptions
        {
            Codec = CompressionCodecs.Parse(codec), UseDictionary = dictionary, DataPageV2 = pageV2, RowGroupRows = 3_000, PageBytes = 4096,
        }))
        {
            writer.WriteBatch(ContractTable.Batch(0, 5_000));
            writer.WriteBatch(ContractTable.Batch(5_000, 2_000));
        }

        using var json = JsonDocument.Parse(NodeInterop.Script("arrow-read.mjs", file));
        Assert.Equal(rows, json.RootElement.GetProperty("rows").GetInt32());
        var columns = json.RootElement.GetProperty("columns");
        Assert.StartsWith("Timestamp<MICROSECOND", columns.GetProperty("ts").GetProperty("type").GetString());
        Assert.Matches(@"^Decimal\[15e[+-]4\]$", columns.GetProperty("dec").GetProperty("type").GetString()); // arrow-js prints decimal(15,4) so

        string?[] Values(string name) => [.. columns.GetProperty(name).GetProperty("values").EnumerateArray()
            .Select(v => v.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => v.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                _ => v.GetString(),
            })];

        var b = Values("b"); var i32 = Values("i32"); var i64 = Values("i64"); var f = Values("f"); var d = Values("d");
        var s = Values("s"); var dt = Values("dt"); var ts = Values("ts"); var dec = Values("dec"); var wide = Values("wide");
        for (int i = 0; i < rows; i++)
        {
            string? Expect(string column, Func<string> value) => ContractTable.IsNull(column, i) ? null : value();
            Assert.Equal(Expect("b", () => ContractTable.Bool(i) ? "true" : "false"), b[i]);
            Assert.Equal(ContractTable.Int32(i).ToString(CultureInfo.InvariantCulture), i32[i]);
            Assert.Equal(Expect("i64", () => ContractTable.Int64(i).ToString(CultureInfo.InvariantCulture)), i64[i]);
            Assert.Equal(((double)ContractTable.Float(i)).ToString("R", CultureInfo.InvariantCulture), f[i]);
            Assert.Equal(Expect("d", () => ContractTable.Double(i).ToString("R", CultureInfo.InvariantCulture)), d[i]);
            Assert.Equal(Expect("s", () => ContractTable.String(i)), s[i]);
            Assert.Equal(Expect("dt", () => ContractTable.DateDays(i).ToString(CultureInfo.InvariantCulture)), dt[i]);
            Assert.Equal(Expect("ts", () => ContractTable.TimestampMicros(i).ToString(CultureInfo.InvariantCulture)), ts[i]);
            Assert.Equal(Expect("dec", () => ContractTable.DecimalUnscaled(i).ToString(CultureInfo.InvariantCulture)), dec[i]);
            Assert.Equal(Expect("wide", () => ContractTable.WideUnscaled(i).ToString(CultureInfo.InvariantCulture)), wide[i]);
        }
    }
}
