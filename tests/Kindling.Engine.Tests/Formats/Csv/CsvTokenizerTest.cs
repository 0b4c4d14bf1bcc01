using System.Text;
using Kindling.Formats.Csv;

namespace Kindling.Engine.Tests.Formats.Csv;

/// <summary>The vectorized tokenizer against its scalar twin on random CSV-ish bytes, and both against hand-made cases.</summary>
public sealed class CsvTokenizerTest
{
    private static List<string> Tokenize(string text, bool vector, bool multiLine, int columns = 8)
    {
        byte[] data = Encoding.UTF8.GetBytes(text);
        var tokenizer = new CsvTokenizer(new CsvReadOptions { UseVectorTokenizer = vector, MultiLine = multiLine });
        using var rows = new CsvRowBuffer(7, columns);
        var result = new List<string>();
        long line = 0;
        int pos = 0;
        while (true)
        {
            pos = tokenizer.Tokenize(data, pos, isFinal: true, rows, ref line);
            if (rows.RowCount == 0) break;
            for (int r = 0; r < rows.RowCount; r++)
            {
                var sb = new StringBuilder($"L{rows.RowLines[r]} n{rows.RowFieldCounts[r]} u{(rows.RowUnterminatedQuote[r] ? 1 : 0)}:");
                for (int f = 0; f < Math.Min(columns, rows.RowFieldCounts[r]); f++)
                {
                    int cell = r * columns + f;
                    sb.Append('[').Append(Encoding.UTF8.GetString(data, rows.FieldStarts[cell], rows.FieldEnds[cell] - rows.FieldStarts[cell])).Append(']');
                }
                result.Add(sb.ToString());
            }
        }
        return result;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HandMadeCases(bool vector)
    {
        Assert.Equal(["L0 n3 u0:[a][\"b,c\"][]", "L1 n1 u0:[d]"], Tokenize("a,\"b,c\",\nd", vector, false));
        Assert.Equal(["L0 n2 u0:[x][\"y\"\"z\"]", "L2 n1 u0:[w]"], Tokenize("x,\"y\"\"z\"\r\n\r\nw\r\n", vector, false));
        Assert.Equal(["L0 n2 u0:[1][\"a\nb\"]", "L2 n1 u0:[2]"], Tokenize("1,\"a\nb\"\n2\n", vector, true));
        Assert.Equal(["L0 n2 u1:[1][\"a]", "L1 n1 u0:[b\"]"], Tokenize("1,\"a\nb\"\n", vector, false));
        Assert.Equal(["L0 n1 u0:[a]", "L1 n1 u0:[b]"], Tokenize("a\rb", vector, false));
        string longRow = string.Join(",", Enumerable.Range(0, 40).Select(i => "field" + i)) + "\n";
        Assert.Equal("L0 n40 u0:[field0][field1][field2][field3][field4][field5][field6][field7]", Assert.Single(Tokenize(longRow, vector, false)));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void VectorMatchesScalarOnRandomInput(int seed, bool multiLine)
    {
        var random = new Random(seed);
        const string alphabet = "ab,,\"\"\n\r\\ é";
        for (int round = 0; round < 200; round++)
        {
            var sb = new StringBuilder();
            int length = random.Next(0, 300);
            for (int i = 0; i < length; i++) sb.Append(alphabet[random.Next(alphabet.Length)]);
            string text = sb.ToString();
            Assert.Equal(Tokenize(text, vector: false, multiLine), Tokenize(text, vector: true, multiLine));
        }
    }
}
