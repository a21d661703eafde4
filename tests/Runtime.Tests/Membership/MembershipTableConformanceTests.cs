using Runtime.Membership;

namespace Runtime.Tests.Membership;

/// <summary>What every membership table must do: status changes conditional on the row's ETag, heartbeats plain.</summary>
public abstract class MembershipTableConformanceTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract IMembershipTable CreateTable();

    private static MembershipEntry Entry(string endpoint, SiloStatus status = SiloStatus.Joining) =>
        new(new SiloAddress(endpoint, 1), $"silo-{endpoint}", status, "http://127.0.0.1:1", Start, Start);

    [Fact]
    public async Task A_silo_row_is_inserted_once_and_read_back()
    {
        var table = CreateTable();

        Assert.True(await table.TryInsertAsync(Entry("10.0.0.1:1")));
        Assert.False(await table.TryInsertAsync(Entry("10.0.0.1:1")));

        var row = Assert.Single(await table.ReadAllAsync());
        Assert.Equal(Entry("10.0.0.1:1"), row.Entry);
    }

    [Fact]
    public async Task A_status_change_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var table = CreateTable();
        await table.TryInsertAsync(Entry("10.0.0.2:1"));
        var read = Assert.Single(await table.ReadAllAsync());

        Assert.True(await table.TryUpdateAsync(read.Entry with { Status = SiloStatus.Active }, read.ETag));
        Assert.False(await table.TryUpdateAsync(read.Entry with { Status = SiloStatus.Dead }, read.ETag));

        Assert.Equal(SiloStatus.Active, Assert.Single(await table.ReadAllAsync()).Entry.Status);
    }

    [Fact]
    public async Task A_heartbeat_updates_the_alive_time_only()
    {
        var table = CreateTable();
        await table.TryInsertAsync(Entry("10.0.0.3:1", SiloStatus.Active));

        await table.UpdateIAmAliveAsync(new SiloAddress("10.0.0.3:1", 1), Start.AddMinutes(1));

        var row = Assert.Single(await table.ReadAllAsync());
        Assert.Equal(Start.AddMinutes(1), row.Entry.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, row.Entry.Status);
    }

    [Fact]
    public async Task A_restarted_silo_on_the_same_endpoint_is_a_different_member()
    {
        var table = CreateTable();
        await table.TryInsertAsync(Entry("10.0.0.4:1"));

        Assert.True(await table.TryInsertAsync(Entry("10.0.0.4:1") with { Silo = new SiloAddress("10.0.0.4:1", 2) }));

        Assert.Equal(2, (await table.ReadAllAsync()).Count);
    }
}
