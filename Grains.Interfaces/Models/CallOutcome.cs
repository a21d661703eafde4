namespace Grains.Interfaces.Models;

public enum CallOutcome
{
    Success,
    Throttled,
    TransientError,
    PermanentError,
    Cancelled,
}
