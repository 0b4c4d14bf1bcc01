using System.Text;
using Kindling.Engine.Tests.TestSupport;
using Kindling.Execution;
using Kindling.Formats;
using Kindling.Formats.Text;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Text;

public sealed class TextFileFormatTest : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadsOneRowPerLine()
    {
        string file = _dir.File("a.log", "203.0.113.9 - jdoe42 [01/Mar/2024:13:05:22 +0100] \"GET / HTTP/1.1\" 200 5120\r\n\nlast, ünïcode");
        var format = FileFormats.Get("TEXT");
        Assert.Equal("[value: string]", format.InferSchema([file], FormatOptions.Default).ToString());
        var rows = Rows.Of(format.Read(file, TextFileFormat.ValueSchema, null, FormatOptions.Default, new QueryContext(2)));
        Assert.Equal([["203.0.113.9 - jdoe42 [01/Mar/2024:13:05:22 +0100] \"GET / HTTP/1.1\" 200 5120"], [""], ["last, ünïcode"]], rows);
    }

    [Fact]
    public void WholeTextAndWriter()
    {
        string file = _dir.File("b.txt", "a\nb\n");
        var rows = Rows.Of(new TextFileFormat().Read(file, TextFileFormat.ValueSchema, null, new FormatOptions(new Dictionary<string, string> { ["wholetext"] = "true" }), new QueryContext(1)));
        Assert.Equal([["a\nb\n"]], rows);

        var batch = Rows.Batch(TextFileFormat.ValueSchema, ["x"], [null], ["y z"]);
        using var stream = new MemoryStream();
        new TextFileFormat().Write(stream, TextFileFormat.ValueSchema, [batch], FormatOptions.Default);
        Assert.Equal("x\n\ny z\n", Encoding.UTF8.GetString(stream.ToArray()));
        var two = new Schema([new Field("a", ColumnType.String), new Field("b", ColumnType.String)]);
        Assert.Throws<ArgumentException>(() => new TextFileFormat().Write(Stream.Null, two, [], FormatOptions.Default));
    }
}
