using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Plan.Logical;

/// <summary>Rows held in memory (CreateDataFrame).</summary>
internal sealed class LocalRelation(IReadOnlyList<AttributeRef> output, IReadOnlyList<ColumnBatch> batches) : LeafPlan
{
    public override IReadOnlyList<AttributeRef> Output { get; } = output;

    public IReadOnlyList<ColumnBatch> Batches { get; } = batches;

    public override long? EstimatedRows => Batches.Sum(b => (long)b.RowCount);

    /// <summary>
    /// The schema with a nullable column marked not null when no batch holds a null in it. The rows are fixed, so
    /// operators may rely on it (group keys then pack tighter), while the attributes keep the nullability users see.
    /// </summary>
    public Schema PhysicalSchema()
    {
        var fields = OutputSchema.Fields.ToList();
        for (int c = 0; c < fields.Count; c++)
            if (fields[c].Nullable && Batches.All(b => !b[c].HasNulls)) fields[c] = fields[c] with { Nullable = false };
        return new Schema(fields);
    }

    /// <summary>The same rows with only the columns of <paramref name="kept"/> (a subset of the output, in output order); vectors are shared, not copied.</summary>
    public LocalRelation WithOutput(IReadOnlyList<AttributeRef> kept)
    {
        int[] columns = [.. kept.Select(a => Output.Select((o, i) => (o, i)).First(x => x.o.Id == a.Id).i)];
        var schema = new Schema([.. kept.Select(a => a.ToField())]);
        var batches = Batches.Select(b => new ColumnBatch(schema, [.. columns.Select(c => b[c])], b.RowCount)).ToList();
        return new LocalRelation(kept, batches);
    }

    public override string NodeString => $"LocalRelation {List(Output)}, {EstimatedRows} rows";
}
