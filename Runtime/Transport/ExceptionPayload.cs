namespace Runtime.Transport;

/// <summary>An exception as it crosses the wire: enough to rebuild its type and message on the caller's side.</summary>
internal sealed record ExceptionPayload(string Type, string? AssemblyQualifiedType, string Message)
{
    public static ExceptionPayload From(Exception exception)
    {
        var type = exception.GetType();
        return new ExceptionPayload(type.FullName ?? type.Name, type.AssemblyQualifiedName, exception.Message);
    }

    /// <summary>The same exception type when this process knows it and it takes a message, else a <see cref="RemoteGrainException"/>.</summary>
    public Exception ToException()
    {
        if (AssemblyQualifiedType is not null && System.Type.GetType(AssemblyQualifiedType, throwOnError: false) is { } type
            && typeof(Exception).IsAssignableFrom(type) && type.GetConstructor([typeof(string)]) is { } constructor)
        {
            try
            {
                return (Exception)constructor.Invoke([Message]);
            }
            catch (System.Reflection.TargetInvocationException)
            {
                // Fall through: the type exists but refuses this message.
            }
        }
        return new RemoteGrainException(Type, Message);
    }
}
