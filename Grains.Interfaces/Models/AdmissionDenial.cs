namespace Grains.Interfaces.Models;

public enum AdmissionDenial
{
    None,
    CircuitOpen,
    RequestBudget,
    TokenBudget,
    Concurrency,
    QueueTimeout,
    TooLarge,
}
