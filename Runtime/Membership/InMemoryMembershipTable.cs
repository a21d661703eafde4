namespace Runtime.Membership;

/// <summary>A membership table in process memory: one silo, or several silos of one test process sharing it.</summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Dictionary<SiloAddress, MembershipRow> _rows = [];
    private long _version;

    public Task<IReadOnlyList<MembershipRow>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            return Task.FromResult<IReadOnlyList<MembershipRow>>([.. _rows.Values]);
        }
    }

    public Task<bool> TryInsertAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            return Task.FromResult(_rows.TryAdd(entry.Silo, new MembershipRow(entry, NextETag())));
        }
    }

    public Task<bool> TryUpdateAsync(MembershipEntry entry, string etag, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            if (!_rows.TryGetValue(entry.Silo, out var row) || row.ETag != etag)
            {
                return Task.FromResult(false);
            }
            _rows[entry.Silo] = new MembershipRow(entry, NextETag());
            return Task.FromResult(true);
        }
    }

    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            if (_rows.TryGetValue(silo, out var row))
            {
                _rows[silo] = row with { Entry = row.Entry with { IAmAliveTime = now } };
            }
            return Task.CompletedTask;
        }
    }

    private string NextETag() => (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
