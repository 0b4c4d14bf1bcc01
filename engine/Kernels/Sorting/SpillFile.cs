using System.Runtime.InteropServices;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Kernels.Sorting;

/// <summary>
/// A simple binary format for spilled batches: per batch the row count, then per column a validity flag
/// (+ bitmap) and the raw values (fixed width), offsets + bytes (strings) or offsets + the element count + the
/// elements as a nested column (arrays). Dictionaries are decoded.
/// A row count of -1 ends the file.
/// </summary>
internal static class SpillFile
{
    public static void Write(string path, IEnumerable<ColumnBatch> batches)
    {
        using var writer = new SpillWriter(path);
        foreach (var batch in batches) writer.Append(batch);
    }

    /// <summary>One batch: its row count, then its columns (dictionaries decoded).</summary>
    internal static void WriteBatch(BinaryWriter writer, ColumnBatch batch)
    {
        writer.Write(batch.RowCount);
        for (int c = 0; c < batch.ColumnCount; c++) WriteVector(writer, VectorConcat.Decode(batch[c]));
    }

    private static void WriteVector(BinaryWriter writer, ColumnVector v)
    {
        int n = v.Length;
        if (v.ValidityBits is { } bits)
        {
            writer.Write((byte)1);
            writer.Write(v.NullCount);
            writer.Write(bits.AsSpan(0, Validity.ByteLength(n)));
        }
        else writer.Write((byte)0);
        switch (v)
        {
            case StringVector s:
                writer.Write(MemoryMarshal.AsBytes(s.Offsets));
                writer.Write(s.Offsets[n] - s.Offsets[0]);
                writer.Write(s.RawBytes.AsSpan(0, s.Offsets[n]));
                break;
            case ListVector l:
                writer.Write(MemoryMarshal.AsBytes(l.Offsets));
                writer.Write(l.Elements.Length);
                WriteVector(writer, VectorConcat.Decode(l.Elements));
                break;
            case PrimitiveVector<byte> p: writer.Write(p.Values); break;
            case PrimitiveVector<int> p: writer.Write(MemoryMarshal.AsBytes(p.Values)); break;
            case PrimitiveVector<long> p: writer.Write(MemoryMarshal.AsBytes(p.Values)); break;
            case PrimitiveVector<float> p: writer.Write(MemoryMarshal.AsBytes(p.Values)); break;
            case PrimitiveVector<double> p: writer.Write(MemoryMarshal.AsBytes(p.Values)); break;
            case PrimitiveVector<Int128> p: writer.Write(MemoryMarshal.AsBytes(p.Values)); break;
            default: throw new NotSupportedException($"cannot spill {v.GetType().Name}");
        }
    }

    public static IEnumerable<ColumnBatch> Read(string path, Schema schema)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream);
        while (true)
        {
            int rows = reader.ReadInt32();
            if (rows < 0) yield break;
            var columns = new ColumnVector[schema.Count];
            for (int c = 0; c < columns.Length; c++) columns[c] = ReadVector(reader, schema[c].Type, rows);
            yield return new ColumnBatch(schema, columns, rows);
        }
    }

    private static ColumnVector ReadVector(BinaryReader reader, ColumnType type, int n)
    {
        byte[]? bits = null;
        int nulls = 0;
        if (reader.ReadByte() == 1)
        {
            nulls = reader.ReadInt32();
            bits = reader.ReadBytes(Validity.ByteLength(n));
        }
        if (type.IsVariableWidth)
        {
            var offsets = new int[n + 1];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(offsets.AsSpan()));
            int length = reader.ReadInt32();
            var bytes = reader.ReadBytes(offsets[n]);
            _ = length;
            return new StringVector(type, offsets, bytes, n, bits, nulls);
        }
        if (type.Kind == TypeKind.Array)
        {
            var offsets = new int[n + 1];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(offsets.AsSpan()));
            var elements = ReadVector(reader, type.Element!, reader.ReadInt32());
            return new ListVector(type, offsets, elements, n, bits, nulls);
        }
        return type.Kind switch
        {
            TypeKind.Boolean or TypeKind.Null => ReadPrimitive<byte>(reader, type, n, bits, nulls),
            TypeKind.Int32 or TypeKind.Date => ReadPrimitive<int>(reader, type, n, bits, nulls),
            TypeKind.Float32 => ReadPrimitive<float>(reader, type, n, bits, nulls),
            TypeKind.Float64 => ReadPrimitive<double>(reader, type, n, bits, nulls),
            TypeKind.Decimal when type.IsWideDecimal => ReadPrimitive<Int128>(reader, type, n, bits, nulls),
            _ => ReadPrimitive<long>(reader, type, n, bits, nulls),
        };
    }

    private static PrimitiveVector<T> ReadPrimitive<T>(BinaryReader reader, ColumnType type, int n, byte[]? bits, int nulls) where T : unmanaged
    {
        var values = new T[n];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return new PrimitiveVector<T>(type, values, n, bits, nulls);
    }
}
