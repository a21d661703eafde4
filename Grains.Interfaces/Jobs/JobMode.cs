namespace Grains.Interfaces.Jobs;

public enum JobMode
{
    Parallel,
    Sequential,
}
