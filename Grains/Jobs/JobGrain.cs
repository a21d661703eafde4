using System.Runtime.CompilerServices;
using Grains.Diagnostics;
using Grains.Interfaces.Jobs;
using Grains.Tools;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Runtime;

namespace Grains.Jobs;

/// <summary>
/// Fans a job's tool calls out to tool grains at once (capped), or one after another, and keeps the record: each
/// tool's outcome is written durably before its "finished" event goes out, and the job's final status before
/// "job finished". A failing tool does not stop the others. If the silo stops mid-job, unfinished calls are left
/// pending and the job resumes at the grain's next activation. Reentrant: status, events and cancellation are
/// served while the job runs.
/// </summary>
[Reentrant]
public sealed partial class JobGrain(
    [PersistentState("job")] IPersistentState<JobState> state,
    ToolCatalog catalog,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<JobGrain> logger) : Grain, IJobGrain
{
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly List<JobEvent> _progress = [];
    private readonly Dictionary<int, TaskCompletionSource<ToolOutcome>> _finished = [];
    private TaskCompletionSource _changed = NewSignal();
    private CancellationTokenSource? _cancellation;
    private bool _executing;

    // Events up to this sequence have been shown; an event about a result is appended only once the result is durable.
    private int _published;

    // The highest reservation of event numbers known to be stored: nothing above it may be shown yet.
    private int _storedReservation;

    private const int SequenceBlock = 64;

    private JobState Job => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Numbers shown by an activation that ended without storing them are never used again.
        Job.LastSequence = Math.Max(Job.LastSequence, Job.SequenceReserved);
        _storedReservation = Job.SequenceReserved;
        _published = Job.LastSequence;
        if (state.RecordExists && Job.Status == JobStatus.Running)
        {
            ExecuteInBackground();
        }
        return Task.CompletedTask;
    }

    public async Task<JobView> Start(JobSpec spec)
    {
        if (state.RecordExists)
        {
            return View();
        }
        var now = time.GetUtcNow();
        state.State = new JobState
        {
            Spec = spec,
            Tenant = JobKey.Split(GetPrimaryKeyString()).Tenant,
            Status = JobStatus.Running,
            Created = now,
            Tools = [.. spec.Calls.Select((call, i) => new ToolOutcome(i, call.Tool, ToolStatus.Pending))],
        };
        Append(new JobEvent(0, JobEventType.JobStarted, now));
        await WriteAsync();
        JobInstruments.JobAccepted();
        await PublishAsync();
        ExecuteInBackground();
        return View();
    }

    public Task<JobView?> Get() => Task.FromResult(state.RecordExists ? View() : null);

    public async IAsyncEnumerable<JobEvent> Events(int afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = afterSequence;
        while (state.RecordExists)
        {
            var changed = _changed.Task;
            var published = _published;
            foreach (var item in Job.Events.Concat(_progress).Where(e => e.Sequence > next && e.Sequence <= published).OrderBy(e => e.Sequence).ToList())
            {
                next = item.Sequence;
                yield return item;
                if (item.Type == JobEventType.JobFinished)
                {
                    yield break;
                }
            }
            // Resuming at or after job.finished (an EventSource reconnects with the last id it saw): nothing more will come.
            if (Job.Events is [.., { Type: JobEventType.JobFinished } last] && last.Sequence <= published)
            {
                yield break;
            }
            // A stopping silo ends the stream rather than hold its drain; the subscriber resumes from the last id it saw.
            if (!await WaitForChangeAsync(changed, cancellationToken))
            {
                yield break;
            }
        }
    }

    private async Task<bool> WaitForChangeAsync(Task changed, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        try
        {
            await changed.WaitAsync(stopping.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task<bool> Cancel()
    {
        if (!state.RecordExists || Job.Status != JobStatus.Running)
        {
            return false;
        }
        Job.CancelRequested = true;
        await WriteAsync();
        _cancellation?.Cancel();
        return true;
    }

    public async Task Execute()
    {
        if (_executing || !state.RecordExists || Job.Status != JobStatus.Running)
        {
            return;
        }
        _executing = true;
        JobInstruments.ExecutionStarted();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        _cancellation = cancellation;
        if (Job.CancelRequested)
        {
            await cancellation.CancelAsync();
        }
        try
        {
            Job.Started ??= time.GetUtcNow();
            var spec = Job.Spec!;
            using var gate = new SemaphoreSlim(spec.Mode == JobMode.Sequential ? 1 : Math.Max(1, spec.MaxConcurrency));
            var unfinished = Job.Tools.Where(t => t.Status is ToolStatus.Pending or ToolStatus.Running).Select(t => t.Index).ToList();
            foreach (var tool in Job.Tools)
            {
                _finished[tool.Index] = new TaskCompletionSource<ToolOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!unfinished.Contains(tool.Index))
                {
                    _finished[tool.Index].SetResult(tool);
                }
            }
            await Task.WhenAll(unfinished.Select(index => RunToolAsync(index, spec.Calls[index], gate, cancellation.Token)));
            if (lifetime.ApplicationStopping.IsCancellationRequested && !Job.CancelRequested)
            {
                // The silo is stopping: leave the unfinished calls pending for the next activation. Store what was
                // recorded since the last write (events of results already reported, sequence numbers handed out),
                // so the next activation neither loses those events nor reuses their numbers.
                await WriteAsync();
                return;
            }
            await FinishAsync();
        }
        finally
        {
            _cancellation = null;
            _executing = false;
            JobInstruments.ExecutionEnded();
        }
    }

    private async Task RunToolAsync(int index, ToolCall call, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        try
        {
            call = await WithUpstreamOutputAsync(call, cancellationToken);
            // Waiting for an upstream tool happens before taking a slot, so it never holds one idle.
            await gate.WaitAsync(cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                // A slot freed by a cancelled tool can still reach a waiter whose own wait was being cancelled.
                gate.Release();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException)
        {
            if (Job.CancelRequested)
            {
                await RecordAsync(new ToolOutcome(index, call.Tool, ToolStatus.Cancelled, Error: "cancelled before it started"), null);
            }
            return;
        }
        catch (UpstreamFailedException exception)
        {
            await RecordAsync(new ToolOutcome(index, call.Tool, ToolStatus.Failed, Error: exception.Message), null);
            return;
        }
        var started = time.GetTimestamp();
        try
        {
            Job.Tools[index] = Job.Tools[index] with { Status = ToolStatus.Running };
            Append(new JobEvent(0, JobEventType.ToolStarted, time.GetUtcNow(), index, call.Tool, ToolStatus.Running));
            await PublishAsync();
            ToolProgress? last = null;
            var run = new ToolRun(call.Tool, call.Input, Job.Tenant);
            await foreach (var progress in GrainFactory.GetGrain<IToolGrain>(JobKey.Tool(GetPrimaryKeyString(), index)).Run(run, cancellationToken))
            {
                last = progress;
                if (!progress.Done)
                {
                    await AppendProgressAsync(new JobEvent(0, JobEventType.ToolProgress, time.GetUtcNow(), index, call.Tool, ToolStatus.Running, progress.Tokens));
                }
            }
            await RecordAsync(new ToolOutcome(index, call.Tool, ToolStatus.Succeeded, last?.Output, last?.Model, Elapsed(started), last?.Tokens ?? 0), started);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (Job.CancelRequested)
            {
                await RecordAsync(new ToolOutcome(index, call.Tool, ToolStatus.Cancelled, DurationMs: Elapsed(started), Error: "cancelled"), started);
            }
            else
            {
                Job.Tools[index] = Job.Tools[index] with { Status = ToolStatus.Pending };
            }
        }
        catch (Exception exception)
        {
            var status = exception is TimeoutException ? ToolStatus.TimedOut : ToolStatus.Failed;
            LogToolFailed(logger, call.Tool, GetPrimaryKeyString(), exception.Message);
            await RecordAsync(new ToolOutcome(index, call.Tool, status, DurationMs: Elapsed(started), Error: exception.Message), started);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>For a tool that takes another tool's output (InputFrom), waits for that tool of the same group.</summary>
    private async Task<ToolCall> WithUpstreamOutputAsync(ToolCall call, CancellationToken cancellationToken)
    {
        if (!catalog.TryGet(call.Tool, out var options) || options.InputFrom is not { } upstreamTool)
        {
            return call;
        }
        var upstream = Job.Spec!.Calls.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Group == call.Group && x.c.Tool == upstreamTool);
        if (upstream.c is null)
        {
            return call;
        }
        var outcome = await _finished[upstream.i].Task.WaitAsync(cancellationToken);
        return outcome.Status == ToolStatus.Succeeded
            ? call with { Input = new Dictionary<string, string>(call.Input) { [options.InputAs] = outcome.Output ?? "" } }
            : throw new UpstreamFailedException($"'{call.Tool}' needs the output of '{upstreamTool}', which ended {outcome.Status}.");
    }

    /// <summary>Stores a tool's outcome, then announces it: nothing is reported final before it is durable.</summary>
    private async Task RecordAsync(ToolOutcome outcome, long? started)
    {
        Job.Tools[outcome.Index] = outcome;
        if (started is not null && outcome.DurationMs is { } toolMs)
        {
            JobInstruments.ToolFinished(outcome.Tool, outcome.Status, toolMs);
        }
        // The event is stored with the result, so a replay after a crash still tells it.
        Append(new JobEvent(0, JobEventType.ToolFinished, time.GetUtcNow(), outcome.Index, outcome.Tool, outcome.Status,
            outcome.Tokens, started is null ? null : outcome.DurationMs, outcome.Error));
        await WriteAsync();
        _finished[outcome.Index].TrySetResult(outcome);
        await PublishAsync();
    }

    private async Task FinishAsync()
    {
        var succeeded = Job.Tools.Count(t => t.Status == ToolStatus.Succeeded);
        Job.Status = Job.CancelRequested ? JobStatus.Cancelled
            : succeeded == Job.Tools.Count ? JobStatus.Completed
            : succeeded == 0 ? JobStatus.Failed
            : JobStatus.Partial;
        Job.MakespanMs = (time.GetUtcNow() - Job.Started!.Value).TotalMilliseconds;
        await WriteAsync();
        JobInstruments.JobFinished(Job.Status);
        Append(new JobEvent(0, JobEventType.JobFinished, time.GetUtcNow(), DurationMs: Job.MakespanMs, JobStatus: Job.Status));
        await WriteAsync();
        await PublishAsync();
    }

    private void ExecuteInBackground() =>
        _ = GrainFactory.GetGrain<IJobGrain>(GetPrimaryKeyString()).Execute().ContinueWith(
            t => LogExecuteFailed(logger, GetPrimaryKeyString(), t.Exception!.GetBaseException().Message),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>Records a lasting event; it is shown to subscribers at the next <see cref="Signal"/>.</summary>
    private void Append(JobEvent item) => Job.Events.Add(item with { Sequence = ++Job.LastSequence });

    private Task AppendProgressAsync(JobEvent item)
    {
        _progress.Add(item with { Sequence = ++Job.LastSequence });
        return PublishAsync();
    }

    /// <summary>
    /// Shows everything recorded so far, once its numbers are covered by a stored reservation: usually they are, and
    /// otherwise one write reserves the next block first.
    /// </summary>
    private async Task PublishAsync()
    {
        while (Job.LastSequence > _storedReservation)
        {
            Job.SequenceReserved = Math.Max(Job.SequenceReserved, Job.LastSequence + SequenceBlock);
            await WriteAsync();
        }
        Signal();
    }

    /// <summary>Publishes everything recorded so far and wakes the event streams.</summary>
    private void Signal()
    {
        _published = Job.LastSequence;
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
    }

    private async Task WriteAsync()
    {
        // Tools finish concurrently; writes go one at a time so each carries the latest ETag.
        await _writes.WaitAsync();
        try
        {
            // Reserve ahead with every write, so that showing events rarely needs a write of its own.
            if (Job.SequenceReserved - Job.LastSequence < SequenceBlock / 2)
            {
                Job.SequenceReserved = Job.LastSequence + SequenceBlock;
            }
            var reserved = Job.SequenceReserved;
            await state.WriteStateAsync();
            _storedReservation = Math.Max(_storedReservation, reserved);
        }
        finally
        {
            _writes.Release();
        }
    }

    private JobView View() => new(
        JobKey.Split(GetPrimaryKeyString()).JobId, Job.Status, Job.Spec?.Mode ?? JobMode.Parallel, Job.Spec?.MaxConcurrency ?? 0,
        [.. Job.Tools], Job.Created, Job.MakespanMs);

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(5000, LogLevel.Information, "Tool {Tool} of job {Job} failed: {Reason}")]
    private static partial void LogToolFailed(ILogger logger, string tool, string job, string reason);

    [LoggerMessage(5001, LogLevel.Warning, "Job {Job} stopped with an error: {Reason}")]
    private static partial void LogExecuteFailed(ILogger logger, string job, string reason);
}
