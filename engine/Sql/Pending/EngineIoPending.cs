// Thin adapter: the engine-io contract declarations (engine-contracts.md) that this branch calls, until the
// engine-io branch is merged. Main removed the unimplemented declarations; DELETE THIS FILE when engine-io
// lands (its real types have these exact names and signatures). Nothing else in the engine is stubbed.
#pragma warning disable SA1402, SA1649 // several types in one file on purpose: one file to delete
using Kindling.Execution;
using Kindling.Vectors;

namespace Kindling.Formats
{
    internal sealed class FormatOptions
    {
        private readonly Dictionary<string, string> _options;

        public FormatOptions(IReadOnlyDictionary<string, string>? options = null) =>
            _options = new Dictionary<string, string>(options ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);

        public IReadOnlyDictionary<string, string> All => _options;

        public string? Get(string key) => _options.TryGetValue(key, out var v) ? v : null;

        public string Get(string key, string defaultValue) => Get(key) ?? defaultValue;

        public bool GetBool(string key, bool defaultValue) => Get(key) is string s ? bool.Parse(s) : defaultValue;

        public int GetInt(string key, int defaultValue) => Get(key) is string s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : defaultValue;
    }

    internal interface IFileFormat
    {
        string Name { get; }

        Schema InferSchema(IReadOnlyList<string> files, FormatOptions options);

        IEnumerable<ColumnBatch> Read(string file, Schema dataSchema, IReadOnlyList<int>? requiredColumns, FormatOptions options, QueryContext context);

        void Write(Stream output, Schema schema, IEnumerable<ColumnBatch> batches, FormatOptions options);

        string FileExtension(FormatOptions options);
    }

    internal static class FileFormats
    {
        public static IFileFormat Get(string name) => throw new NotImplementedException($"format '{name}': pending merge of engine-io");

        public static void Register(IFileFormat format) => throw new NotImplementedException("pending merge of engine-io");
    }
}

namespace Kindling.Storage
{
    internal sealed record DataFile(string Path, long Length, object?[] PartitionValues);

    internal sealed record FileSet(IReadOnlyList<DataFile> Files, Schema PartitionSchema);

    internal static class PartitionDiscovery
    {
        public static FileSet Discover(IReadOnlyList<string> paths, bool inferTypes = true) => throw new NotImplementedException("pending merge of engine-io");
    }
}

namespace Kindling.Execution.Operators.Scan
{
    using Kindling.Formats;
    using Kindling.Storage;

    internal sealed class FileScanOperator : PhysicalOperator
    {
        public FileScanOperator(IFileFormat format, FileSet fileSet, Schema dataSchema, IReadOnlyList<string> outputColumns, FormatOptions options, Func<object?[], bool>? partitionFilter = null)
            : base(Schema.Empty) => throw new NotImplementedException("pending merge of engine-io");

        public override string Name => "FileScan";

        public override IEnumerable<ColumnBatch> Execute(QueryContext context) => throw new NotImplementedException("pending merge of engine-io");
    }
}

namespace Kindling.Execution.Write
{
    using Kindling.Formats;

    internal enum WriteMode
    {
        Append,
        Overwrite,
        ErrorIfExists,
        Ignore,
    }

    internal static class FileWriteJob
    {
        public static long Run(PhysicalOperator input, QueryContext context, string path, IFileFormat format, WriteMode mode, IReadOnlyList<string> partitionBy, FormatOptions options, bool dynamicPartitionOverwrite) =>
            throw new NotImplementedException("pending merge of engine-io");
    }
}
