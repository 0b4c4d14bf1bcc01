using Kindling.Formats;

namespace Kindling.Engine.Tests.Formats;

public sealed class FormatOptionsTest
{
    [Fact]
    public void KeysAreCaseInsensitiveAndTyped()
    {
        var o = new FormatOptions(new Dictionary<string, string> { ["Header"] = "TRUE", ["maxRecordsPerFile"] = "10", ["sep"] = "\\t" });
        Assert.True(o.GetBool("header", false));
        Assert.Equal(10, o.GetInt("MAXRECORDSPERFILE", 0));
        Assert.Equal('\t', o.GetChar("SEP", ','));
        Assert.Equal("x", o.Get("missing", "x"));
        Assert.Null(o.Get("missing"));
        var ex = Assert.Throws<ArgumentException>(() => new FormatOptions(new Dictionary<string, string> { ["header"] = "yes" }).GetBool("header", false));
        Assert.Contains("header", ex.Message);
    }

    [Fact]
    public void WithKeepsTheSinkAndRegistryResolvesNames()
    {
        var errors = new List<RecordError>();
        var o = new FormatOptions { RecordErrorSink = errors.Add }.With("mode", "FAILFAST");
        Assert.NotNull(o.RecordErrorSink);
        Assert.Equal("FAILFAST", o.Get("MODE"));
        Assert.Equal("csv", FileFormats.Get("CSV").Name);
        Assert.Equal("json", FileFormats.Get("json").Name);
        Assert.Equal(".txt", FileFormats.Get("text").FileExtension(FormatOptions.Default));
        var ex = Assert.Throws<ArgumentException>(() => FileFormats.Get("avro"));
        Assert.Contains("csv, json, parquet, text", ex.Message);
    }
}
