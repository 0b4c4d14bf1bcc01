using System.Collections.Concurrent;
using Kindling.Formats.Csv;
using Kindling.Formats.Json;
using Kindling.Formats.Parquet;
using Kindling.Formats.Text;

namespace Kindling.Formats;

/// <summary>The registry of file formats by name (case-insensitive). parquet, csv, json and text are built in.</summary>
internal static class FileFormats
{
    private static readonly ConcurrentDictionary<string, IFileFormat> Formats = CreateBuiltIns();

    private static ConcurrentDictionary<string, IFileFormat> CreateBuiltIns()
    {
        var formats = new ConcurrentDictionary<string, IFileFormat>(StringComparer.OrdinalIgnoreCase);
        foreach (IFileFormat f in new IFileFormat[] { new ParquetFileFormat(), new CsvFileFormat(), new JsonFileFormat(), new TextFileFormat() })
            formats[f.Name] = f;
        return formats;
    }

    public static IFileFormat Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Formats.TryGetValue(name, out var format)) return format;
        throw new ArgumentException($"Unknown data source format '{name}'. Known formats: {string.Join(", ", Formats.Keys.Order(StringComparer.Ordinal))}");
    }

    /// <summary>Adds or replaces a format under its <see cref="IFileFormat.Name"/>.</summary>
    public static void Register(IFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        Formats[format.Name] = format;
    }
}
