namespace Runtime.Hosting;

/// <summary>Grain classes contributed by one AddGrains call.</summary>
internal sealed record GrainClassSource(IReadOnlyList<Type> Classes);
