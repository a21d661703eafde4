using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Runtime.Storage.DynamoDB;

internal static class DynamoDbClientFactory
{
    public static IAmazonDynamoDB Create(DynamoDbOptions options)
    {
        var config = new AmazonDynamoDBConfig { RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region) };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            return new AmazonDynamoDBClient(config);
        }
        config.ServiceURL = options.ServiceUrl;
        // DynamoDB Local accepts any credentials; without AWS ones configured, use placeholders rather than fail.
        return new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), config);
    }
}
