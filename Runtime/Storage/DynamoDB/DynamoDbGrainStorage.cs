using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Runtime.Storage.DynamoDB;

/// <summary>
/// Grain state in one DynamoDB table, one item per grain and state name. The ETag is an attribute every write is
/// conditional on (the first write on the item not existing), exactly as Orleans' DynamoDB provider does: of two
/// activations racing during a move, the second writer gets <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class DynamoDbGrainStorage : IGrainStorage, IDisposable
{
    /// <summary>DynamoDB's item size limit; keys and the other attributes need a little of it.</summary>
    public const int MaxItemBytes = 400 * 1024;
    private const int Overhead = 1024;
    private const string Id = "Id";
    private const string Data = "Data";
    private const string ETag = "ETag";

    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDbOptions _options;
    private readonly DynamoDbTableGate _table;

    public DynamoDbGrainStorage(DynamoDbOptions options)
    {
        _options = options;
        _client = DynamoDbClientFactory.Create(options);
        _table = new DynamoDbTableGate(_client, options.GrainStateTable, Id, options.CreateTables);
    }

    public async Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _options.GrainStateTable,
            Key = Key(stateName, grainId),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item
            ? new GrainStateRecord(item[Data].B.ToArray(), item[ETag].S)
            : null;
    }

    public async Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var keyBytes = System.Text.Encoding.UTF8.GetByteCount(ItemId(stateName, grainId));
        if (data.Length + keyBytes + Overhead > MaxItemBytes)
        {
            throw new GrainStateTooLargeException(
                $"State '{stateName}' of grain {grainId} is {data.Length} bytes; a DynamoDB item holds at most 400 KB ({MaxItemBytes} bytes). Nothing was written; keep less in this state or split it.");
        }
        await EnsureTableAsync(cancellationToken);
        var etag = Guid.NewGuid().ToString("N");
        var item = Key(stateName, grainId);
        item[Data] = new AttributeValue { B = new MemoryStream(data.ToArray()) };
        item[ETag] = new AttributeValue { S = etag };
        var request = new PutItemRequest
        {
            TableName = _options.GrainStateTable,
            Item = item,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        Condition(request, expectedETag, r => r.ConditionExpression = $"attribute_not_exists({Id})", (r, c, v) => { r.ConditionExpression = c; r.ExpressionAttributeValues = v; });
        try
        {
            await _client.PutItemAsync(request, cancellationToken);
            return etag;
        }
        catch (ConditionalCheckFailedException failed)
        {
            throw new InconsistentStateException(stateName, grainId, expectedETag, failed.Item is { } old && old.TryGetValue(ETag, out var stored) ? stored.S : null);
        }
    }

    public async Task ClearAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var request = new DeleteItemRequest
        {
            TableName = _options.GrainStateTable,
            Key = Key(stateName, grainId),
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        Condition(request, expectedETag, r => r.ConditionExpression = $"attribute_not_exists({Id})", (r, c, v) => { r.ConditionExpression = c; r.ExpressionAttributeValues = v; });
        try
        {
            await _client.DeleteItemAsync(request, cancellationToken);
        }
        catch (ConditionalCheckFailedException failed)
        {
            throw new InconsistentStateException(stateName, grainId, expectedETag, failed.Item is { } old && old.TryGetValue(ETag, out var stored) ? stored.S : null);
        }
    }

    public void Dispose() => _client.Dispose();

    private static void Condition<T>(T request, string? expectedETag, Action<T> mustNotExist, Action<T, string, Dictionary<string, AttributeValue>> mustMatch)
    {
        if (expectedETag is null)
        {
            mustNotExist(request);
        }
        else
        {
            mustMatch(request, $"{ETag} = :etag", new Dictionary<string, AttributeValue> { [":etag"] = new() { S = expectedETag } });
        }
    }

    private static string ItemId(string stateName, GrainId grainId) => $"{grainId.Type}/{grainId.Key}/{stateName}";

    private static Dictionary<string, AttributeValue> Key(string stateName, GrainId grainId) =>
        new() { [Id] = new AttributeValue { S = ItemId(stateName, grainId) } };

    private Task EnsureTableAsync(CancellationToken cancellationToken) => _table.EnsureAsync(cancellationToken);
}
