using System.Globalization;
using System.Text;
using Kindling.Vectors;

namespace Kindling.Benchmarks.Csv;

/// <summary>Generates the db-benchmark groupby shape: id1..id3 strings, id4..id6 int, v1, v2 int, v3 double.</summary>
internal static class GroupByCsvData
{
    public static readonly Schema Schema = new([
        new Field("id1", ColumnType.String), new Field("id2", ColumnType.String), new Field("id3", ColumnType.String),
        new Field("id4", ColumnType.Int32), new Field("id5", ColumnType.Int32), new Field("id6", ColumnType.Int32),
        new Field("v1", ColumnType.Int32), new Field("v2", ColumnType.Int32), new Field("v3", ColumnType.Float64)]);

    public static void Write(string path, long rows, int k = 100, int seed = 42)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("id1,id2,id3,id4,id5,id6,v1,v2,v3\n");
        var sb = new StringBuilder(128);
        long nk = rows / k;
        for (long i = 0; i < rows; i++)
        {
            sb.Clear();
            sb.Append("id").Append((random.Next(k) + 1).ToString("D3", CultureInfo.InvariantCulture)).Append(',');
            sb.Append("id").Append((random.Next(k) + 1).ToString("D3", CultureInfo.InvariantCulture)).Append(',');
            sb.Append("id").Append((random.NextInt64(Math.Max(1, nk)) + 1).ToString("D10", CultureInfo.InvariantCulture)).Append(',');
            sb.Append(random.Next(k) + 1).Append(',').Append(random.Next(k) + 1).Append(',').Append(random.NextInt64(Math.Max(1, nk)) + 1).Append(',');
            sb.Append(random.Next(5) + 1).Append(',').Append(random.Next(15) + 1).Append(',');
            sb.Append((random.Next(10000000) / 100000.0).ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
            writer.Write(sb);
        }
    }
}
