using Grains.Diagnostics;
using Grains.Interfaces.Models;
using Microsoft.Extensions.Logging;

namespace Grains.Models.Budgets;

/// <summary>
/// This silo's share of one model's budget. Calls are admitted from slices leased from the model grain, so the
/// common case costs no network hop; exchanges with the grain (settling slices, reporting calls, leasing more) go
/// one at a time, and a new slice is asked for before the current one runs out. Calls are reported in batches,
/// except failures, which go at once so that the circuit opens on time.
/// </summary>
internal sealed partial class SliceHolder : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<HeldSlice> _open = [];
    private readonly List<SliceSettlement> _settled = [];
    private readonly List<CompletionReport> _calls = [];
    private readonly string _model;
    private readonly Func<string> _silo;
    private readonly IModelGrain _grain;
    private readonly TimeProvider _time;
    private readonly TimeSpan _term;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly SliceDemand _demand;
    private PendingExchange? _next;
    private bool _sending;
    private bool _wantInFlight;
    private long _flushDue = long.MaxValue;
    private int _reportedInFlight;
    private long _quietUntil;
    private long _retryAt;
    private SliceAdmission _stance;
    private int _lastGranted;

    /// <param name="silo">Names this silo to the model grain (known only once the silo has started).</param>
    public SliceHolder(string model, IModelGrain grain, Func<string> silo, TimeProvider time, TimeSpan term, ILogger logger)
    {
        _model = model;
        _silo = silo;
        _grain = grain;
        _time = time;
        _term = term;
        _logger = logger;
        _demand = new SliceDemand(time, term);
        _timer = time.CreateTimer(static holder => ((SliceHolder)holder!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public async ValueTask<SliceAdmission> TryAdmitAsync(int tokens, CancellationToken cancellationToken)
    {
        for (var asked = false; ; asked = true)
        {
            SliceAdmission? answer = null;
            Task<BudgetSlice>? exchange = null;
            var start = false;
            lock (_lock)
            {
                var now = _time.GetTimestamp();
                if (!asked)
                {
                    _demand.Note(tokens, now);
                }
                if (TryTakeLocked(tokens, now) is { } ticket)
                {
                    ReportWithinTermLocked(now);
                    if (now >= _quietUntil && !_wantInFlight && _next is not { Wants: true } && RunningLowLocked(now))
                    {
                        RequestExchangeLocked(wants: true, out start);
                    }
                    answer = new SliceAdmission(ticket, null);
                }
                else if (asked || now < _quietUntil)
                {
                    answer = _stance;
                }
                else
                {
                    exchange = RequestExchangeLocked(wants: true, out start);
                }
            }
            // Exchanges start outside the lock: the model grain may run inline on this thread.
            StartIf(start);
            if (answer is { } done)
            {
                if (done.Denied is { } denied)
                {
                    ModelInstruments.AdmissionDenied(_model, denied.Denial);
                }
                return done;
            }
            await exchange!.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records how a call admitted from a slice ended; after a failure, returns once the model grain knows.</summary>
    public Task CompleteAsync(AdmissionTicket ticket, CompletionReport report)
    {
        var slice = ticket.Slice!;
        var failed = report.Outcome is CallOutcome.Throttled or CallOutcome.TransientError;
        Task? reported = null;
        var start = false;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            slice.InFlight--;
            slice.Tokens += Math.Max(0, ticket.ReservedTokens - report.TokensUsed);
            _calls.Add(report);
            if (CloseFinishedLocked(now) || failed)
            {
                reported = RequestExchangeLocked(wants: false, out start);
            }
            else
            {
                ReportWithinTermLocked(now);
            }
        }
        StartIf(start);
        return failed ? reported! : Task.CompletedTask;
    }

    /// <summary>Sends everything recorded so far and waits for the model grain to have it.</summary>
    public Task FlushAsync()
    {
        bool start;
        Task flushed;
        lock (_lock)
        {
            CloseFinishedLocked(_time.GetTimestamp());
            if (_settled.Count == 0 && _calls.Count == 0 && CallsInFlightLocked() == _reportedInFlight && !_sending)
            {
                return Task.CompletedTask;
            }
            flushed = RequestExchangeLocked(wants: false, out start);
        }
        StartIf(start);
        return flushed;
    }

    public void Dispose() => _timer.Dispose();

    private AdmissionTicket? TryTakeLocked(int tokens, long now)
    {
        CloseFinishedLocked(now);
        var slice = _open.Find(s => s.TryTake(tokens, now));
        return slice is null ? null : new AdmissionTicket(_model, tokens, 0, slice);
    }

    /// <summary>Closes slices past their term or out of requests, and settles those with no call running.</summary>
    private bool CloseFinishedLocked(long now)
    {
        var settled = false;
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            var slice = _open[i];
            slice.Closed |= now >= slice.ExpiresAt || slice.Requests == 0;
            if (slice.Closed && slice.InFlight == 0)
            {
                _open.RemoveAt(i);
                _settled.Add(slice.Settlement(_time));
                settled = true;
            }
        }
        return settled;
    }

    /// <summary>
    /// Ask for the next slice while a quarter of the last one, or of its term, is still left, so that callers
    /// never wait for it.
    /// </summary>
    private bool RunningLowLocked(long now)
    {
        var left = 0;
        var lastExpiry = long.MinValue;
        foreach (var slice in _open)
        {
            if (!slice.Closed)
            {
                left += slice.Requests;
                lastExpiry = Math.Max(lastExpiry, slice.ExpiresAt);
            }
        }
        return lastExpiry == long.MinValue || left * 4 <= _lastGranted || lastExpiry - now <= Ticks(_term) / 4;
    }

    private Task<BudgetSlice> RequestExchangeLocked(bool wants, out bool start)
    {
        _next ??= new PendingExchange();
        _next.Wants |= wants;
        start = !_sending;
        _sending = true;
        return _next.Done.Task;
    }

    private void StartIf(bool start)
    {
        if (start)
        {
            _ = SendAsync();
        }
    }

    /// <summary>One exchange at a time, each carrying everything recorded until it leaves.</summary>
    private async Task SendAsync()
    {
        while (true)
        {
            PendingExchange exchange;
            SliceLeaseRequest request;
            long sentAt;
            lock (_lock)
            {
                if (_next is null)
                {
                    _sending = false;
                    return;
                }
                exchange = _next;
                _next = null;
                sentAt = _time.GetTimestamp();
                CloseFinishedLocked(sentAt);
                request = DrainLocked(exchange.Wants);
                _wantInFlight = exchange.Wants;
            }
            BudgetSlice result;
            try
            {
                result = await _grain.LeaseSlice(request).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                LogExchangeFailed(_logger, _model, exception.Message);
                lock (_lock)
                {
                    // Nothing is lost: the next exchange, a term from now at the latest, carries these again.
                    _settled.InsertRange(0, request.Settled);
                    _calls.InsertRange(0, request.Calls);
                    _retryAt = _time.GetTimestamp() + Ticks(_term);
                }
                result = BudgetSlice.PerCall($"The model grain could not be reached: {exception.Message}");
            }
            lock (_lock)
            {
                _wantInFlight = false;
                ApplyLocked(result, exchange.Wants, sentAt);
            }
            exchange.Done.TrySetResult(result);
        }
    }

    private SliceLeaseRequest DrainLocked(bool wants)
    {
        _reportedInFlight = CallsInFlightLocked();
        var request = wants
            ? new SliceLeaseRequest(_silo(), _reportedInFlight, _demand.WantedRequests, _demand.WantedTokens, _demand.AverageReservation, [.. _settled], [.. _calls])
            : new SliceLeaseRequest(_silo(), _reportedInFlight, 0, 0, 0, [.. _settled], [.. _calls]);
        _settled.Clear();
        _calls.Clear();
        _flushDue = long.MaxValue;
        return request;
    }

    private void ApplyLocked(BudgetSlice result, bool wanted, long sentAt)
    {
        var now = _time.GetTimestamp();
        if (result.Granted)
        {
            _open.Add(new HeldSlice(result.Id, result.Requests, result.Tokens, sentAt, sentAt + Ticks(result.Term)));
            _lastGranted = result.Requests;
            _quietUntil = 0;
        }
        else if (result.Denial == AdmissionDenial.CircuitOpen || wanted)
        {
            _stance = result.Denial == AdmissionDenial.None
                ? SliceAdmission.AskPerCall
                : new SliceAdmission(null, AdmissionResult.Deny(result.Denial, result.RetryAfter, result.Detail ?? result.Denial.ToString()));
            // Asked again after a term at most: budget settled by other silos comes back within one.
            var quiet = result.RetryAfter is { } retry && retry < _term ? retry : _term;
            _quietUntil = now + Ticks(quiet);
        }
        if (result.Denial == AdmissionDenial.CircuitOpen)
        {
            foreach (var slice in _open)
            {
                slice.Closed = true;
            }
            if (CloseFinishedLocked(now))
            {
                RequestExchangeLocked(wants: false, out _);
            }
        }
        ArmTimerLocked(now);
    }

    /// <summary>Calls running under this silo's slices now (a slice stays open until its last call ends).</summary>
    private int CallsInFlightLocked()
    {
        var calls = 0;
        foreach (var slice in _open)
        {
            calls += slice.InFlight;
        }
        return calls;
    }

    /// <summary>Calls started or ended since the last exchange reach the model grain within a term.</summary>
    private void ReportWithinTermLocked(long now)
    {
        // Already due sooner: the timer is armed for it (and re-arming on every call would cost the hot path).
        if (_flushDue == long.MaxValue)
        {
            _flushDue = now + Ticks(_term);
            ArmTimerLocked(now);
        }
    }

    /// <summary>Wakes at the earliest term end or batch flush, to settle and report even when no call comes.</summary>
    private void ArmTimerLocked(long now)
    {
        var due = _flushDue;
        foreach (var slice in _open)
        {
            // A closed slice still running calls is settled when the last of them completes.
            due = slice.Closed ? due : Math.Min(due, slice.ExpiresAt);
        }
        if (_settled.Count > 0)
        {
            due = Math.Min(due, Math.Max(now, _retryAt));
        }
        _timer.Change(due == long.MaxValue ? Timeout.InfiniteTimeSpan : _time.GetElapsedTime(now, Math.Max(now, due)), Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        bool start = false;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            CloseFinishedLocked(now);
            if ((_settled.Count > 0 && now >= _retryAt) || ((_calls.Count > 0 || CallsInFlightLocked() != _reportedInFlight) && now >= _flushDue))
            {
                RequestExchangeLocked(wants: false, out start);
            }
            else
            {
                ArmTimerLocked(now);
            }
        }
        StartIf(start);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    [LoggerMessage(4010, LogLevel.Warning, "Exchange with the model grain of {Model} failed; calls go to it one by one for a term: {Reason}")]
    private static partial void LogExchangeFailed(ILogger logger, string model, string reason);
}
