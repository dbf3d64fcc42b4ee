using System.Globalization;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

/// <summary>Filters by what an event belongs to: its series, its festival.</summary>
public static class GroupFilters
{
    /// <summary>`series=id`: the dates of one series.</summary>
    public static readonly EventFilter<int?> Series = new()
    {
        Name = "series",
        Parse = (query, errors, _) => Id(query, "series", errors),
        Filter = (events, id, _) => events.Where(e => e.SeriesId == id),
        CountKey = (id, _) => id!.Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>`festival=id`: the events of one festival.</summary>
    public static readonly EventFilter<int?> Festival = new()
    {
        Name = "festival",
        Parse = (query, errors, _) => Id(query, "festival", errors),
        Filter = (events, id, _) => events.Where(e => e.FestivalId == id),
        CountKey = (id, _) => id!.Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A positive id; anything else is a field error.</summary>
    internal static int? Id(IQueryCollection query, string name, FieldErrors errors)
    {
        var text = QueryText.Read(query, name, errors);
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            errors.Add(name, "A valid integer is required.");
            return null;
        }
        return id;
    }
}
