using System.Text.Json;

namespace Kindling.DataGen.Writers;

/// <summary>Writes <c>_manifest.json</c> (DATA-CONTRACT section 3), the last file of a day.</summary>
internal static class ManifestWriter
{
    public static void Write(string path, DateOnly date, long seed, int scale, IReadOnlyList<(string File, FileCounts Counts)> files)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("date", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("seed", seed);
        json.WriteNumber("scale", scale);
        json.WriteStartObject("files");
        foreach (var (file, counts) in files)
        {
            json.WriteStartObject(file);
            json.WriteNumber("rows", counts.Rows);
            json.WriteNumber("duplicate", counts.Duplicate);
            json.WriteNumber("stale", counts.Stale);
            json.WriteNumber("late", counts.Late);
            json.WriteNumber("malformed", counts.Malformed);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
