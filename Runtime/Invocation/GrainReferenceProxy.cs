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
        // A copy of the interface's first proxy: DispatchProxy.Create constructs through reflection every time, which
        // costs more than the call it prepares and, once the runtime drops its reflection caches, emits and compiles
        // a new constructor stub.
        var reference = (GrainReferenceProxy)Prototype<TGrainInterface>.Instance.MemberwiseClone();
        reference._target = target;
        reference._metadata = metadata;
        reference._invoker = invoker;
        return (TGrainInterface)(object)reference;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _metadata.GetMethod(targetMethod!).ProxyInvoke(_invoker, _target, args ?? []);

    public override string ToString() => $"GrainReference({_target})";

    private static class Prototype<TGrainInterface>
    {
        public static readonly GrainReferenceProxy Instance = (GrainReferenceProxy)(object)Create<TGrainInterface, GrainReferenceProxy>()!;
    }
}
