namespace Grains.Jobs;

/// <summary>A tool could not run because the tool whose output it takes did not succeed.</summary>
internal sealed class UpstreamFailedException(string message) : Exception(message);
