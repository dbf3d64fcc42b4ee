namespace CulturaLite.Api.Events;

/// <summary>The cities shipped with the product (Events/indian-cities.txt).</summary>
public static class BundledCities
{
    public static IReadOnlyList<(string Name, string[] Aliases)> Load()
    {
        using var stream = typeof(BundledCities).Assembly.GetManifestResourceStream("CulturaLite.Api.Events.indian-cities.txt")
                           ?? throw new InvalidOperationException("The shipped city list is missing from the build.");
        using var reader = new StreamReader(stream);
        var cities = new List<(string, string[])>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var names = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            cities.Add((names[0], names[1..]));
        }
        return cities;
    }

    /// <summary>The state (or union territory) of each shipped city, by its canonical name (Events/indian-city-states.txt).</summary>
    public static IReadOnlyDictionary<string, string> States { get; } = LoadStates();

    private static Dictionary<string, string> LoadStates()
    {
        using var stream = typeof(BundledCities).Assembly.GetManifestResourceStream("CulturaLite.Api.Events.indian-city-states.txt")
                           ?? throw new InvalidOperationException("The shipped list of the cities' states is missing from the build.");
        using var reader = new StreamReader(stream);
        var states = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#') && line.Split('=', 2, StringSplitOptions.TrimEntries) is [var city, var state])
            {
                states[city] = state;
            }
        }
        return states;
    }
}
