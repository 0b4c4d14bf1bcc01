namespace Kindling.Jobs.Feeds;

/// <summary>An input that is missing, incomplete or does not match the contract: reported as one line.</summary>
internal sealed class FeedException(string message) : Exception(message);
