namespace Runtime.Membership;

/// <summary>
/// The cluster's source of truth about which silos exist. Status changes are conditional on the row's ETag,
/// so two silos can never overwrite each other's view; heartbeats are plain updates.
/// </summary>
public interface IMembershipTable
{
    Task<IReadOnlyList<MembershipRow>> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a row; false if a row for this silo already exists.</summary>
    Task<bool> TryInsertAsync(MembershipEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Replaces a row if its ETag is still <paramref name="etag"/>; false otherwise.</summary>
    Task<bool> TryUpdateAsync(MembershipEntry entry, string etag, CancellationToken cancellationToken = default);

    Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset now, CancellationToken cancellationToken = default);
}
