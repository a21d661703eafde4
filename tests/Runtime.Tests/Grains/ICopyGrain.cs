namespace Runtime.Tests.Grains;

public interface ICopyGrain : IGrainWithStringKey
{
    /// <summary>Appends 99 to the list it receives, keeps it, and returns it.</summary>
    Task<List<int>> AppendAndKeep(List<int> items);

    Task<List<int>> Kept();

    Task<Basket> Reprice(Basket basket, decimal factor);

    Task<string> WhereAmI();
}
