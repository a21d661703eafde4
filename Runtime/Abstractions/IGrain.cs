namespace Runtime;

/// <summary>Marker for every grain interface.</summary>
public interface IGrain;
