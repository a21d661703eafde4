namespace Runtime.Storage;

/// <summary>Lets the activation load every injected state before OnActivateAsync, without knowing its type.</summary>
internal interface IPersistentStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken = default);
}
