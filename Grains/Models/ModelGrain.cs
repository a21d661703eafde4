using Grains.Diagnostics;
using Grains.Interfaces.Models;
using Grains.Models.Admission;
using Grains.Models.Budgets;
using Grains.Models.Circuits;
using Grains.Models.Configuration;
using Grains.Models.Statistics;
using Runtime;

namespace Grains.Models;

/// <summary>
/// The cluster-wide account of one model: budgets (requests and tokens per minute, concurrency), the circuit,
/// waiting requests and rolling figures. Each method is a few microseconds of bookkeeping; the model call runs
/// in the caller. Reentrant so that requests waiting for budget never block completions and read-outs.
/// </summary>
[Reentrant]
public sealed partial class ModelGrain(ModelCatalog catalog, TimeProvider time) : Grain, IModelGrain
{
    private static readonly TimeSpan StatsWindow = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LeaseTimeout = TimeSpan.FromMinutes(10);

    private readonly Dictionary<long, ModelLease> _leases = [];
    private readonly Dictionary<long, SliceRecord> _slices = [];
    private readonly Dictionary<string, (int InFlight, DateTimeOffset At)> _sliceCallsInFlight = new(StringComparer.Ordinal);
    private readonly FairAdmissionQueue _queue = new();
    private readonly RollingStats _stats = new(StatsWindow);
    private ModelOptions _options = null!;
    private SlidingWindowBudget _requests = null!;
    private SlidingWindowBudget _tokens = null!;
    private CircuitBreaker _circuit = null!;
    private IGrainTimer? _wake;
    private long _nextLease;
    // A new activation must never mistake an old activation's slice for its own.
    private long _nextSlice = Random.Shared.NextInt64(1, long.MaxValue / 2);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _options = catalog.Get(GetPrimaryKeyString());
        _requests = new SlidingWindowBudget(_options.Budget.RequestsPerMinute);
        _tokens = new SlidingWindowBudget(_options.Budget.TokensPerMinute);
        _circuit = new CircuitBreaker(_options.Circuit);
        return Task.CompletedTask;
    }

    public Task<AdmissionResult> Admit(AdmissionRequest request, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        ReclaimAbandonedLeases(now);
        if (!_tokens.Unlimited && request.MaxTokens > _tokens.Limit)
        {
            return Task.FromResult(AdmissionResult.Deny(AdmissionDenial.TooLarge, null,
                $"The request reserves {request.MaxTokens} tokens; {GetPrimaryKeyString()} allows {_tokens.Limit} a minute."));
        }
        // Waiting requests are served first, so a newcomer never jumps the queue.
        if (_queue.Count > 0)
        {
            Pump(now);
        }
        var decision = _queue.Peek() is { } head ? Denied(head.Request, now) : TryGrant(request, now);
        if (decision.Granted || request.WaitUntil is not { } deadline || deadline <= now || decision.Denial == AdmissionDenial.CircuitOpen)
        {
            if (decision.Denial != AdmissionDenial.None)
            {
                ModelInstruments.AdmissionDenied(GetPrimaryKeyString(), decision.Denial);
            }
            return Task.FromResult(decision);
        }
        var waiter = new AdmissionWaiter(request, deadline);
        _queue.Enqueue(waiter);
        ScheduleWake(now, decision.RetryAfter);
        return WaitAsync(waiter, cancellationToken);
    }

    private static async Task<AdmissionResult> WaitAsync(AdmissionWaiter waiter, CancellationToken cancellationToken)
    {
        // A cancelled waiter stays queued until the next pump skips it; it never receives a lease.
        await using var registration = cancellationToken.Register(static w => ((AdmissionWaiter)w!).Completion.TrySetCanceled(), waiter);
        return await waiter.Completion.Task;
    }

    public Task Complete(CompletionReport report)
    {
        var now = time.GetUtcNow();
        if (_leases.Remove(report.LeaseId, out var lease))
        {
            _tokens.Refund(lease.TokenHandle, lease.ReservedTokens - Math.Max(0, report.TokensUsed));
            var circuitBefore = _circuit.State;
            switch (report.Outcome)
            {
                case CallOutcome.Success:
                    _circuit.OnSuccess(lease.IsCircuitTrial);
                    break;
                case CallOutcome.Throttled or CallOutcome.TransientError:
                    _circuit.OnFailure(lease.IsCircuitTrial, now);
                    break;
                default:
                    _circuit.OnAbandoned(lease.IsCircuitTrial);
                    break;
            }
            CountCircuitChange(circuitBefore);
            _stats.Record(now, report.Outcome, report.LatencyMs, report.TimeToFirstTokenMs, report.CacheReadTokens, report.CacheWriteTokens);
        }
        Pump(now);
        return Task.CompletedTask;
    }

    public Task<ModelStatus> GetStatus()
    {
        var now = time.GetUtcNow();
        var budget = new ModelBudgetUse(
            _requests.Limit, _requests.Unlimited ? 0 : _requests.Limit - _requests.Used(now),
            _tokens.Limit, _tokens.Unlimited ? 0 : _tokens.Limit - _tokens.Used(now),
            _options.Budget.MaxConcurrency, _leases.Count + SliceCallsInFlight(now), _queue.Count);
        return Task.FromResult(new ModelStatus(GetPrimaryKeyString(), _options.Provider, _circuit.State, budget, _stats.Summarize(now)));
    }

    private AdmissionResult TryGrant(AdmissionRequest request, DateTimeOffset now)
    {
        var denied = Denied(request, now);
        if (!denied.Granted && denied.Denial != AdmissionDenial.None)
        {
            return denied;
        }
        var requestHandle = _requests.TryTake(1, now);
        var tokenHandle = _tokens.TryTake(request.MaxTokens, now);
        var circuitBefore = _circuit.State;
        _circuit.TryPass(now, out var isTrial, out _);
        CountCircuitChange(circuitBefore);
        var lease = new ModelLease(++_nextLease, requestHandle, tokenHandle, request.MaxTokens, isTrial, now);
        _leases[lease.Id] = lease;
        return AdmissionResult.Grant(lease.Id);
    }

    /// <summary>Why <paramref name="request"/> cannot start now, or a result with no denial if it can.</summary>
    private AdmissionResult Denied(AdmissionRequest request, DateTimeOffset now)
    {
        if (!_circuit.CanPass(now, out var circuitWait))
        {
            return AdmissionResult.Deny(AdmissionDenial.CircuitOpen, circuitWait, $"The circuit of {GetPrimaryKeyString()} is {_circuit.State}.");
        }
        if (_options.Budget.MaxConcurrency > 0 && _leases.Count >= _options.Budget.MaxConcurrency)
        {
            return AdmissionResult.Deny(AdmissionDenial.Concurrency, null, $"{GetPrimaryKeyString()} has {_leases.Count} calls in flight, its limit.");
        }
        if (!_requests.Unlimited && _requests.Used(now) + 1 > _requests.Limit)
        {
            return AdmissionResult.Deny(AdmissionDenial.RequestBudget, _requests.TimeUntilAvailable(1, now), $"{GetPrimaryKeyString()} is at its {_requests.Limit} requests a minute.");
        }
        if (!_tokens.Unlimited && _tokens.Used(now) + request.MaxTokens > _tokens.Limit)
        {
            return AdmissionResult.Deny(AdmissionDenial.TokenBudget, _tokens.TimeUntilAvailable(request.MaxTokens, now), $"{GetPrimaryKeyString()} is at its {_tokens.Limit} tokens a minute.");
        }
        return new AdmissionResult(false, 0, AdmissionDenial.None, null);
    }

    private void Pump(DateTimeOffset now)
    {
        foreach (var expired in _queue.RemoveExpired(now))
        {
            expired.Completion.TrySetResult(AdmissionResult.Deny(AdmissionDenial.QueueTimeout, null,
                $"No budget on {GetPrimaryKeyString()} became free before the request's deadline."));
        }
        TimeSpan? wait = null;
        while (_queue.Peek() is { } next)
        {
            if (next.Completion.Task.IsCompleted)
            {
                _queue.Dequeue();
                continue;
            }
            var decision = TryGrant(next.Request, now);
            if (!decision.Granted)
            {
                wait = decision.RetryAfter;
                break;
            }
            if (!_queue.Dequeue().Completion.TrySetResult(decision))
            {
                Release(decision.LeaseId);
            }
        }
        ScheduleWake(now, wait);
    }

    /// <summary>Wakes the queue when budget frees up or the earliest deadline passes (concurrency frees on Complete).</summary>
    private void ScheduleWake(DateTimeOffset now, TimeSpan? budgetWait)
    {
        if (_queue.EarliestDeadline() is not { } deadline)
        {
            _wake?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var due = deadline - now;
        if (budgetWait is { } wait && wait < due)
        {
            due = wait;
        }
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        _wake ??= RegisterGrainTimer(_ => { Pump(time.GetUtcNow()); return Task.CompletedTask; }, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _wake.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void CountCircuitChange(CircuitState before)
    {
        if (_circuit.State != before)
        {
            ModelInstruments.CircuitTransition(GetPrimaryKeyString(), before, _circuit.State);
        }
    }

    /// <summary>Returns a lease that nobody will use, with its whole reservation.</summary>
    private void Release(long leaseId)
    {
        if (_leases.Remove(leaseId, out var lease))
        {
            _requests.Refund(lease.RequestHandle, 1);
            _tokens.Refund(lease.TokenHandle, lease.ReservedTokens);
            _circuit.OnAbandoned(lease.IsCircuitTrial);
        }
    }

    private void ReclaimAbandonedLeases(DateTimeOffset now)
    {
        foreach (var lease in _leases.Values.Where(l => now - l.Started > LeaseTimeout).ToList())
        {
            _leases.Remove(lease.Id);
            _circuit.OnAbandoned(lease.IsCircuitTrial);
        }
        // A slice its silo never settled (the silo died): its units stay counted until they leave the window.
        foreach (var stale in _slices.Count == 0 ? [] : _slices.Where(s => now - s.Value.GrantedAt > s.Value.Term + LeaseTimeout).Select(s => s.Key).ToList())
        {
            _slices.Remove(stale);
        }
    }
}
