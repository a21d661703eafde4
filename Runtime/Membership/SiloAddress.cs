namespace Runtime.Membership;

/// <summary>
/// Where a silo's grain transport listens ("host:port") and which start of that silo it is: a restarted
/// silo on the same endpoint is a different member.
/// </summary>
public sealed record SiloAddress(string Endpoint, long Generation)
{
    public Uri TransportUri => new($"http://{Endpoint}/");

    public override string ToString() => $"{Endpoint}@{Generation}";
}
