using Kindling.Formats;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Scan;

/// <summary>Reads a file set's requested data and partition columns, pruning files by partition values.</summary>
internal sealed class FileScanOperator : PhysicalOperator
{
    public FileScanOperator(IFileFormat format, FileSet fileSet, Schema dataSchema, IReadOnlyList<string> outputColumns, FormatOptions options, Func<object?[], bool>? partitionFilter = null)
        : base(Schema.Empty) => throw new NotImplementedException("pending: implemented by the engine-io branch");

    public override string Name => "FileScan";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context) => throw new NotImplementedException("pending: implemented by the engine-io branch");
}
