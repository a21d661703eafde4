namespace Runtime;

public enum DeactivationReasonCode
{
    None,
    ActivationIdle,
    ApplicationRequested,
    ShuttingDown,
    PlacementChanged,
    ActivationFailed,
}
