namespace Grains.Models.Budgets;

/// <summary>
/// How many calls a silo asked one model for over the last term, and how many tokens each reserves on average:
/// a slice is sized to cover two terms of that demand.
/// </summary>
internal sealed class SliceDemand(TimeProvider time, TimeSpan term)
{
    private const int FirstSliceRequests = 4;

    private double _averageReservation;
    private long _since;
    private int _thisTerm;
    private int _lastTerm;

    public int AverageReservation => (int)Math.Ceiling(_averageReservation);

    public int WantedRequests => Math.Max(FirstSliceRequests, 2 * Math.Max(_thisTerm, _lastTerm));

    public long WantedTokens => (long)Math.Ceiling(WantedRequests * _averageReservation);

    public void Note(int tokens, long now)
    {
        _averageReservation = _averageReservation == 0 ? tokens : (0.8 * _averageReservation) + (0.2 * tokens);
        if (time.GetElapsedTime(_since, now) >= term)
        {
            _lastTerm = _since == 0 ? 0 : _thisTerm;
            _thisTerm = 0;
            _since = now;
        }
        _thisTerm++;
    }
}
