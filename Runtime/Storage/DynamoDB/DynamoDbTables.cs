using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Runtime.Storage.DynamoDB;

/// <summary>Creates a table with a single string hash key when it is missing, and waits until it is active.</summary>
internal static class DynamoDbTables
{
    public static async Task EnsureAsync(IAmazonDynamoDB client, string table, string hashKey, CancellationToken cancellationToken)
    {
        try
        {
            await client.DescribeTableAsync(table, cancellationToken);
            return;
        }
        catch (ResourceNotFoundException)
        {
            // Create it below.
        }
        try
        {
            await client.CreateTableAsync(new CreateTableRequest
            {
                TableName = table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new AttributeDefinition(hashKey, ScalarAttributeType.S)],
                KeySchema = [new KeySchemaElement(hashKey, KeyType.HASH)],
            }, cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Another silo created it at the same moment.
        }
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var description = await client.DescribeTableAsync(table, cancellationToken);
            if (description.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        throw new InvalidOperationException($"DynamoDB table {table} did not become active.");
    }
}
