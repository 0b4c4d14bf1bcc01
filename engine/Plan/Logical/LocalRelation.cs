using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Plan.Logical;

/// <summary>
/// Rows held in memory: given (CreateDataFrame), or persisted (Cache/Persist), in which case they are computed by
/// the first action that reads them, as Spark's cache is lazy, and kept for the later ones.
/// </summary>
internal sealed class LocalRelation : LeafPlan
{
    private readonly CachedRows _rows;

    public LocalRelation(IReadOnlyList<AttributeRef> output, IReadOnlyList<ColumnBatch> batches)
        : this(output, CachedRows.Given(batches))
    {
    }

    private LocalRelation(IReadOnlyList<AttributeRef> output, CachedRows rows)
    {
        Output = output;
        _rows = rows;
    }

    /// <summary>Rows that <paramref name="compute"/> produces when an action first needs them.</summary>
    public static LocalRelation Persisted(IReadOnlyList<AttributeRef> output, Func<IReadOnlyList<ColumnBatch>> compute) => new(output, new CachedRows(compute));

    public override IReadOnlyList<AttributeRef> Output { get; }

    /// <summary>The rows (computing them if this is the first read of persisted rows).</summary>
    public IReadOnlyList<ColumnBatch> Batches => _rows.Value;

    /// <summary>Whether the rows exist yet (persisted rows before their first action do not).</summary>
    public bool IsComputed => _rows.IsComputed;

    public override long? EstimatedRows => IsComputed ? Batches.Sum(b => (long)b.RowCount) : null;

    /// <summary>
    /// The schema with a nullable column marked not null when no batch holds a null in it. The rows are fixed, so
    /// operators may rely on it (group keys then pack tighter), while the attributes keep the nullability users see.
    /// Before persisted rows are computed, the schema as declared.
    /// </summary>
    public Schema PhysicalSchema()
    {
        var fields = OutputSchema.Fields.ToList();
        if (!IsComputed) return new Schema(fields);
        for (int c = 0; c < fields.Count; c++)
            if (fields[c].Nullable && Batches.All(b => !b[c].HasNulls)) fields[c] = fields[c] with { Nullable = false };
        return new Schema(fields);
    }

    /// <summary>The same rows with only the columns of <paramref name="kept"/> (a subset of the output, in output order); vectors are shared, not copied.</summary>
    public LocalRelation WithOutput(IReadOnlyList<AttributeRef> kept)
    {
        int[] columns = [.. kept.Select(a => Output.Select((o, i) => (o, i)).First(x => x.o.Id == a.Id).i)];
        var schema = new Schema([.. kept.Select(a => a.ToField())]);
        var whole = _rows;
        return new LocalRelation(kept, whole.Narrowed(batches => [.. batches.Select(b => new ColumnBatch(schema, [.. columns.Select(c => b[c])], b.RowCount))]));
    }

    public override string NodeString => IsComputed ? $"LocalRelation {List(Output)}, {EstimatedRows} rows" : $"LocalRelation {List(Output)}, not computed yet";

    /// <summary>
    /// Rows computed once, on first read, under a lock; a failed computation is not kept, so the next action tries
    /// again. A narrowed view computes its source first and counts as computed when its source is.
    /// </summary>
    private sealed class CachedRows(Func<IReadOnlyList<ColumnBatch>> compute, CachedRows? source = null)
    {
        private readonly object _gate = new();
        private IReadOnlyList<ColumnBatch>? _value;

        public bool IsComputed => _value is not null || (source?.IsComputed ?? false);

        public IReadOnlyList<ColumnBatch> Value
        {
            get
            {
                if (_value is { } ready) return ready;
                lock (_gate) return _value ??= compute();
            }
        }

        public static CachedRows Given(IReadOnlyList<ColumnBatch> batches) => new(() => batches) { _value = batches };

        public CachedRows Narrowed(Func<IReadOnlyList<ColumnBatch>, IReadOnlyList<ColumnBatch>> narrow) => new(() => narrow(Value), this);
    }
}
