using Grains.Interfaces.Models;
using Grains.Models.Configuration;

namespace Grains.Models.Circuits;

/// <summary>
/// Closed until <see cref="ModelCircuitOptions.FailureThreshold"/> consecutive failures; then open for the
/// break duration; then half-open, letting one trial call through: its success closes the circuit, its
/// failure opens it again.
/// </summary>
internal sealed class CircuitBreaker(ModelCircuitOptions options)
{
    private int _consecutiveFailures;
    private DateTimeOffset _openUntil;
    private bool _trialInFlight;

    public CircuitState State { get; private set; } = CircuitState.Closed;

    public long Transitions { get; private set; }

    /// <summary>Whether <see cref="TryPass"/> would let a call through, without taking the half-open trial.</summary>
    public bool CanPass(DateTimeOffset now, out TimeSpan retryAfter)
    {
        retryAfter = State == CircuitState.Open && now < _openUntil ? _openUntil - now
            : State == CircuitState.HalfOpen && _trialInFlight ? options.BreakDuration
            : TimeSpan.Zero;
        return retryAfter == TimeSpan.Zero;
    }

    /// <summary>Whether a call may start now; in half-open state only one trial may.</summary>
    public bool TryPass(DateTimeOffset now, out bool isTrial, out TimeSpan retryAfter)
    {
        isTrial = false;
        retryAfter = TimeSpan.Zero;
        if (State == CircuitState.Open)
        {
            if (now < _openUntil)
            {
                retryAfter = _openUntil - now;
                return false;
            }
            MoveTo(CircuitState.HalfOpen);
        }
        if (State == CircuitState.HalfOpen)
        {
            if (_trialInFlight)
            {
                retryAfter = options.BreakDuration;
                return false;
            }
            _trialInFlight = true;
            isTrial = true;
        }
        return true;
    }

    public void OnSuccess(bool wasTrial)
    {
        _consecutiveFailures = 0;
        if (wasTrial || State == CircuitState.HalfOpen)
        {
            _trialInFlight = false;
            MoveTo(CircuitState.Closed);
        }
    }

    public void OnFailure(bool wasTrial, DateTimeOffset now)
    {
        _consecutiveFailures++;
        if (wasTrial || State == CircuitState.HalfOpen || (State == CircuitState.Closed && _consecutiveFailures >= options.FailureThreshold))
        {
            _trialInFlight = false;
            _openUntil = now + options.BreakDuration;
            MoveTo(CircuitState.Open);
        }
    }

    /// <summary>A trial that ended without telling us anything (cancelled): let another one try.</summary>
    public void OnAbandoned(bool wasTrial)
    {
        if (wasTrial)
        {
            _trialInFlight = false;
        }
    }

    private void MoveTo(CircuitState state)
    {
        if (State != state)
        {
            State = state;
            Transitions++;
        }
    }
}
