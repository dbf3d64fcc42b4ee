using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CulturaLite.Api.Web;

/// <summary>
/// Writes the members of this property's value as members of the object that holds it, so a response can hold a
/// group of fields (a venue, a moderation state) as one value and still send the flat object the contract names.
/// Each member is named by its <see cref="JsonPropertyNameAttribute"/>, else by the naming policy.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FlattenAttribute : Attribute;

/// <summary>The contract modifier behind <see cref="FlattenAttribute"/> (write-only: responses are never read back).</summary>
public static class JsonFlatten
{
    public static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        for (var i = 0; i < info.Properties.Count; i++)
        {
            var group = info.Properties[i];
            if (group.AttributeProvider is not MemberInfo declared || !declared.IsDefined(typeof(FlattenAttribute)) || group.Get is not { } read)
            {
                continue;
            }
            info.Properties.RemoveAt(i);
            foreach (var member in Members(group.PropertyType))
            {
                var get = Getter(group.PropertyType, member);
                var flat = info.CreateJsonPropertyInfo(member.PropertyType, Name(member, info));
                flat.Get = owner => read(owner) is { } value ? get(value) : null;
                flat.AttributeProvider = member;
                if (member.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.WhenWritingNull })
                {
                    flat.ShouldSerialize = (_, value) => value is not null;
                }
                info.Properties.Insert(i++, flat);
            }
            i--;
        }
    }

    /// <summary>A compiled read of <paramref name="member"/> (a list page reads each member of each item).</summary>
    private static Func<object, object?> Getter(Type group, PropertyInfo member)
    {
        var value = Expression.Parameter(typeof(object));
        return Expression.Lambda<Func<object, object?>>(
            Expression.Convert(Expression.Property(Expression.Convert(value, group), member), typeof(object)), value).Compile();
    }

    /// <summary>The members a group sends, in declaration order.</summary>
    public static IEnumerable<PropertyInfo> Members(Type group) =>
        group.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .OrderBy(p => p.MetadataToken);

    /// <summary>A member's name on the wire.</summary>
    public static string Name(PropertyInfo member, JsonTypeInfo info) =>
        member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? info.Options.PropertyNamingPolicy?.ConvertName(member.Name) ?? member.Name;
}
