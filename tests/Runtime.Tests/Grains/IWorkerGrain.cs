namespace Runtime.Tests.Grains;

public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Signals "started:tag", waits for "release:tag"; returns the activation id and silo that ran it.</summary>
    Task<WorkerReply> Work(string tag);
}
