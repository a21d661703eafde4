namespace Runtime.Tests.Grains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<string> ActivationId();

    /// <summary>Writes the value to storage now.</summary>
    Task Save(string value);

    /// <summary>Keeps the value in memory; it is written only when the grain deactivates.</summary>
    Task SaveOnDeactivate(string value);

    Task<string?> Value();

    Task<string?> Etag();

    Task Deactivate();

    Task StartTimer(TimeSpan period);

    Task<int> Ticks();
}
