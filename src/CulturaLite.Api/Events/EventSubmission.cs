using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// A vendor's submission or edit: the form read (<see cref="EventForm"/>), then its image stored
/// (<see cref="EventImageStore"/>) only when every field is valid, then the details the event takes.
/// </summary>
public sealed class EventSubmission(AppDbContext db, CityResolver cities, EventImageStore images, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<SiteOptions> site)
{
    /// <summary>The details the event takes; <see cref="Stored"/> is the newly stored image the event will own.</summary>
    public sealed record Submitted(EventDetails Details, StoredImage? Stored)
    {
        /// <summary>The series the event is the first date of (<see cref="EventRequest.Series"/>).</summary>
        public SeriesPlan? Series { get; init; }
    }

    /// <param name="fields">The request's members.</param>
    /// <param name="existing">The event being edited; null when creating.</param>
    /// <param name="partial">PATCH: members that are absent keep their value.</param>
    /// <param name="baseUrl">The request's scheme and host, for absolute media URLs.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Outcome<Submitted>> ReadAsync(RequestFields fields, Event? existing, bool partial, string baseUrl, CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().Select(c => new CategoryRef(c.Id, c.Name, c.Slug)).ToListAsync(ct);
        var form = new EventForm(clock.GetUtcNow().UtcDateTime, site.Value.EventLanguages, categories, images.MaxBytes, site.Value.Zone);
        var read = form.Read(fields, existing, partial);
        if (read.Value is not { } request)
        {
            return Outcome<Submitted>.Invalid(read.Errors);
        }
        if (request.FestivalId is { } festivalId && await FestivalProblemAsync(festivalId, request, existing, ct) is { } problem)
        {
            var errors = new FieldErrors();
            errors.Add("festival", problem);
            return Outcome<Submitted>.Invalid(errors);
        }
        StoredImage? stored = null;
        string url;
        string? thumbnail;
        string? key;
        EventImages? variants;
        switch (request.Image)
        {
            case ImageChoice.Upload upload:
                var outcome = await images.StoreAsync(upload.File, baseUrl, ct);
                if (!outcome.Succeeded)
                {
                    return Outcome<Submitted>.Invalid(outcome.Errors);
                }
                stored = outcome.Value!;
                (url, thumbnail, key, variants) = (stored.Url, stored.ThumbnailUrl, stored.ImageKey, stored.Variants);
                break;
            case ImageChoice.External external:
                (url, thumbnail, key, variants) = (external.Url, null, null, null);
                break;
            default:
                (url, thumbnail, key, variants) = (existing!.ImageUrl, existing.ThumbnailUrl, existing.ImageKey, existing.Images);
                break;
        }
        var placed = (await cities.GetAsync(ct)).Resolve(request.City);
        var categoryName = request.CategoryName ?? categories.FirstOrDefault(c => c.Id == request.CategoryId)?.Name;
        var details = new EventDetails(request.Title, request.Description, placed.Name, request.EventDate, request.CategoryId, url, thumbnail, key)
        {
            EndDate = request.EndDate,
            Venue = request.Venue,
            Facts = request.Facts,
            Images = variants,
            Language = request.Language,
            Translations = request.Translations,
            IndexTerms = SearchIndex.Terms(placed, categoryName),
            FestivalId = request.FestivalId,
        };
        return Outcome<Submitted>.Done(new Submitted(details, stored) { Series = request.Series });
    }

    /// <summary>
    /// Why the event cannot be part of festival <paramref name="id"/>: it is not approved (or not public), or one of the
    /// event's dates (every date of a series) falls outside it. Null when it can. An event that already is in the
    /// festival stays while its dates do not change.
    /// </summary>
    private async Task<string?> FestivalProblemAsync(int id, EventRequest request, Event? existing, CancellationToken ct)
    {
        var festival = await db.Festivals.AsNoTracking().Where(f => f.Id == id).Select(f => new { f.Status, f.Vendor.IsActive, f.StartDate, f.EndDate }).FirstOrDefaultAsync(ct);
        if (festival is null)
        {
            return "No festival has this id.";
        }
        var unchanged = existing is not null && existing.FestivalId == id && existing.EventDate == request.EventDate && existing.EndDate == request.EndDate
            && request.Series is null;
        if (unchanged)
        {
            return null;
        }
        if (festival.Status != EventStatus.Approved || !festival.IsActive)
        {
            return "The festival is not approved: events can be added to it once it is.";
        }
        var duration = request.EndDate - request.EventDate;
        var starts = request.Series?.Dates ?? [request.EventDate];
        if (starts.Any(s => s < festival.StartDate || (duration is { } d ? s + d : s) > festival.EndDate))
        {
            return "The event's dates must fall within the festival's dates.";
        }
        return null;
    }
}
