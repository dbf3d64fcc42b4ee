namespace CulturaLite.Api.Events;

/// <summary>Where a typed city name leads: the canonical name to store and list, and every name to search by.</summary>
public sealed record ResolvedCity(string Name, string Key, IReadOnlyList<string> Names);
