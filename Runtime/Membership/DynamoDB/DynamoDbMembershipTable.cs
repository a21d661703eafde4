using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Runtime.Storage.DynamoDB;

namespace Runtime.Membership.DynamoDB;

/// <summary>
/// The membership table in DynamoDB: one item per silo start, every status change conditional on the item's ETag
/// (so two silos never overwrite each other's verdicts), heartbeats as plain updates, as in Orleans.
/// </summary>
public sealed class DynamoDbMembershipTable : IMembershipTable, IDisposable
{
    private const string Id = "Id";

    /// <summary>The time-to-live attribute (epoch seconds) the CloudFormation template enables on the table.</summary>
    public const string ExpiresAt = "ExpiresAt";
    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDbOptions _options;
    private readonly DynamoDbTableGate _table;

    public DynamoDbMembershipTable(DynamoDbOptions options)
    {
        _options = options;
        _client = DynamoDbClientFactory.Create(options);
        _table = new DynamoDbTableGate(_client, options.MembershipTable, Id, options.CreateTables);
    }

    public async Task<IReadOnlyList<MembershipRow>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var rows = new List<MembershipRow>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _client.ScanAsync(new ScanRequest { TableName = _options.MembershipTable, ConsistentRead = true, ExclusiveStartKey = start }, cancellationToken);
            rows.AddRange(page.Items.Select(ToRow));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return rows;
    }

    public Task<bool> TryInsertAsync(MembershipEntry entry, CancellationToken cancellationToken = default) =>
        PutAsync(entry, $"attribute_not_exists({Id})", null, cancellationToken);

    public Task<bool> TryUpdateAsync(MembershipEntry entry, string etag, CancellationToken cancellationToken = default) =>
        PutAsync(entry, "ETag = :etag", new Dictionary<string, AttributeValue> { [":etag"] = new() { S = etag } }, cancellationToken);

    public async Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            await _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _options.MembershipTable,
                Key = new Dictionary<string, AttributeValue> { [Id] = new() { S = silo.ToString() } },
                UpdateExpression = "SET IAmAlive = :now",
                ConditionExpression = $"attribute_exists({Id})",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":now"] = new() { S = now.ToString("O", CultureInfo.InvariantCulture) } },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // The row is gone (cleaned up): nothing to prove alive.
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<bool> PutAsync(MembershipEntry entry, string condition, Dictionary<string, AttributeValue>? values, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            await _client.PutItemAsync(new PutItemRequest
            {
                TableName = _options.MembershipTable,
                Item = ToItem(entry, Guid.NewGuid().ToString("N")),
                ConditionExpression = condition,
                ExpressionAttributeValues = values,
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private Dictionary<string, AttributeValue> ToItem(MembershipEntry entry, string etag)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [Id] = new() { S = entry.Silo.ToString() },
            ["Endpoint"] = new() { S = entry.Silo.Endpoint },
            ["Generation"] = new() { N = entry.Silo.Generation.ToString(CultureInfo.InvariantCulture) },
            ["Name"] = new() { S = entry.SiloName },
            ["Status"] = new() { S = entry.Status.ToString() },
            ["StartTime"] = new() { S = entry.StartTime.ToString("O", CultureInfo.InvariantCulture) },
            ["IAmAlive"] = new() { S = entry.IAmAliveTime.ToString("O", CultureInfo.InvariantCulture) },
            ["ETag"] = new() { S = etag },
        };
        if (entry.ApiUrl is not null)
        {
            item["ApiUrl"] = new() { S = entry.ApiUrl };
        }
        if (entry.Status == SiloStatus.Dead)
        {
            // DynamoDB's time to live reads epoch seconds; rows of dead silos would otherwise pile up forever.
            var expires = (entry.IAmAliveTime + _options.DefunctSiloRetention).ToUnixTimeSeconds();
            item[ExpiresAt] = new() { N = expires.ToString(CultureInfo.InvariantCulture) };
        }
        return item;
    }

    private static MembershipRow ToRow(Dictionary<string, AttributeValue> item) => new(
        new MembershipEntry(
            new SiloAddress(item["Endpoint"].S, long.Parse(item["Generation"].N, CultureInfo.InvariantCulture)),
            item["Name"].S,
            Enum.Parse<SiloStatus>(item["Status"].S),
            item.TryGetValue("ApiUrl", out var api) ? api.S : null,
            DateTimeOffset.Parse(item["StartTime"].S, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(item["IAmAlive"].S, CultureInfo.InvariantCulture)),
        item["ETag"].S);

    private Task EnsureTableAsync(CancellationToken cancellationToken) => _table.EnsureAsync(cancellationToken);
}
