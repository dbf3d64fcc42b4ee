using System.Globalization;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace CulturaLite.Api.Moderation.Console;

/// <summary>
/// The console's queue as the admin filtered it (status, city, category, vendor, search, dates), read from
/// the queue's query string. The queue page lists it; the event page carries the same query string as
/// `back`, so its links return to that queue and a decision moves on to the next event of it.
/// </summary>
public sealed class QueueView
{
    private QueueView(EventFilters filters, int? vendorId, string queryString, FieldErrors errors)
    {
        Filters = filters;
        VendorId = vendorId;
        QueryString = queryString;
        Errors = errors;
    }

    public EventFilters Filters { get; }

    public int? VendorId { get; }

    /// <summary>The queue's own query string ("" or "?status=..."), kept by every link back to it.</summary>
    public string QueryString { get; }

    /// <summary>Malformed filter values (a date that is not a date ...): shown, and the filter left out.</summary>
    public FieldErrors Errors { get; }

    /// <summary>The queue page with these filters.</summary>
    public string Link => "/admin/" + QueryString;

    /// <summary>An event's page that returns to this queue.</summary>
    public string EventLink(int id) => $"/admin/events/{id}" + (QueryString.Length > 0 ? "?back=" + Uri.EscapeDataString(QueryString) : "");

    /// <summary>From the queue's query; no `status` means the pending queue, `status=all` every status.</summary>
    public static QueueView From(IQueryCollection query, TimeZoneInfo zone)
    {
        var values = query.ToDictionary(kv => kv.Key, kv => kv.Value);
        var status = query["status"].ToString();
        if (status.Length == 0)
        {
            values["status"] = EventStatus.Pending;
        }
        else if (status == "all" || !EventStatus.IsKnown(status))
        {
            values.Remove("status");
        }
        var errors = new FieldErrors();
        var filters = EventFilters.Parse(new QueryCollection(values), errors, zone);
        int? vendor = int.TryParse(query["vendor"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var kept = query.Where(kv => kv.Value.Any(s => !string.IsNullOrEmpty(s)))
            .SelectMany(kv => kv.Value.Select(s => new KeyValuePair<string, string?>(kv.Key, s)));
        return new QueueView(filters, vendor, Microsoft.AspNetCore.Http.QueryString.Create(kept).ToString(), errors);
    }

    /// <summary>From an event page's `back` value (a queue query string); anything else is the default queue.</summary>
    public static QueueView FromBack(string? back, TimeZoneInfo zone) =>
        From(new QueryCollection(back is { } q && q.StartsWith('?') ? QueryHelpers.ParseQuery(q) : new Dictionary<string, StringValues>()), zone);

    /// <summary>The filtered queue in its order (the pending queue oldest first).</summary>
    public async Task<IQueryable<Event>> EventsAsync(AppDbContext db, CityResolver cities, CancellationToken ct) =>
        await ModerationQueue.QueryAsync(db, Filters, await cities.GetAsync(ct), VendorId, ct);

    /// <summary>The event that follows <paramref name="current"/> in this queue, or null at its end.</summary>
    public async Task<int?> NextAfterAsync(AppDbContext db, CityResolver cities, Event current, CancellationToken ct)
    {
        var events = ModerationQueue.After(await EventsAsync(db, cities, ct), Filters, current);
        return await events.Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
    }
}
