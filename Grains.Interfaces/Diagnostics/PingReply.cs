namespace Grains.Interfaces.Diagnostics;

/// <summary>What a ping grain answers.</summary>
/// <param name="Sequence">The caller's sequence number, echoed so replies can be matched to requests.</param>
/// <param name="SiloName">The name of the silo hosting the activation.</param>
/// <param name="SiloEndpoint">The grain transport endpoint ("host:port") of that silo.</param>
/// <param name="ActivationId">Changes whenever the grain is reactivated (after idle collection or a restart).</param>
/// <param name="Count">Pings received by this key so far, this one included; survives deactivation and restarts.</param>
public sealed record PingReply(int Sequence, string SiloName, string SiloEndpoint, string ActivationId, long Count);
