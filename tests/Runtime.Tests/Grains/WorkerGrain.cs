using Runtime.Membership;
using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Grains;

[StatelessWorker(2)]
public sealed class WorkerGrain(TestProbe probe, ClusterView view) : Grain, IWorkerGrain
{
    public async Task<WorkerReply> Work(string tag)
    {
        probe.Signal($"started:{tag}");
        await probe.Gate($"release:{tag}");
        return new WorkerReply(GrainContext.ActivationId, view.Self!.Endpoint);
    }
}
