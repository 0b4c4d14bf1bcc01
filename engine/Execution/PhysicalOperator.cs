using Kindling.Vectors;

namespace Kindling.Execution;

/// <summary>
/// A node of a physical plan. Operators are immutable descriptions: all run state lives in the
/// enumerator that <see cref="Execute"/> returns, so one plan can run several times.
/// <see cref="object.ToString"/> is the operator's one EXPLAIN line.
/// </summary>
internal abstract class PhysicalOperator
{
    protected PhysicalOperator(Schema outputSchema, params PhysicalOperator[] children)
    {
        OutputSchema = outputSchema;
        Children = children;
    }

    /// <summary>The schema of every batch this operator produces.</summary>
    public Schema OutputSchema { get; }

    public IReadOnlyList<PhysicalOperator> Children { get; }

    /// <summary>A short name for EXPLAIN, for example <c>HashAggregate</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Streams the operator's output. Batches may be empty; consumers must not keep them past the next MoveNext unless documented.</summary>
    public abstract IEnumerable<ColumnBatch> Execute(QueryContext context);

    /// <summary>The whole plan, one operator a line, children indented (EXPLAIN's physical section).</summary>
    public string Explain()
    {
        var sb = new System.Text.StringBuilder();
        Append(this, 0);
        return sb.ToString();

        void Append(PhysicalOperator op, int depth)
        {
            sb.Append(' ', depth * 2).Append(op.ToString()).Append('\n');
            foreach (var child in op.Children) Append(child, depth + 1);
        }
    }

    public override string ToString() => Name;
}
