using Kindling.Formats.Parquet.Metadata;
using Kindling.Formats.Parquet.Thrift;

namespace Kindling.Engine.Tests.Formats.Parquet.Thrift;

/// <summary>Metadata round-trips through the compact protocol, unknown fields are skipped, and hostile lengths are refused.</summary>
public sealed class ThriftCompactProtocolTests
{
    [Fact]
    public void Page_headers_round_trip()
    {
        var w = new ThriftCompactWriter();
        new PageHeader { Type = PageType.DataPageV2, NumValues = 1000, NumNulls = 3, NumRows = 1000, Encoding = ParquetEncoding.RleDictionary, DefinitionLevelsByteLength = 17, UncompressedSize = 12_345, CompressedSize = 678, IsCompressed = false }.Write(w);
        var h = PageHeader.Read(w.Written, out int length);
        Assert.Equal(w.Written.Length, length);
        Assert.Equal((PageType.DataPageV2, 1000, 3, 1000, ParquetEncoding.RleDictionary, 17, 12_345, 678, false),
            (h.Type, h.NumValues, h.NumNulls, h.NumRows, h.Encoding, h.DefinitionLevelsByteLength, h.UncompressedSize, h.CompressedSize, h.IsCompressed));
    }

    [Fact]
    public void Unknown_fields_of_every_type_are_skipped()
    {
        var w = new ThriftCompactWriter();
        w.BeginStruct();
        w.I32(1, (int)PageType.DictionaryPage);
        w.I32(2, 10);
        w.I32(3, 10);
        // Fields a future format version might add: a double, a list, a nested struct, a bool, a far field id.
        w.Double(4, 3.5);
        w.ListHeader(6, ThriftType.I32, 20);
        for (int i = 0; i < 20; i++) w.I32Element(i);
        w.StructField(7);
        w.I32(1, 2);
        w.String(9, "future");
        w.EndStruct();
        w.Bool(300, true);
        w.I64(301, long.MinValue);
        w.EndStruct();
        var h = PageHeader.Read(w.Written, out _);
        Assert.Equal((PageType.DictionaryPage, 2, 10), (h.Type, h.NumValues, h.CompressedSize));
    }

    [Fact]
    public void A_string_longer_than_the_data_is_refused()
    {
        // Field 4 (schema element name) claims 1,000,000 bytes.
        byte[] hostile = [0x48, 0xC0, 0x84, 0x3D, 0x41];
        Assert.Throws<InvalidDataException>(() =>
        {
            var r = new ThriftCompactReader(hostile);
            SchemaElement.Read(ref r);
        });
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var bytes = new List<byte>();
        for (int i = 0; i < 200; i++) bytes.Add(0x1C); // field 1, struct, again and again
        Assert.Throws<InvalidDataException>(() => PageHeader.Read(bytes.ToArray(), out _));
    }
}
