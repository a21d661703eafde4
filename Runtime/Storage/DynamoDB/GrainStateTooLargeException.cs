namespace Runtime.Storage.DynamoDB;

/// <summary>A state is larger than a DynamoDB item may be (400 KB); nothing was written.</summary>
public sealed class GrainStateTooLargeException(string message) : Exception(message);
