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
public sealed class ModelGrain(ModelCatalog catalog, TimeProvider time) : Grain, IModelGrain
{
    private static readonly TimeSpan StatsWindow = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LeaseTimeout = TimeSpan.FromMinutes(10);

    private readonly Dictionary<long, ModelLease> _leases = [];
    private readonly Dictionary<long, SliceRecord> _slices = [];
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

    public Task<BudgetSlice> LeaseSlice(SliceLeaseRequest request)
    {
        var now = time.GetUtcNow();
        ReclaimAbandonedLeases(now);
        foreach (var settlement in request.Settled)
        {
            Settle(settlement);
        }
        var circuitBefore = _circuit.State;
        foreach (var call in request.Calls)
        {
            RecordSliceCall(call, now);
        }
        CountCircuitChange(circuitBefore);
        if (_queue.Count > 0)
        {
            Pump(now);
        }
        if (request.WantedRequests <= 0)
        {
            // A silo that only reported still learns that the circuit opened, and drops its slices.
            return Task.FromResult(_circuit.CanPass(now, out var wait) ? BudgetSlice.None : CircuitOpen(wait));
        }
        // Denials are counted by the silos, per call they refuse.
        return Task.FromResult(GrantSlice(request, now));
    }

    public Task<ModelStatus> GetStatus()
    {
        var now = time.GetUtcNow();
        var budget = new ModelBudgetUse(
            _requests.Limit, _requests.Unlimited ? 0 : _requests.Limit - _requests.Used(now),
            _tokens.Limit, _tokens.Unlimited ? 0 : _tokens.Limit - _tokens.Used(now),
            _options.Budget.MaxConcurrency, _leases.Count, _queue.Count);
        return Task.FromResult(new ModelStatus(GetPrimaryKeyString(), _options.Provider, _circuit.State, budget, _stats.Summarize(now)));
    }

    private BudgetSlice GrantSlice(SliceLeaseRequest request, DateTimeOffset now)
    {
        var model = GetPrimaryKeyString();
        if (!_options.Budget.UsesSlices)
        {
            return BudgetSlice.PerCall($"{model} admits call by call.");
        }
        if (!_circuit.CanPass(now, out var circuitWait))
        {
            return CircuitOpen(circuitWait);
        }
        if (_circuit.State != CircuitState.Closed || (!_tokens.Unlimited && request.MinimumTokens > _tokens.Limit))
        {
            return BudgetSlice.PerCall($"{model} is testing its circuit or the call is larger than its budget.");
        }
        if (_queue.Peek() is { } waiting)
        {
            // Waiting requests are served first: newcomers join the queue through per-call admission.
            var ahead = Denied(waiting.Request, now);
            return BudgetSlice.Deny(ahead.Denial == AdmissionDenial.None ? AdmissionDenial.RequestBudget : ahead.Denial, ahead.RetryAfter,
                $"Requests are waiting for {model}'s budget.");
        }
        var requests = Math.Min(request.WantedRequests, Math.Min(_requests.Available(now), LargestSlice(_requests.Limit, 1)));
        if (requests < 1)
        {
            return BudgetSlice.Deny(AdmissionDenial.RequestBudget, _requests.TimeUntilAvailable(1, now), $"{model} is at its {_requests.Limit} requests a minute.");
        }
        var minimumTokens = Math.Max(0, request.MinimumTokens);
        var tokens = (int)Math.Min(Math.Max(request.WantedTokens, minimumTokens), Math.Min(_tokens.Available(now), LargestSlice(_tokens.Limit, minimumTokens)));
        if (tokens < minimumTokens)
        {
            return BudgetSlice.Deny(AdmissionDenial.TokenBudget, _tokens.TimeUntilAvailable(minimumTokens, now), $"{model} is at its {_tokens.Limit} tokens a minute.");
        }
        // Spent units are counted from the end of the term until the silo settles the slice and says when they were spent.
        var term = _options.Budget.SliceTerm;
        var requestHandle = _requests.TryTake(requests, now, now + term);
        var tokenHandle = _tokens.TryTake(tokens, now, now + term);
        var id = _nextSlice++;
        _slices[id] = new SliceRecord(requestHandle, tokenHandle, now, term);
        return new BudgetSlice(id, requests, _tokens.Unlimited ? UnlimitedTokens : tokens, term, AdmissionDenial.None, null, null);
    }

    /// <summary>Tokens in a slice of an unlimited budget: more than any term needs, and far from overflowing when refunded.</summary>
    private const long UnlimitedTokens = long.MaxValue / 4;

    /// <summary>A tenth of the budget at most, so that one busy silo cannot starve the others for a whole term.</summary>
    private static int LargestSlice(int limit, int atLeast) => limit <= 0 ? int.MaxValue : Math.Max(atLeast, Math.Max(1, limit / 10));

    private BudgetSlice CircuitOpen(TimeSpan wait) =>
        BudgetSlice.Deny(AdmissionDenial.CircuitOpen, wait, $"The circuit of {GetPrimaryKeyString()} is {_circuit.State}.");

    private void Settle(SliceSettlement settlement)
    {
        if (_slices.Remove(settlement.SliceId, out var slice))
        {
            var lastUse = settlement.LastUsedAfter is { } after && after < slice.Term ? after : slice.Term;
            var spentBy = slice.GrantedAt + (lastUse < TimeSpan.Zero ? TimeSpan.Zero : lastUse);
            _requests.Settle(slice.RequestHandle, settlement.UnusedRequests, spentBy);
            _tokens.Settle(slice.TokenHandle, (int)Math.Clamp(settlement.UnusedTokens, 0, int.MaxValue), spentBy);
        }
    }

    private void RecordSliceCall(CompletionReport call, DateTimeOffset now)
    {
        switch (call.Outcome)
        {
            case CallOutcome.Success:
                _circuit.OnSuccess(wasTrial: false);
                break;
            case CallOutcome.Throttled or CallOutcome.TransientError:
                _circuit.OnFailure(wasTrial: false, now);
                break;
        }
        _stats.Record(now, call.Outcome, call.LatencyMs, call.TimeToFirstTokenMs, call.CacheReadTokens, call.CacheWriteTokens);
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
