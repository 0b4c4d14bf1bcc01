using Kindling.Formats;
using Kindling.Plan.Expressions;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Plan.Logical;

/// <summary>
/// Files read through a format (DataFrameReader.Load). <see cref="Output"/> is the data columns then the
/// partition columns; the optimizer narrows it (projection pushdown) and sets <see cref="PartitionFilter"/>.
/// </summary>
internal sealed class FileRelation(IFileFormat format, FileSet files, Schema dataSchema, FormatOptions options,
    IReadOnlyList<AttributeRef> output, Expr? partitionFilter = null) : LeafPlan
{
    public IFileFormat Format { get; } = format;

    public FileSet Files { get; } = files;

    public Schema DataSchema { get; } = dataSchema;

    public FormatOptions Options { get; } = options;

    public override IReadOnlyList<AttributeRef> Output { get; } = output;

    /// <summary>A predicate over partition columns only, used to prune files.</summary>
    public Expr? PartitionFilter { get; } = partitionFilter;

    public override IReadOnlyList<Expr> Expressions => PartitionFilter is null ? [] : [PartitionFilter];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) =>
        expressions.Count == 0 ? this : new FileRelation(Format, Files, DataSchema, Options, Output, expressions[0]);

    public FileRelation WithOutput(IReadOnlyList<AttributeRef> output) => new(Format, Files, DataSchema, Options, output, PartitionFilter);

    public FileRelation WithPartitionFilter(Expr? filter) => new(Format, Files, DataSchema, Options, Output, filter);

    public bool IsPartitionColumn(string name) => Files.PartitionSchema.IndexOf(name) >= 0;

    public override long? EstimatedRows => null;

    public long EstimatedBytes => Files.Files.Sum(f => f.Length);

    public override string NodeString =>
        $"Relation {Format.Name} {List(Output)}, {Files.Files.Count} files" + (PartitionFilter is null ? "" : $", PartitionFilters: [{PartitionFilter}]");
}
