using System.Linq.Expressions;

namespace Runtime.Serialization;

/// <summary>The compiled copy of a nullable mutable struct: null stays null, a value is copied by its own plan.</summary>
internal static class NullableCopyBuilder
{
    public static LambdaExpression? TryBuild(DeepCopier copier, Type type)
    {
        if (Nullable.GetUnderlyingType(type) is not { } underlying || copier.GetPlan(underlying).Strategy != CopyStrategy.Compiled)
        {
            return null;
        }
        var source = Expression.Parameter(type, "source");
        var body = Expression.Condition(
            Expression.Property(source, nameof(Nullable<int>.HasValue)),
            Expression.Convert(copier.CopyOf(Expression.Property(source, nameof(Nullable<int>.Value)), underlying), type),
            source);
        return Expression.Lambda(CopyPlan.FuncOf(type), body, source);
    }
}
