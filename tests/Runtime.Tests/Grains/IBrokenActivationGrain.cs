namespace Runtime.Tests.Grains;

public interface IBrokenActivationGrain : IGrainWithStringKey
{
    Task<int> Attempts();
}
