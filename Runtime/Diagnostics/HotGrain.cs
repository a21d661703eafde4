namespace Runtime.Diagnostics;

public sealed record HotGrain(string GrainType, string Key, long Calls, double CallsPerSecond);
