using System.Text;

namespace Kindling.DataGen.Tests.Support;

/// <summary>
/// An independent RFC 4180 reader for the tests: splits a record into fields, honouring quotes and
/// doubled quotes. Returns null when the quotes are unbalanced.
/// </summary>
internal static class Rfc4180
{
    public static List<string?>? Split(string record)
    {
        var fields = new List<string?>();
        var field = new StringBuilder();
        bool quoted = false, wasQuoted = false;
        for (int i = 0; i < record.Length; i++)
        {
            char c = record[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < record.Length && record[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') { quoted = true; wasQuoted = true; }
            else if (c == ',')
            {
                fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
                field.Clear();
                wasQuoted = false;
            }
            else field.Append(c);
        }
        if (quoted) return null;
        fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
        return fields;
    }

    /// <summary>The data lines of a file (header skipped), split on LF: contract files never hold line breaks inside a record.</summary>
    public static string[] DataLines(string path, bool header = true)
    {
        string text = File.ReadAllText(path, new UTF8Encoding(false, true));
        Assert.False(text.StartsWith('\uFEFF'), $"{path} starts with a BOM");
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("\n", text);
        var lines = text[..^1].Split('\n');
        return header ? lines[1..] : lines;
    }
}
