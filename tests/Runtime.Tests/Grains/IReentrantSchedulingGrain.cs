namespace Runtime.Tests.Grains;

public interface IReentrantSchedulingGrain : IGrainWithStringKey
{
    Task Hold(string tag);

    /// <summary>Non-atomic increments across awaits: exact only if the activation never runs two threads at once.</summary>
    Task Churn(int increments);

    Task<long> Total();

    Task<int> Overlaps();
}
