namespace Runtime.Membership;

/// <summary>The active silos as this process last read them from the membership table.</summary>
public sealed class ClusterView
{
    private volatile SiloAddress[] _active = [];
    private volatile IReadOnlyList<MembershipEntry> _members = [];

    /// <summary>This silo, or null in a client.</summary>
    public SiloAddress? Self { get; internal set; }

    public IReadOnlyList<SiloAddress> ActiveSilos => _active;

    public IReadOnlyList<MembershipEntry> Members => _members;

    public event Action? Changed;

    public void Update(IReadOnlyList<MembershipEntry> members)
    {
        var active = members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Silo)
            .OrderBy(s => s.Endpoint, StringComparer.Ordinal).ToArray();
        _members = members;
        if (!active.SequenceEqual(_active))
        {
            _active = active;
            Changed?.Invoke();
        }
    }
}
