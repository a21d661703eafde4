namespace Runtime.Tests.Grains;

/// <summary>Only the activation gauge's test activates these, so the process-wide gauge's count for them is its own.</summary>
public interface ICountedGrain : IGrainWithStringKey
{
    Task Touch();
}
