using Kindling.Vectors;

namespace Kindling.Kernels.Selection;

/// <summary>
/// Concatenates vectors of one type into one (for operators that materialize their input: sort, window,
/// join build side) and gathers rows from several vectors. Dictionary vectors are decoded.
/// </summary>
internal static class VectorConcat
{
    /// <summary>Decodes a dictionary vector into a plain vector of its dictionary's type; other vectors are returned as is.</summary>
    public static ColumnVector Decode(ColumnVector vector)
    {
        if (vector is not DictionaryVector d) return vector;
        var indices = new int[d.Length];
        ReadOnlySpan<int> codes = d.Indices;
        for (int i = 0; i < indices.Length; i++) indices[i] = d.IsNull(i) ? -1 : codes[i];
        return VectorTake.Take(d.Dictionary, indices);
    }

    public static ColumnVector Concat(ColumnType type, IReadOnlyList<ColumnVector> parts)
    {
        if (parts.Count == 1) return parts[0] is DictionaryVector ? parts[0] : Decode(parts[0]);
        if (parts.Count > 0 && parts[0] is DictionaryVector first && parts.All(p => p is DictionaryVector d && ReferenceEquals(d.Dictionary, first.Dictionary)))
            return ConcatCodes(first.Dictionary, parts);
        var sources = new ColumnVector[parts.Count];
        int total = 0;
        for (int p = 0; p < parts.Count; p++)
        {
            sources[p] = Decode(parts[p]);
            total += sources[p].Length;
        }
        switch (sources.Length > 0 ? sources[0] : null)
        {
            case PrimitiveVector<byte>: return ConcatPrimitive<byte>(type, sources, total);
            case PrimitiveVector<int>: return ConcatPrimitive<int>(type, sources, total);
            case PrimitiveVector<long>: return ConcatPrimitive<long>(type, sources, total);
            case PrimitiveVector<float>: return ConcatPrimitive<float>(type, sources, total);
            case PrimitiveVector<double>: return ConcatPrimitive<double>(type, sources, total);
            case PrimitiveVector<Int128>: return ConcatPrimitive<Int128>(type, sources, total);
            case ListVector: return ConcatLists(type, sources, total);
        }
        var sourceIndex = new int[total];
        var rows = new int[total];
        int k = 0;
        for (int p = 0; p < sources.Length; p++)
            for (int r = 0; r < sources[p].Length; r++) { sourceIndex[k] = p; rows[k] = r; k++; }
        return Gather(type, sources, sourceIndex, rows);
    }

    /// <summary>Block-copies the values of fixed-width parts; validity is copied bit by bit only for parts with nulls.</summary>
    private static PrimitiveVector<T> ConcatPrimitive<T>(ColumnType type, ColumnVector[] parts, int total) where T : unmanaged
    {
        var values = new T[total];
        byte[]? bits = null;
        int nulls = 0, offset = 0;
        foreach (var part in parts)
        {
            var p = (PrimitiveVector<T>)part;
            p.Values.CopyTo(values.AsSpan(offset));
            if (p.HasNulls)
            {
                bits ??= Validity.AllValid(total);
                for (int i = 0; i < p.Length; i++)
                    if (p.IsNull(i)) { Validity.SetNull(bits, offset + i); nulls++; }
            }
            offset += p.Length;
        }
        return new PrimitiveVector<T>(type, values, total, bits, nulls);
    }

    /// <summary>Arrays: offsets shifted by the elements before each part, and the parts' children concatenated.</summary>
    private static ListVector ConcatLists(ColumnType type, IReadOnlyList<ColumnVector> parts, int total)
    {
        var offsets = new int[total + 1];
        var children = new ColumnVector[parts.Count];
        byte[]? bits = null;
        int nulls = 0, row = 0, elementBase = 0;
        for (int p = 0; p < parts.Count; p++)
        {
            var list = (ListVector)parts[p];
            ReadOnlySpan<int> partOffsets = list.Offsets;
            for (int i = 0; i < list.Length; i++) offsets[row + i + 1] = elementBase + partOffsets[i + 1];
            if (list.HasNulls)
            {
                bits ??= Validity.AllValid(total);
                for (int i = 0; i < list.Length; i++)
                    if (list.IsNull(i)) { Validity.SetNull(bits, row + i); nulls++; }
            }
            children[p] = list.Elements;
            elementBase = checked(elementBase + list.Elements.Length);
            row += list.Length;
        }
        var elements = children.Length == 0 ? Empty(type.Element!) : Concat(type.Element!, children);
        return new ListVector(type, offsets, elements, total, bits, nulls);
    }

    /// <summary>Dictionary vectors sharing one dictionary stay encoded: their codes are concatenated.</summary>
    private static DictionaryVector ConcatCodes(ColumnVector dictionary, IReadOnlyList<ColumnVector> parts)
    {
        int total = 0;
        foreach (var p in parts) total += p.Length;
        var codes = new int[total];
        byte[]? bits = null;
        int nulls = 0, offset = 0;
        foreach (DictionaryVector d in parts)
        {
            d.Indices.CopyTo(codes.AsSpan(offset));
            if (d.HasNulls)
            {
                bits ??= Validity.AllValid(total);
                for (int i = 0; i < d.Length; i++)
                    if (d.IsNull(i)) { Validity.SetNull(bits, offset + i); nulls++; }
            }
            offset += d.Length;
        }
        return new DictionaryVector(dictionary, codes, total, bits, nulls);
    }

    /// <summary>Concatenates batches of one schema into one batch.</summary>
    public static ColumnBatch Concat(Schema schema, IReadOnlyList<ColumnBatch> batches)
    {
        int rows = 0;
        foreach (var b in batches) rows += b.RowCount;
        var columns = new ColumnVector[schema.Count];
        var parts = new ColumnVector[batches.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            for (int b = 0; b < parts.Length; b++) parts[b] = batches[b][c];
            columns[c] = parts.Length == 0 ? Empty(schema[c].Type) : Concat(schema[c].Type, parts);
        }
        return new ColumnBatch(schema, columns, rows);
    }

    public static ColumnVector Empty(ColumnType type) => Gather(type, [], [], []);

    /// <summary>Row i of the result is row <paramref name="rows"/>[i] of vector <paramref name="sources"/>[<paramref name="sourceIndex"/>[i]] (rows of -1 give null).</summary>
    public static ColumnVector Gather(ColumnType type, IReadOnlyList<ColumnVector> sources, ReadOnlySpan<int> sourceIndex, ReadOnlySpan<int> rows)
    {
        if (type.Kind == TypeKind.Array) return GatherLists(type, sources, sourceIndex, rows);
        int n = rows.Length;
        byte[]? bits = null;
        int nulls = 0;
        for (int i = 0; i < n; i++)
        {
            if (rows[i] >= 0 && !sources[sourceIndex[i]].IsNull(rows[i])) continue;
            bits ??= Validity.AllValid(n);
            Validity.SetNull(bits, i);
            nulls++;
        }
        if (type.IsVariableWidth)
        {
            // Each source resolved once: plain strings, or a dictionary's strings and its codes (never decoded per row).
            var strings = new StringVector[sources.Count];
            var codes = new int[]?[sources.Count];
            for (int s = 0; s < sources.Count; s++)
            {
                if (sources[s] is DictionaryVector d)
                {
                    strings[s] = (StringVector)Decode(d.Dictionary);
                    codes[s] = d.RawIndices;
                }
                else
                {
                    strings[s] = (StringVector)sources[s];
                }
            }
            var b = new StringVectorBuilder(type, n, n * 8);
            for (int i = 0; i < n; i++)
            {
                int row = rows[i], source = row < 0 ? 0 : sourceIndex[i];
                if (row < 0 || sources[source].IsNull(row)) { b.AppendNull(); continue; }
                b.Append(strings[source].GetBytes(codes[source] is int[] c ? c[row] : row));
            }
            return b.Build();
        }
        return type.Kind switch
        {
            TypeKind.Boolean or TypeKind.Null => GatherPrimitive<byte>(type, sources, sourceIndex, rows, bits, nulls),
            TypeKind.Int32 or TypeKind.Date => GatherPrimitive<int>(type, sources, sourceIndex, rows, bits, nulls),
            TypeKind.Float32 => GatherPrimitive<float>(type, sources, sourceIndex, rows, bits, nulls),
            TypeKind.Float64 => GatherPrimitive<double>(type, sources, sourceIndex, rows, bits, nulls),
            TypeKind.Decimal when type.IsWideDecimal => GatherPrimitive<Int128>(type, sources, sourceIndex, rows, bits, nulls),
            _ => GatherPrimitive<long>(type, sources, sourceIndex, rows, bits, nulls),
        };
    }

    /// <summary>Arrays are gathered as one take from the sources concatenated (each array's elements move once).</summary>
    private static ListVector GatherLists(ColumnType type, IReadOnlyList<ColumnVector> sources, ReadOnlySpan<int> sourceIndex, ReadOnlySpan<int> rows)
    {
        var bases = new int[sources.Count];
        var plain = new ColumnVector[sources.Count];
        int total = 0;
        for (int s = 0; s < sources.Count; s++)
        {
            plain[s] = Decode(sources[s]);
            bases[s] = total;
            total += plain[s].Length;
        }
        var all = ConcatLists(type, plain, total);
        var globalRows = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) globalRows[i] = rows[i] < 0 ? -1 : bases[sourceIndex[i]] + rows[i];
        return (ListVector)VectorTake.Take(all, globalRows);
    }

    private static PrimitiveVector<T> GatherPrimitive<T>(ColumnType type, IReadOnlyList<ColumnVector> sources, ReadOnlySpan<int> sourceIndex, ReadOnlySpan<int> rows, byte[]? bits, int nulls)
        where T : unmanaged
    {
        var values = new T[rows.Length];
        var raw = new T[sources.Count][];
        for (int s = 0; s < raw.Length; s++) raw[s] = ((PrimitiveVector<T>)sources[s]).RawValues;
        for (int i = 0; i < rows.Length; i++)
            if (rows[i] >= 0) values[i] = raw[sourceIndex[i]][rows[i]];
        if (type.Kind == TypeKind.Null) { bits = new byte[Validity.ByteLength(rows.Length)]; nulls = rows.Length; }
        return new PrimitiveVector<T>(type, values, rows.Length, bits, nulls);
    }

    /// <summary>Rows [start, start + count) of a batch.</summary>
    public static ColumnBatch Slice(ColumnBatch batch, int start, int count)
    {
        if (start == 0 && count == batch.RowCount) return batch;
        var indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = start + i;
        return Take(batch, indices);
    }

    /// <summary>Takes rows of every column of a batch.</summary>
    public static ColumnBatch Take(ColumnBatch batch, ReadOnlySpan<int> indices)
    {
        var columns = new ColumnVector[batch.ColumnCount];
        for (int c = 0; c < columns.Length; c++) columns[c] = VectorTake.Take(batch[c], indices);
        return new ColumnBatch(batch.Schema, columns, indices.Length);
    }
}
