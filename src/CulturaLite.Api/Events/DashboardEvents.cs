using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// A vendor's own events as the dashboard API and the vendor portal both change them: submit, edit, delete, with
/// every rule of the form (<see cref="EventSubmission"/>), the revision kept, a trusted vendor's automatic approval
/// and the image stored only with the event. Ownership is part of every query: another vendor's event is not found.
/// </summary>
public sealed class DashboardEvents(AppDbContext db, EventSubmission submission, EventImageStore images, Moderation.ModerationDecisions decisions, SeriesSchedule schedule,
    Microsoft.Extensions.Options.IOptions<SiteOptions> site, TimeProvider clock)
{
    public const string NoSuchEvent = "No event matches the given id.";
    public const string ChangedMeanwhile = "The event was changed since you loaded it. Reload it and try again.";

    /// <summary>The members that only move one date of a series (with `version`): anything else edits the series.</summary>
    private static readonly string[] DateMembers = ["event_date", "end_date", "version"];

    /// <summary>A new pending event of <paramref name="vendorId"/> (approved at once for a trusted vendor).</summary>
    public async Task<Outcome<DashboardEventResponse>> SubmitAsync(int vendorId, RequestFields fields, string baseUrl, CancellationToken ct)
    {
        var read = await submission.ReadAsync(fields, existing: null, partial: false, baseUrl, ct);
        if (read.Value is not { } result)
        {
            return Outcome<DashboardEventResponse>.Invalid(read.Errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var e = Event.Submit(vendorId, result.Details, now);
        db.Events.Add(e);
        var revision = EventRevision.Of(e, now);
        db.EventRevisions.Add(revision);
        var autoApproved = await decisions.AutoApproveIfTrustedAsync(e, revision, ct);
        await LoadForResponseAsync(e, ct);
        await images.SaveOrDiscardAsync(result.Stored, () => SaveNewAsync(e, revision, result.Series, ct));
        // Once saved, the answer is a success whatever happens next: built from what was saved, not read back
        // (a database lost a moment after the commit must not turn a stored event into a 503 and a retry).
        var created = ToResponse(e);
        if (autoApproved)
        {
            await decisions.RecordAutoApprovalAsync(e, ct);
        }
        return Outcome<DashboardEventResponse>.Done(created);
    }

    /// <summary>
    /// Changes the event (<paramref name="partial"/>: only the members sent); an approved or rejected event goes back to
    /// review. A `version` sent that is not the event's is a conflict, not an overwrite.
    /// </summary>
    public async Task<Outcome<DashboardEventResponse>> EditAsync(int vendorId, int id, RequestFields fields, bool partial, string baseUrl, CancellationToken ct)
    {
        var e = await db.Events.FirstOrDefaultAsync(e => e.Id == id && e.VendorId == vendorId, ct);
        if (e is null)
        {
            return Outcome<DashboardEventResponse>.NotFound(NoSuchEvent);
        }
        if (fields.Get("version") is { IsText: true, Text: { } sent } && sent != e.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return Outcome<DashboardEventResponse>.Conflict("stale", ChangedMeanwhile);
        }
        if (e.SeriesId is not null && partial && fields.Names.All(DateMembers.Contains))
        {
            return await MoveAloneAsync(e, fields, baseUrl, ct);
        }
        if (e.SeriesId is { } seriesId && !e.IsSeriesHead)
        {
            var errors = new FieldErrors();
            errors.Add("series", $"This date belongs to series {seriesId}: change the series' text, rule or facts through event {seriesId}, or send only event_date and end_date to move this date alone.");
            return Outcome<DashboardEventResponse>.Invalid(errors);
        }
        await db.Entry(e).Reference(x => x.Series).LoadAsync(ct);
        var (previousKey, previousImages) = (e.ImageKey, e.Images);
        var read = await submission.ReadAsync(fields, e, partial, baseUrl, ct);
        if (read.Value is not { } result)
        {
            return Outcome<DashboardEventResponse>.Invalid(read.Errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        e.Edit(result.Details, now);
        if (result.Series is { } plan)
        {
            if (e.SeriesId is null)
            {
                // A single event becomes the first date of a series.
                schedule.Start(e, plan.Recurrence, plan.Dates);
            }
            else
            {
                await schedule.ResyncAsync(e, plan.Recurrence, plan.Dates, plan.StartMoved, ct);
            }
        }
        var revision = EventRevision.Of(e, now);
        db.EventRevisions.Add(revision);
        var autoApproved = await decisions.AutoApproveIfTrustedAsync(e, revision, ct);
        if (autoApproved && e.SeriesId is not null)
        {
            // A trusted vendor's series is approved whole, as it was sent back whole.
            await schedule.FollowDecisionAsync(e, ct);
        }
        await LoadForResponseAsync(e, ct);
        if (!await images.SaveOrDiscardAsync(result.Stored, () => db.SaveUnlessEventGoneAsync(id, ct)))
        {
            // Its vendor deleted it while this edit was on its way (the new image is removed).
            return Outcome<DashboardEventResponse>.NotFound(NoSuchEvent);
        }
        var edited = ToResponse(e);
        if (autoApproved)
        {
            await decisions.RecordAutoApprovalAsync(e, ct);
        }
        if (previousKey is not null && previousKey != e.ImageKey)
        {
            await images.DeleteAsync(previousKey, previousImages);
        }
        return Outcome<DashboardEventResponse>.Done(edited);
    }

    /// <summary>Deletes the event and its image; false when the vendor has no such event.</summary>
    public async Task<bool> DeleteAsync(int vendorId, int id, CancellationToken ct)
    {
        // The vendor wants the event gone, whatever version it has now: when an edit was saved between this
        // read and this write (the version no longer matches), the deletion reads it again instead of a 409.
        for (var attempt = 1; ; attempt++)
        {
            var e = await db.Events.FirstOrDefaultAsync(e => e.Id == id && e.VendorId == vendorId, ct);
            if (e is null)
            {
                return false;
            }
            var alone = e.SeriesId is not null && !e.IsSeriesHead;
            if (alone)
            {
                // One date of a series: the rule skips its day from now on; the image stays with the other dates.
                await schedule.SkipAsync(e, site.Value.Zone, ct);
            }
            db.Events.Remove(e);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            if (!alone)
            {
                await images.DeleteAsync(e.ImageKey, e.Images);
            }
            return true;
        }
    }

    /// <summary>A new event, and when it starts a series, its other dates, all in one transaction.</summary>
    private async Task SaveNewAsync(Event e, EventRevision revision, SeriesPlan? series, CancellationToken ct)
    {
        if (series is null)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // The series takes its first date's id, known once that is saved.
        schedule.Start(e, series.Recurrence, series.Dates);
        revision.Retake(e);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>One date of a series moves alone (`event_date`, `end_date`): no review, the other dates stay.</summary>
    private async Task<Outcome<DashboardEventResponse>> MoveAloneAsync(Event e, RequestFields fields, string baseUrl, CancellationToken ct)
    {
        var read = await submission.ReadAsync(fields, e, partial: true, baseUrl, ct);
        if (read.Value is not { } result)
        {
            return Outcome<DashboardEventResponse>.Invalid(read.Errors);
        }
        e.MoveAlone(result.Details.EventDate, result.Details.EndDate, clock.GetUtcNow().UtcDateTime);
        await LoadForResponseAsync(e, ct);
        try
        {
            if (!await db.SaveUnlessEventGoneAsync(e.Id, ct))
            {
                return Outcome<DashboardEventResponse>.NotFound(NoSuchEvent);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<DashboardEventResponse>.Conflict("stale", ChangedMeanwhile);
        }
        return Outcome<DashboardEventResponse>.Done(ToResponse(e));
    }

    /// <summary>One of the vendor's events as the dashboard shows it, or null.</summary>
    public Task<DashboardEventResponse?> FindAsync(int vendorId, int id, CancellationToken ct) =>
        db.Events.AsNoTracking().Where(e => e.Id == id && e.VendorId == vendorId)
            .Select(DashboardEventResponse.Projection).FirstOrDefaultAsync(ct);

    private static readonly Func<Event, DashboardEventResponse> ToResponse = DashboardEventResponse.Projection.Compile();

    /// <summary>What the answer shows besides the event's own columns: its category, vendor and notes.</summary>
    private async Task LoadForResponseAsync(Event e, CancellationToken ct)
    {
        await db.Entry(e).Reference(x => x.Category).LoadAsync(ct);
        await db.Entry(e).Reference(x => x.Vendor).LoadAsync(ct);
        await db.Entry(e).Reference(x => x.Festival).LoadAsync(ct);
        if (db.Entry(e).State != EntityState.Added)
        {
            await db.Entry(e).Collection(x => x.Notes).LoadAsync(ct);
            if (!db.Entry(e).Reference(x => x.Series).IsLoaded)
            {
                // An edit of a series loaded it before reading the form.
                await db.Entry(e).Reference(x => x.Series).LoadAsync(ct);
            }
            if (e.Series is { } series)
            {
                await db.Entry(series).Collection(x => x.Members).LoadAsync(ct);
            }
        }
    }
}
