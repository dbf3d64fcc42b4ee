using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CulturaLite.Api.Web;

/// <summary>Lists kept in one column as a JSON array (the same text on both databases): names, and UTC times.</summary>
public static class ListColumns
{
    internal sealed class Strings() : ValueConverter<IReadOnlyList<string>, string>(
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
        s => JsonSerializer.Deserialize<List<string>>(s, JsonSerializerOptions.Default) ?? new List<string>());

    internal sealed class StringsComparer() : ValueComparer<IReadOnlyList<string>>(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (hash, s) => HashCode.Combine(hash, s.GetHashCode(StringComparison.Ordinal))),
        v => v.ToList());

    /// <summary>UTC times as `2026-03-14T18:30:00.000000Z` strings.</summary>
    internal sealed class Times() : ValueConverter<IReadOnlyList<DateTime>, string>(
        v => JsonSerializer.Serialize(v.Select(UtcDateTimeConverter.Format), JsonSerializerOptions.Default),
        s => (JsonSerializer.Deserialize<List<string>>(s, JsonSerializerOptions.Default) ?? new List<string>()).Select(ParseUtc).ToList());

    internal sealed class TimesComparer() : ValueComparer<IReadOnlyList<DateTime>>(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (hash, t) => HashCode.Combine(hash, t)),
        v => v.ToList());

    private static DateTime ParseUtc(string text) => UtcDateTimeConverter.TryParse(text, out var value) ? value : default;
}
