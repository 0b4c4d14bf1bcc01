namespace Kindling.Formats.Parquet.Encodings;

/// <summary>ULEB128 varints as the encodings use them, read from untrusted bytes.</summary>
internal static class Varint
{
    /// <summary>Reads a varint at <paramref name="pos"/>; <paramref name="what"/> names the encoding in errors.</summary>
    public static ulong Read(ReadOnlySpan<byte> src, ref int pos, string what)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= src.Length) ParquetThrow.Corrupt($"{what} varint past the end of the data");
            byte b = src[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        return ParquetThrow.Corrupt<ulong>($"{what} varint longer than 10 bytes");
    }
}
