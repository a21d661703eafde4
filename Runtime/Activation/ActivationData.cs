using Microsoft.Extensions.Logging;
using Runtime.Storage;

namespace Runtime.Activation;

/// <summary>
/// One activation of a grain: its object, its turn-based scheduling and its lifecycle.
/// Non-interleaving turns run one at a time; [Reentrant] classes and [AlwaysInterleave] methods interleave
/// at awaits. All code of the activation runs on its <see cref="ActivationSynchronizationContext"/>.
/// </summary>
internal sealed class ActivationData : IGrainContext
{
    private static readonly SendOrPostCallback StartWork = static state =>
    {
        var item = (WorkItem)state!;
        var previous = System.Diagnostics.Activity.Current;
        System.Diagnostics.Activity.Current = item.CallerActivity;
        try
        {
            item.Start(item.Activation!);
        }
        finally
        {
            System.Diagnostics.Activity.Current = previous;
        }
    };

    private readonly object _lock = new();
    private readonly Queue<WorkItem> _waiting = new();
    private readonly List<GrainTimer> _timers = [];
    private readonly Catalog _catalog;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _exclusiveRunning;
    private long _calls;
    private DeactivationReason? _deactivationRequested;
    private long _lastActiveTimestamp;

    public ActivationData(GrainId grainId, GrainClassInfo classInfo, Catalog catalog)
    {
        GrainId = grainId;
        ClassInfo = classInfo;
        _catalog = catalog;
        ActivationId = Guid.NewGuid().ToString("N");
        Context = new ActivationSynchronizationContext(exception => RuntimeLog.UnhandledInActivation(_catalog.Logger, exception, GrainId));
        _lastActiveTimestamp = catalog.Time.GetTimestamp();
        CreatedTimestamp = _lastActiveTimestamp;
    }

    public GrainId GrainId { get; }
    public string ActivationId { get; }

    /// <summary>When the activation was created, on the silo's clock (timestamp ticks).</summary>
    public long CreatedTimestamp { get; }

    /// <summary>Turns completed so far: with the age, the activation's call rate.</summary>
    public long Calls => Interlocked.Read(ref _calls);
    public GrainClassInfo ClassInfo { get; }
    public ActivationSynchronizationContext Context { get; }
    public object? GrainInstance { get; private set; }
    public ActivationState State { get; private set; } = ActivationState.Creating;
    public IGrainFactory GrainFactory => _catalog.GrainFactory;
    public IServiceProvider ActivationServices => _catalog.Services;

    /// <summary>Completes when the activation has finished deactivating (or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>Turns admitted or waiting: how busy this activation is.</summary>
    public int Load
    {
        get { lock (_lock) { return _running + _waiting.Count; } }
    }

    /// <summary>Queues or starts <paramref name="item"/>; false when this activation is gone and the caller must look again.</summary>
    public bool Submit(WorkItem item)
    {
        bool start;
        lock (_lock)
        {
            if (State == ActivationState.Deactivated)
            {
                return false;
            }
            start = State == ActivationState.Active && _deactivationRequested is null && CanAdmit(item)
                && (_waiting.Count == 0 || !IsExclusive(item));
            if (start)
            {
                Admit(item);
            }
            else
            {
                _waiting.Enqueue(item);
            }
        }
        if (start)
        {
            Context.Execute(StartWork, item);
        }
        return true;
    }

    public void SubmitTimerTick(TimerWorkItem tick)
    {
        if (!Submit(tick))
        {
            tick.Reject(new InvalidOperationException("The activation is gone."));
        }
    }

    /// <summary>Called by each work item when its turn ends, whatever the outcome.</summary>
    public void OnTurnCompleted(WorkItem item)
    {
        List<WorkItem>? admitted = null;
        var deactivate = false;
        Interlocked.Increment(ref _calls);
        lock (_lock)
        {
            _running--;
            if (IsExclusive(item))
            {
                _exclusiveRunning--;
            }
            if (item.KeepsAlive)
            {
                _lastActiveTimestamp = _catalog.Time.GetTimestamp();
            }
            if (_deactivationRequested is not null)
            {
                deactivate = BeginDeactivationIfIdle();
            }
            else
            {
                admitted = AdmitWaiting();
            }
        }
        StartAll(admitted);
        if (deactivate)
        {
            StartDeactivation();
        }
    }

    public void Activate()
    {
        State = ActivationState.Activating;
        Context.Execute(static state => _ = ((ActivationData)state!).RunActivationAsync(), this);
    }

    public void Deactivate(DeactivationReason reason)
    {
        bool start;
        lock (_lock)
        {
            if (_deactivationRequested is not null || State >= ActivationState.Deactivating)
            {
                return;
            }
            _deactivationRequested = reason;
            start = BeginDeactivationIfIdle();
        }
        if (start)
        {
            StartDeactivation();
        }
    }

    /// <summary>True when nothing is running or waiting and the last activity is at least <paramref name="age"/> old.</summary>
    public bool IsIdleFor(TimeSpan age)
    {
        lock (_lock)
        {
            return State == ActivationState.Active && _running == 0 && _waiting.Count == 0
                && _catalog.Time.GetElapsedTime(_lastActiveTimestamp) >= age;
        }
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_lock)
        {
            if (State >= ActivationState.Deactivating)
            {
                throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot start a timer.");
            }
            var timer = new GrainTimer(this, _catalog.Time, callback, options);
            _timers.Add(timer);
            return timer;
        }
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    internal void ReportTimerFailure(Exception exception) => RuntimeLog.TimerFailed(_catalog.Logger, exception, GrainId);

    private bool IsExclusive(WorkItem item) => !(ClassInfo.IsReentrant || item.AlwaysInterleave);

    private bool CanAdmit(WorkItem item) => !IsExclusive(item) || _exclusiveRunning == 0;

    private void Admit(WorkItem item)
    {
        item.Activation = this;
        _running++;
        if (IsExclusive(item))
        {
            _exclusiveRunning++;
        }
    }

    private List<WorkItem>? AdmitWaiting()
    {
        if (State != ActivationState.Active || _waiting.Count == 0)
        {
            return null;
        }
        List<WorkItem>? admitted = null;
        var remaining = _waiting.Count;
        for (var i = 0; i < remaining; i++)
        {
            var next = _waiting.Dequeue();
            // Keep FIFO order for exclusive work: once one must wait, every later exclusive one waits too.
            if (CanAdmit(next) && (admitted is null || !IsExclusive(next) || _exclusiveRunning == 0))
            {
                Admit(next);
                (admitted ??= []).Add(next);
            }
            else
            {
                _waiting.Enqueue(next);
            }
        }
        return admitted;
    }

    private void StartAll(List<WorkItem>? items)
    {
        if (items is null)
        {
            return;
        }
        foreach (var item in items)
        {
            Context.Execute(StartWork, item);
        }
    }

    private bool BeginDeactivationIfIdle()
    {
        if (State != ActivationState.Active || _running != 0)
        {
            return false;
        }
        State = ActivationState.Deactivating;
        return true;
    }

    private async Task RunActivationAsync()
    {
        try
        {
            var states = new List<IPersistentStateLoader>();
            GrainInstance = _catalog.Activator.CreateInstance(this, states);
            foreach (var state in states)
            {
                await state.ReadStateAsync();
            }
            if (GrainInstance is IGrainBase lifecycle)
            {
                await lifecycle.OnActivateAsync(CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            RuntimeLog.ActivationFailed(_catalog.Logger, exception, GrainId);
            List<WorkItem> waiting;
            lock (_lock)
            {
                State = ActivationState.Deactivated;
                waiting = [.. _waiting];
                _waiting.Clear();
            }
            DisposeTimers();
            _catalog.OnActivationRemoved(this, []);
            _deactivated.TrySetResult();
            foreach (var item in waiting)
            {
                item.Reject(exception);
            }
            return;
        }
        List<WorkItem>? admitted = null;
        var deactivate = false;
        lock (_lock)
        {
            State = ActivationState.Active;
            _lastActiveTimestamp = _catalog.Time.GetTimestamp();
            if (_deactivationRequested is not null)
            {
                deactivate = BeginDeactivationIfIdle();
            }
            else
            {
                admitted = AdmitWaiting();
            }
        }
        StartAll(admitted);
        if (deactivate)
        {
            StartDeactivation();
        }
    }

    private void StartDeactivation() =>
        Context.Execute(static state => _ = ((ActivationData)state!).RunDeactivationAsync(), this);

    private async Task RunDeactivationAsync()
    {
        var reason = _deactivationRequested ?? new DeactivationReason(DeactivationReasonCode.None, "");
        DisposeTimers();
        if (GrainInstance is IGrainBase lifecycle)
        {
            using var timeout = new CancellationTokenSource(_catalog.DeactivationTimeout, _catalog.Time);
            try
            {
                await lifecycle.OnDeactivateAsync(reason, timeout.Token);
            }
            catch (Exception exception)
            {
                RuntimeLog.DeactivationFailed(_catalog.Logger, exception, GrainId);
            }
        }
        List<WorkItem> waiting;
        lock (_lock)
        {
            State = ActivationState.Deactivated;
            waiting = [.. _waiting];
            _waiting.Clear();
        }
        RuntimeLog.Deactivated(_catalog.Logger, GrainId, reason.ReasonCode);
        Diagnostics.RuntimeInstruments.ActivationsEnded.Add(1, new KeyValuePair<string, object?>("grain_type", GrainId.Type), new KeyValuePair<string, object?>("reason", reason.ReasonCode.ToString()));
        _catalog.OnActivationRemoved(this, waiting);
        _deactivated.TrySetResult();
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
        }
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }
}
