using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Runtime.Membership;
using Runtime.Membership.DynamoDB;
using Runtime.Storage.DynamoDB;
using TestSupport;

namespace Runtime.Tests.Membership;

/// <summary>The membership contract against DynamoDB Local (started by scripts/test.sh).</summary>
public sealed class DynamoDbMembershipTableTests : MembershipTableConformanceTests
{
    private readonly DynamoDbOptions _options = new()
    {
        ServiceUrl = DynamoDbLocal.ServiceUrl,
        MembershipTable = DynamoDbLocal.UniqueTable("members"),
        DefunctSiloRetention = TimeSpan.FromDays(2),
    };

    protected override IMembershipTable CreateTable() => new DynamoDbMembershipTable(_options);

    [Fact]
    public async Task The_row_of_a_dead_silo_expires_after_the_retention_so_DynamoDB_deletes_it_and_live_rows_never_do()
    {
        var table = CreateTable();
        var lastHeartbeat = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var alive = new MembershipEntry(new SiloAddress("10.0.0.9:1", 1), "alive", SiloStatus.Active, null, lastHeartbeat, lastHeartbeat);
        var dead = alive with { Silo = new SiloAddress("10.0.0.9:1", 2), SiloName = "dead" };
        await table.TryInsertAsync(alive);
        await table.TryInsertAsync(dead);
        var deadRow = (await table.ReadAllAsync()).Single(r => r.Entry.SiloName == "dead");

        Assert.True(await table.TryUpdateAsync(dead with { Status = SiloStatus.Dead }, deadRow.ETag));

        var expiry = await ExpiresAtAsync();
        Assert.Equal(lastHeartbeat.AddDays(2).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), expiry[dead.Silo.ToString()]);
        Assert.Null(expiry[alive.Silo.ToString()]);
    }

    private async Task<Dictionary<string, string?>> ExpiresAtAsync()
    {
        using var client = DynamoDbClientFactory.Create(_options);
        var scan = await client.ScanAsync(new ScanRequest { TableName = _options.MembershipTable, ConsistentRead = true });
        return scan.Items.ToDictionary(i => i["Id"].S, i => i.TryGetValue(DynamoDbMembershipTable.ExpiresAt, out var v) ? v.N : null);
    }
}
