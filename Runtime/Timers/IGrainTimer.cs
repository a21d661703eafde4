namespace Runtime;

/// <summary>A timer owned by an activation; disposed with it.</summary>
public interface IGrainTimer : IDisposable
{
    void Change(TimeSpan dueTime, TimeSpan period);
}
