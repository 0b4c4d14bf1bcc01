using System.Diagnostics.CodeAnalysis;

namespace Kindling.Formats.Parquet;

/// <summary>Throw helpers for corrupt Parquet data; the reader prefixes the file name at its boundary.</summary>
internal static class ParquetThrow
{
    [DoesNotReturn]
    public static void Corrupt(string message) => throw new InvalidDataException(message);

    [DoesNotReturn]
    public static T Corrupt<T>(string message) => throw new InvalidDataException(message);

    [DoesNotReturn]
    public static void NotSupported(string message) => throw new NotSupportedException(message);
}
