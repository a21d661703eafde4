using Runtime.Storage;

namespace Runtime.Tests.Storage;

public sealed class MemoryGrainStorageTests : GrainStorageConformanceTests
{
    protected override ValueTask<IGrainStorage> CreateStorageAsync() => ValueTask.FromResult<IGrainStorage>(new MemoryGrainStorage());
}
