using Grains.Interfaces.Models;
using Grains.Models.Budgets;

namespace Grains.Models;

/// <summary>The model grain's side of budget slices: leasing them to silos, settling them, and the calls made under them.</summary>
public sealed partial class ModelGrain
{
    public Task<BudgetSlice> LeaseSlice(SliceLeaseRequest request)
    {
        var now = time.GetUtcNow();
        ReclaimAbandonedLeases(now);
        _sliceCallsInFlight[request.Silo] = (request.InFlight, now);
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

    /// <summary>Calls running under slices, as their silos last reported; a silo silent for a minute is gone.</summary>
    private int SliceCallsInFlight(DateTimeOffset now)
    {
        var total = 0;
        foreach (var (silo, (inFlight, at)) in _sliceCallsInFlight)
        {
            if (now - at > TimeSpan.FromMinutes(1))
            {
                _sliceCallsInFlight.Remove(silo);
                continue;
            }
            total += inFlight;
        }
        return total;
    }

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
}
