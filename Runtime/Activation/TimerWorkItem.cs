namespace Runtime.Activation;

/// <summary>A grain timer tick, run as a turn of its activation.</summary>
internal sealed class TimerWorkItem(GrainId target, GrainTimer timer) : WorkItem(target)
{
    public override bool AlwaysInterleave => timer.Options.Interleave;

    public override bool KeepsAlive => timer.Options.KeepAlive;

    public override void Start(ActivationData activation) => _ = RunAsync(activation);

    public override void Reject(Exception reason) => timer.OnTickFinished();

    private async Task RunAsync(ActivationData activation)
    {
        try
        {
            await timer.InvokeCallbackAsync();
        }
        catch (Exception exception)
        {
            activation.ReportTimerFailure(exception);
        }
        finally
        {
            timer.OnTickFinished();
            activation.OnTurnCompleted(this);
        }
    }
}
