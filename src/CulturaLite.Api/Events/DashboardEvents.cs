using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// A vendor's own events as the dashboard API and the vendor portal both change them: submit, edit, delete, with
/// every rule of the form (<see cref="EventSubmission"/>), the revision kept, a trusted vendor's automatic approval
/// and the image stored only with the event. Ownership is part of every query: another vendor's event is not found.
/// </summary>
public sealed class DashboardEvents(AppDbContext db, EventSubmission submission, EventImageStore images, Moderation.ModerationDecisions decisions, TimeProvider clock)
{
    public const string NoSuchEvent = "No event matches the given id.";
    public const string ChangedMeanwhile = "The event was changed since you loaded it. Reload it and try again.";

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
        await images.SaveOrDiscardAsync(result.Stored, () => db.SaveChangesAsync(ct));
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
        var (previousKey, previousImages) = (e.ImageKey, e.Images);
        var read = await submission.ReadAsync(fields, e, partial, baseUrl, ct);
        if (read.Value is not { } result)
        {
            return Outcome<DashboardEventResponse>.Invalid(read.Errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        e.Edit(result.Details, now);
        var revision = EventRevision.Of(e, now);
        db.EventRevisions.Add(revision);
        var autoApproved = await decisions.AutoApproveIfTrustedAsync(e, revision, ct);
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
            await images.DeleteAsync(e.ImageKey, e.Images);
            return true;
        }
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
        if (db.Entry(e).State != EntityState.Added)
        {
            await db.Entry(e).Collection(x => x.Notes).LoadAsync(ct);
        }
    }
}
