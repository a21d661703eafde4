using Amazon.DynamoDBv2;

namespace Runtime.Storage.DynamoDB;

/// <summary>Makes sure a table exists before its first use, once, when the options allow creating it.</summary>
internal sealed class DynamoDbTableGate(IAmazonDynamoDB client, string table, string hashKey, bool create)
{
    private readonly SemaphoreSlim _init = new(1, 1);
    private volatile bool _ready = !create;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }
        await _init.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await DynamoDbTables.EnsureAsync(client, table, hashKey, cancellationToken);
                _ready = true;
            }
        }
        finally
        {
            _init.Release();
        }
    }
}
