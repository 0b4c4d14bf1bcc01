namespace Kindling.Jobs.Etl;

/// <summary>A failure the job reports as one line (missing input, a bad header, too many rejects).</summary>
internal sealed class EtlException(string message) : Exception(message);
