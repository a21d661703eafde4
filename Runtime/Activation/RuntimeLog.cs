using Microsoft.Extensions.Logging;

namespace Runtime.Activation;

internal static partial class RuntimeLog
{
    [LoggerMessage(1000, LogLevel.Debug, "Activating {GrainId}")]
    public static partial void Activating(ILogger logger, GrainId grainId);

    [LoggerMessage(1001, LogLevel.Warning, "Activation of {GrainId} failed")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(1002, LogLevel.Debug, "Deactivated {GrainId} ({Reason})")]
    public static partial void Deactivated(ILogger logger, GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(1003, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(1004, LogLevel.Error, "Unhandled exception in activation {GrainId}")]
    public static partial void UnhandledInActivation(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(1005, LogLevel.Warning, "A timer callback of {GrainId} failed")]
    public static partial void TimerFailed(ILogger logger, Exception exception, GrainId grainId);
}
