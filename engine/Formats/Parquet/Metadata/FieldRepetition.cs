namespace Kindling.Formats.Parquet.Metadata;

/// <summary>parquet.thrift <c>FieldRepetitionType</c>.</summary>
internal enum FieldRepetition
{
    Required = 0,
    Optional = 1,
    Repeated = 2,
}
