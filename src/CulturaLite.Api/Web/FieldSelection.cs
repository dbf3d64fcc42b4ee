using System.Text.Json;
using System.Text.Json.Nodes;

namespace CulturaLite.Api.Web;

/// <summary>
/// `?fields=a,b` (only those members) and `?omit=a,b` (all but those) on an item or a page of items, as
/// drf-flex-fields reads them; a name the item does not have is a field error on `fields` or `omit`.
/// </summary>
public sealed class FieldSelection
{
    public const string FieldsKey = "fields";
    public const string OmitKey = "omit";

    /// <summary>The query parameters it reads.</summary>
    public static readonly string[] QueryKeys = [FieldsKey, OmitKey];

    private readonly HashSet<string>? _only;
    private readonly HashSet<string> _omit;

    private FieldSelection(HashSet<string>? only, HashSet<string> omit) => (_only, _omit) = (only, omit);

    /// <summary>The members of <typeparamref name="T"/> as they are sent (flattened groups included).</summary>
    public static IReadOnlyCollection<string> MembersOf<T>() => Members<T>.Names;

    /// <summary>The selection, or null when neither parameter was given (or either was malformed, then with its error).</summary>
    public static FieldSelection? Parse(IQueryCollection query, IReadOnlyCollection<string> known, FieldErrors errors)
    {
        var only = Names(query, FieldsKey, known, errors);
        var omit = Names(query, OmitKey, known, errors);
        return errors.Any || (only is null && omit is null) ? null : new FieldSelection(only, omit ?? []);
    }

    /// <summary>The item with only the members chosen.</summary>
    public JsonObject Apply(JsonObject item)
    {
        foreach (var name in item.Select(p => p.Key).ToList())
        {
            if ((_only is not null && !_only.Contains(name)) || _omit.Contains(name))
            {
                item.Remove(name);
            }
        }
        return item;
    }

    /// <summary>Each item of the page as JSON, with only the members chosen.</summary>
    public Page<JsonObject> Apply<T>(Page<T> page, JsonSerializerOptions options) =>
        page.Map(item => Apply(JsonSerializer.SerializeToNode(item, options)!.AsObject()));

    private static HashSet<string>? Names(IQueryCollection query, string key, IReadOnlyCollection<string> known, FieldErrors errors)
    {
        if (!query.TryGetValue(key, out var raw))
        {
            return null;
        }
        var names = raw.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Where(n => !known.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            var shown = string.Join(", ", unknown.Take(5).Select(n => n.Length > 40 ? n[..40] : n));
            errors.Add(key, $"Unknown field: {shown}. Choose from: {string.Join(", ", known)}.");
            return null;
        }
        return names;
    }

    private static class Members<T>
    {
        public static readonly IReadOnlyCollection<string> Names =
            JsonConventions.Create().GetTypeInfo(typeof(T)).Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }
}
