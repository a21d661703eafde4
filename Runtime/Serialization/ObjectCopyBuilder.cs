using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Runtime.Serialization;

/// <summary>
/// The compiled copy of a JSON object contract, built from its <see cref="JsonTypeInfo"/>: the constructor JSON
/// deserializes with (parameterless or parameterized, records included), each constructor argument and each other
/// settable member (init-only and [JsonInclude] private ones too) copied from the member JSON would write, members
/// JSON skips left as the constructor made them. Returns null, for the JSON copy, when the contract holds anything
/// JSON resolves at run time: polymorphism, callbacks, extension data, member converters, number handling, populate.
/// </summary>
internal static class ObjectCopyBuilder
{
    public static LambdaExpression? TryBuild(DeepCopier copier, JsonTypeInfo info)
    {
        var type = info.Type;
        if (info.PolymorphismOptions is not null
            || info.OnSerializing is not null || info.OnSerialized is not null
            || info.OnDeserializing is not null || info.OnDeserialized is not null
            || info.PreferredPropertyObjectCreationHandling == JsonObjectCreationHandling.Populate
            || info.NumberHandling is not null
            || type.IsAbstract || type.IsInterface)
        {
            return null;
        }
        var constructor = info.ConstructorAttributeProvider as ConstructorInfo;
        if (constructor is null && !type.IsValueType)
        {
            return null;
        }
        var source = Expression.Parameter(type, "source");
        var copy = Expression.Variable(type, "copy");
        var parameters = constructor?.GetParameters() ?? [];
        var arguments = new Expression?[parameters.Length];
        var assignments = new List<Expression>();
        foreach (var property in info.Properties)
        {
            // Number handling on the type or a member changes which numbers JSON accepts (named floating-point
            // literals) for members that may themselves take the JSON copy: keep the whole type on JSON.
            if (property.IsExtensionData || property.CustomConverter is not null || property.NumberHandling is not null
                || property.ObjectCreationHandling == JsonObjectCreationHandling.Populate
                || property.AttributeProvider is not MemberInfo member
                || MemberType(member) != property.PropertyType
                || member.DeclaringType?.IsAssignableFrom(type) != true)
            {
                return null;
            }
            if (property.AssociatedParameter is { IsMemberInitializer: false } parameter)
            {
                if (parameter.Position >= arguments.Length || arguments[parameter.Position] is not null)
                {
                    return null;
                }
                arguments[parameter.Position] = Argument(copier, source, member, property, parameter);
            }
            else if (property.Get is not null && property.Set is not null)
            {
                // A required member that may be left out would make JSON throw; only JSON reproduces that.
                if (!IsWritable(member) || (property.IsRequired && property.ShouldSerialize is not null))
                {
                    return null;
                }
                assignments.Add(Assignment(copier, source, copy, member, property));
            }
        }
        if (arguments.Any(a => a is null))
        {
            // A parameter bound to no member: JSON's metadata would have refused the type.
            return null;
        }
        Expression create = constructor is null ? Expression.New(type) : Expression.New(constructor, arguments!);
        Expression body = Expression.Block(type, [copy], [Expression.Assign(copy, create), .. assignments, copy]);
        if (!type.IsValueType)
        {
            body = Expression.Condition(Expression.ReferenceEqual(source, Expression.Constant(null, type)), Expression.Constant(null, type), body);
        }
        return Expression.Lambda(CopyPlan.FuncOf(type), body, source);
    }

    /// <summary>The copied member value, or the parameter's default where JSON would not have written the member.</summary>
    private static Expression Argument(DeepCopier copier, ParameterExpression source, MemberInfo member, JsonPropertyInfo property, JsonParameterInfo parameter)
    {
        Expression fallback = parameter.HasDefaultValue && parameter.DefaultValue is not null
            ? Expression.Convert(Expression.Constant(parameter.DefaultValue, typeof(object)), parameter.ParameterType)
            : Expression.Default(parameter.ParameterType);
        if (property.Get is null)
        {
            return fallback;
        }
        if (property.ShouldSerialize is null)
        {
            return copier.CopyOf(Expression.MakeMemberAccess(source, member), property.PropertyType);
        }
        var value = Expression.Variable(property.PropertyType, "value");
        return Expression.Block(
            [value],
            Expression.Assign(value, Expression.MakeMemberAccess(source, member)),
            Expression.Condition(Written(property, source, value), copier.CopyOf(value, property.PropertyType), fallback));
    }

    private static Expression Assignment(DeepCopier copier, ParameterExpression source, ParameterExpression copy, MemberInfo member, JsonPropertyInfo property)
    {
        if (property.ShouldSerialize is null)
        {
            return Expression.Assign(Expression.MakeMemberAccess(copy, member), copier.CopyOf(Expression.MakeMemberAccess(source, member), property.PropertyType));
        }
        var value = Expression.Variable(property.PropertyType, "value");
        return Expression.Block(
            [value],
            Expression.Assign(value, Expression.MakeMemberAccess(source, member)),
            Expression.IfThen(
                Written(property, source, value),
                Expression.Assign(Expression.MakeMemberAccess(copy, member), copier.CopyOf(value, property.PropertyType))));
    }

    /// <summary>JSON's own decision (a [JsonIgnore] condition or a contract's predicate) whether it writes the member.</summary>
    private static Expression Written(JsonPropertyInfo property, ParameterExpression source, ParameterExpression value) =>
        Expression.Invoke(
            Expression.Constant(property.ShouldSerialize),
            Expression.Convert(source, typeof(object)),
            Expression.Convert(value, typeof(object)));

    private static Type? MemberType(MemberInfo member) => member switch
    {
        PropertyInfo property => property.PropertyType,
        FieldInfo field => field.FieldType,
        _ => null,
    };

    private static bool IsWritable(MemberInfo member) => member switch
    {
        PropertyInfo property => property.SetMethod is not null,
        FieldInfo field => !field.IsInitOnly && !field.IsLiteral,
        _ => false,
    };
}
