using Runtime.Storage;
using Runtime.Storage.DynamoDB;
using TestSupport;

namespace Runtime.Tests.Storage;

/// <summary>The storage contract against DynamoDB Local (started by scripts/test.sh), plus DynamoDB's item size limit.</summary>
public sealed class DynamoDbGrainStorageTests : GrainStorageConformanceTests
{
    protected override ValueTask<IGrainStorage> CreateStorageAsync() =>
        ValueTask.FromResult<IGrainStorage>(new DynamoDbGrainStorage(new DynamoDbOptions
        {
            ServiceUrl = DynamoDbLocal.ServiceUrl,
            GrainStateTable = DynamoDbLocal.UniqueTable("state"),
        }));

    [Fact]
    public async Task A_state_over_the_item_size_limit_is_refused_with_a_clear_error_and_nothing_is_written()
    {
        var huge = new byte[DynamoDbGrainStorage.MaxItemBytes];

        var error = await Assert.ThrowsAsync<GrainStateTooLargeException>(() => Storage.WriteAsync(StateName, Grain, huge, null, Ct));

        Assert.Contains("400 KB", error.Message);
        Assert.Contains(StateName, error.Message);
        Assert.Null(await Storage.ReadAsync(StateName, Grain, Ct));
    }
}
