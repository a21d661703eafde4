using Grains.Interfaces.Models;

namespace Grains.Models.Admission;

/// <summary>
/// Waiting requests, served by priority class first and, within a class, round-robin across tenants, so that
/// one tenant's burst cannot starve another's requests.
/// </summary>
internal sealed class FairAdmissionQueue
{
    private readonly SortedDictionary<RequestPriority, Lane> _lanes = [];

    public int Count { get; private set; }

    public void Enqueue(AdmissionWaiter waiter)
    {
        if (!_lanes.TryGetValue(waiter.Request.Priority, out var lane))
        {
            _lanes[waiter.Request.Priority] = lane = new Lane();
        }
        lane.Enqueue(waiter);
        Count++;
    }

    public AdmissionWaiter? Peek() => _lanes.Values.FirstOrDefault(l => l.Count > 0)?.Peek();

    public AdmissionWaiter Dequeue()
    {
        var waiter = _lanes.Values.First(l => l.Count > 0).Dequeue();
        Count--;
        return waiter;
    }

    /// <summary>Removes and returns the waiters whose deadline has passed.</summary>
    public List<AdmissionWaiter> RemoveExpired(DateTimeOffset now)
    {
        var expired = new List<AdmissionWaiter>();
        foreach (var lane in _lanes.Values)
        {
            expired.AddRange(lane.RemoveWhere(w => w.Deadline <= now));
        }
        Count -= expired.Count;
        return expired;
    }

    public DateTimeOffset? EarliestDeadline() =>
        Count == 0 ? null : _lanes.Values.SelectMany(l => l.All).Min(w => w.Deadline);

    private sealed class Lane
    {
        private readonly Dictionary<string, Queue<AdmissionWaiter>> _byTenant = new(StringComparer.Ordinal);
        private readonly LinkedList<string> _rotation = new();

        public int Count { get; private set; }

        public IEnumerable<AdmissionWaiter> All => _byTenant.Values.SelectMany(q => q);

        public void Enqueue(AdmissionWaiter waiter)
        {
            var tenant = waiter.Request.Tenant;
            if (!_byTenant.TryGetValue(tenant, out var queue))
            {
                _byTenant[tenant] = queue = new Queue<AdmissionWaiter>();
                _rotation.AddLast(tenant);
            }
            queue.Enqueue(waiter);
            Count++;
        }

        public AdmissionWaiter Peek() => _byTenant[_rotation.First!.Value].Peek();

        public AdmissionWaiter Dequeue()
        {
            var tenant = _rotation.First!.Value;
            var queue = _byTenant[tenant];
            var waiter = queue.Dequeue();
            Count--;
            _rotation.RemoveFirst();
            if (queue.Count == 0)
            {
                _byTenant.Remove(tenant);
            }
            else
            {
                // The tenant just served goes to the back: the others get their turn first.
                _rotation.AddLast(tenant);
            }
            return waiter;
        }

        public List<AdmissionWaiter> RemoveWhere(Func<AdmissionWaiter, bool> predicate)
        {
            var removed = new List<AdmissionWaiter>();
            foreach (var tenant in _rotation.ToList())
            {
                var queue = _byTenant[tenant];
                var kept = queue.Where(w => !predicate(w)).ToList();
                removed.AddRange(queue.Where(predicate));
                if (kept.Count == 0)
                {
                    _byTenant.Remove(tenant);
                    _rotation.Remove(tenant);
                }
                else
                {
                    _byTenant[tenant] = new Queue<AdmissionWaiter>(kept);
                }
            }
            Count -= removed.Count;
            return removed;
        }
    }
}
