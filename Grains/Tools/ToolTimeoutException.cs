namespace Grains.Tools;

/// <summary>A tool call ran past its configured timeout.</summary>
public sealed class ToolTimeoutException(string message) : TimeoutException(message);
