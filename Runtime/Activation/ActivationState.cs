namespace Runtime.Activation;

internal enum ActivationState
{
    Creating,
    Activating,
    Active,
    Deactivating,
    Deactivated,
}
