namespace Kindling.Formats.Parquet.Metadata;

/// <summary>parquet.thrift <c>TimeUnit</c> union members, by field id.</summary>
internal enum TimeUnit
{
    Millis = 1,
    Micros = 2,
    Nanos = 3,
}
