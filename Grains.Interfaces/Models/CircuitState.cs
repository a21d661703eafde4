namespace Grains.Interfaces.Models;

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}
