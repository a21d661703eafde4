using System.Reflection;

namespace Runtime.Invocation;

/// <summary>The object a caller holds for a grain: it turns each interface call into a message.</summary>
public class GrainReferenceProxy : DispatchProxy
{
    private GrainId _target;
    private GrainInterfaceMetadata _metadata = null!;
    private IGrainCallInvoker _invoker = null!;

    public GrainId GrainId => _target;

    internal static TGrainInterface Create<TGrainInterface>(GrainId target, GrainInterfaceMetadata metadata, IGrainCallInvoker invoker)
    {
        var proxy = Create<TGrainInterface, GrainReferenceProxy>();
        var reference = (GrainReferenceProxy)(object)proxy!;
        reference._target = target;
        reference._metadata = metadata;
        reference._invoker = invoker;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _metadata.GetMethod(targetMethod!).ProxyInvoke(_invoker, _target, args ?? []);

    public override string ToString() => $"GrainReference({_target})";
}
