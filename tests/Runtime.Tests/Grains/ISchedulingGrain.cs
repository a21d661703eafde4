namespace Runtime.Tests.Grains;

public interface ISchedulingGrain : IGrainWithStringKey
{
    /// <summary>Records start, signals "started:tag", waits for "release:tag", records end.</summary>
    Task Hold(string tag);

    [AlwaysInterleave]
    Task<int> Peek();

    Task<int> MaxConcurrency();
}
