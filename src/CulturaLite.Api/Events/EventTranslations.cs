using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Net.Http.Headers;

namespace CulturaLite.Api.Events;

/// <summary>An event's title and description in one language.</summary>
public sealed record EventText(string Title, string Description);

/// <summary>
/// An event's text in other languages than its own, by language code, kept as one JSON column: adding
/// a language needs no schema change.
/// </summary>
public static class EventTranslations
{
    public static readonly IReadOnlyDictionary<string, EventText> None = new Dictionary<string, EventText>();

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    internal sealed class Converter() : ValueConverter<IReadOnlyDictionary<string, EventText>, string>(
        v => JsonSerializer.Serialize(v, Json),
        s => JsonSerializer.Deserialize<Dictionary<string, EventText>>(s, Json) ?? new Dictionary<string, EventText>());

    internal sealed class Comparer() : ValueComparer<IReadOnlyDictionary<string, EventText>>(
        (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
        v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
        v => v);
}

/// <summary>
/// Which language a visitor reads: `?lang=` first, then `Accept-Language` in order of its q-values
/// (parsed by the framework), each reduced to its primary subtag and kept only when configured.
/// </summary>
public static class LanguageChoice
{
    /// <summary>The query parameter that chooses the language of public reads.</summary>
    public const string QueryKey = "lang";

    public static IReadOnlyList<string> Preferences(HttpRequest request, IReadOnlyList<string> configured)
    {
        if (request.Headers.AcceptLanguage.Count == 0 && !request.Query.ContainsKey(QueryKey))
        {
            // Nothing asked for (the cache keys every public read by this): no lists, no header parsing.
            return [];
        }
        var wanted = new List<string>();
        void Add(string? tag)
        {
            var primary = tag?.Split('-', '_')[0].Trim().ToLowerInvariant();
            if (primary is { Length: > 0 } && configured.Contains(primary) && !wanted.Contains(primary))
            {
                wanted.Add(primary);
            }
        }
        Add(request.Query[QueryKey].ToString());
        IList<StringWithQualityHeaderValue> accepted;
        try
        {
            accepted = request.GetTypedHeaders().AcceptLanguage;
        }
        catch (FormatException)
        {
            accepted = [];
        }
        foreach (var tag in accepted.Where(t => (t.Quality ?? 1) > 0).OrderByDescending(t => t.Quality ?? 1))
        {
            Add(tag.Value.Value);
        }
        return wanted;
    }

    /// <summary>The first wanted language the event has (its own or a translation), else its own.</summary>
    public static (string Language, EventText Text) Choose(IReadOnlyList<string> wanted, string own, EventText ownText, IReadOnlyDictionary<string, EventText> translations)
    {
        foreach (var language in wanted)
        {
            if (language == own)
            {
                return (own, ownText);
            }
            if (translations.TryGetValue(language, out var text))
            {
                return (language, text);
            }
        }
        return (own, ownText);
    }

    /// <summary>Every language the event can be read in, its own first.</summary>
    public static IReadOnlyList<string> Available(string own, IReadOnlyDictionary<string, EventText> translations) =>
        translations.Keys.Where(k => k != own).Order(StringComparer.Ordinal).Prepend(own).ToList();
}
