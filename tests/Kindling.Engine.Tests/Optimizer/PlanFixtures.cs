using System.Text.RegularExpressions;
using Kindling.Execution;
using Kindling.Formats;
using Kindling.Plan.Analysis;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Optimizer;

/// <summary>Small logical plans for rule tests; printed plans drop attribute ids (#n) so they compare stably.</summary>
internal static partial class PlanFixtures
{
    public static string Print(LogicalPlan p) => Ids().Replace(p.TreeString(), "");

    [GeneratedRegex(@"#\d+")]
    private static partial Regex Ids();

    public static LocalRelation Table(long rows, params (string Name, ColumnType Type)[] columns)
    {
        var output = columns.Select(c => AttributeRef.Create(c.Name, c.Type, true)).ToList();
        var schema = new Schema(output.Select(a => a.ToField()).ToList());
        var vectors = columns.Select(c => Kindling.Kernels.Common.VectorKernels.Nulls(c.Type, (int)rows)).ToList();
        return new LocalRelation(output, [new ColumnBatch(schema, vectors, (int)rows)]);
    }

    public static Expr Col(LogicalPlan p, string name) => Analyzer.ResolveName(name, p.Output);

    public static Expr Resolve(LogicalPlan p, Expr e) => Analyzer.Resolve(e, p.Output);

    public static Literal Lit(object v) => Literal.FromObject(v);

    public static FileRelation Files(params string[] partitionValues)
    {
        var partSchema = new Schema([new Field("dt", ColumnType.String)]);
        var files = partitionValues.Select(v => new DataFile($"/data/dt={v}/part-0.csv", 100, [v])).ToList();
        var dataSchema = new Schema([new Field("a", ColumnType.Int64), new Field("b", ColumnType.String), new Field("c", ColumnType.Float64)]);
        var output = dataSchema.Fields.Concat(partSchema.Fields).Select(f => AttributeRef.Create(f.Name, f.Type, true)).ToList();
        return new FileRelation(new FakeFormat(), new FileSet(files, partSchema), dataSchema, null! /* FormatOptions belongs to engine-io; the rules never read it */, output);
    }

    private sealed class FakeFormat : IFileFormat
    {
        public string Name => "fake";

        public Schema InferSchema(IReadOnlyList<string> files, FormatOptions options) => throw new NotSupportedException();

        public IEnumerable<ColumnBatch> Read(string file, Schema dataSchema, IReadOnlyList<int>? requiredColumns, FormatOptions options, QueryContext context) => throw new NotSupportedException();

        public void Write(Stream output, Schema schema, IEnumerable<ColumnBatch> batches, FormatOptions options) => throw new NotSupportedException();

        public string FileExtension(FormatOptions options) => ".fake";
    }
}
