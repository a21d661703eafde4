namespace Runtime.Tests.Grains;

public sealed record WorkerReply(string ActivationId, string Silo);
