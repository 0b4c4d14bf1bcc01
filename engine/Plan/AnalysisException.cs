namespace Kindling.Plan;

/// <summary>A query the user wrote cannot be analyzed (Spark's AnalysisException): unknown column, bad types.</summary>
internal sealed class AnalysisException(string message) : InvalidOperationException(message);
