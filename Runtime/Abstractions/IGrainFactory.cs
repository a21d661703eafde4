namespace Runtime;

/// <summary>Hands out references to grains; a reference is cheap and never the grain object itself.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}
