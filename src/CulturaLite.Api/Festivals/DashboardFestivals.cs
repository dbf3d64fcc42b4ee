using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Moderation;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Festivals;

/// <summary>
/// A vendor's own festivals (submit, edit, delete, detach an event) and the admins' decisions on them, for the API,
/// the portal and the console alike. Decisions mirror the events': the reviewed `version`, one notification and one
/// email in the transaction of the change, audited.
/// </summary>
public sealed class DashboardFestivals(AppDbContext db, FestivalSubmission submission, EventImageStore images, OutboxSignal outbox,
    Microsoft.Extensions.Options.IOptions<EmailOptions> email, AuditLog audit, TimeProvider clock)
{
    public const string NoSuchFestival = "No festival matches the given id.";
    public const string NoSuchEvent = "No event of this festival matches the given id.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<DashboardFestivalResponse>> SubmitAsync(int vendorId, RequestFields fields, string baseUrl, CancellationToken ct)
    {
        var read = await submission.ReadAsync(fields, null, partial: false, baseUrl, ct);
        if (read.Value is not { } result)
        {
            return Outcome<DashboardFestivalResponse>.Invalid(read.Errors);
        }
        var f = Festival.Submit(vendorId, result.Details, Now);
        db.Festivals.Add(f);
        await images.SaveOrDiscardAsync(result.Stored, () => db.SaveChangesAsync(ct));
        return Outcome<DashboardFestivalResponse>.Done((await FindAsync(vendorId, f.Id, admin: false, ct))!);
    }

    /// <summary>Changes the festival; an approved or rejected one goes back to review.</summary>
    public async Task<Outcome<DashboardFestivalResponse>> EditAsync(int vendorId, int id, RequestFields fields, bool partial, string baseUrl, CancellationToken ct)
    {
        var f = await db.Festivals.FirstOrDefaultAsync(f => f.Id == id && f.VendorId == vendorId, ct);
        if (f is null)
        {
            return Outcome<DashboardFestivalResponse>.NotFound(NoSuchFestival);
        }
        var (previousKey, previousImages) = (f.ImageKey, f.Images);
        var read = await submission.ReadAsync(fields, f, partial, baseUrl, ct);
        if (read.Value is not { } result)
        {
            return Outcome<DashboardFestivalResponse>.Invalid(read.Errors);
        }
        f.Edit(result.Details, Now);
        try
        {
            await images.SaveOrDiscardAsync(result.Stored, () => db.SaveChangesAsync(ct));
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<DashboardFestivalResponse>.Conflict("stale", "The festival was changed meanwhile. Reload it and try again.");
        }
        if (previousKey is not null && previousKey != f.ImageKey)
        {
            await images.DeleteAsync(previousKey, previousImages);
        }
        return Outcome<DashboardFestivalResponse>.Done((await FindAsync(vendorId, id, admin: false, ct))!);
    }

    /// <summary>Deletes the festival; its events stay, detached.</summary>
    public async Task<bool> DeleteAsync(int vendorId, int id, CancellationToken ct)
    {
        var f = await db.Festivals.FirstOrDefaultAsync(f => f.Id == id && f.VendorId == vendorId, ct);
        if (f is null)
        {
            return false;
        }
        foreach (var e in await db.Events.Where(e => e.FestivalId == id).ToListAsync(ct))
        {
            e.Detach(Now);
        }
        db.Festivals.Remove(f);
        await db.SaveChangesAsync(ct);
        await images.DeleteAsync(f.ImageKey, f.Images);
        return true;
    }

    /// <summary>
    /// The festival's vendor (or an admin, <paramref name="admin"/>) takes an event out of it; every date of a series
    /// leaves with it. False when the festival is not theirs or the event is not in it.
    /// </summary>
    public async Task<bool> DetachAsync(int userId, bool admin, int festivalId, int eventId, CancellationToken ct)
    {
        if (!await db.Festivals.AnyAsync(f => f.Id == festivalId && (admin || f.VendorId == userId), ct))
        {
            return false;
        }
        var e = await db.Events.FirstOrDefaultAsync(e => e.Id == eventId && e.FestivalId == festivalId, ct);
        if (e is null)
        {
            return false;
        }
        var leaving = e.SeriesId is { } seriesId
            ? await db.Events.Where(m => m.SeriesId == seriesId && m.FestivalId == festivalId).ToListAsync(ct)
            : [e];
        foreach (var m in leaving)
        {
            m.Detach(Now);
        }
        await audit.RecordAsync("festival.detach", "festival", festivalId, new { @event = eventId }, ct: ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>One festival as its vendor (or, with <paramref name="admin"/>, any admin) sees it.</summary>
    public Task<DashboardFestivalResponse?> FindAsync(int userId, int id, bool admin, CancellationToken ct) =>
        db.Festivals.AsNoTracking().Where(f => f.Id == id && (admin || f.VendorId == userId)).Select(DashboardFestivalResponse.Projection).FirstOrDefaultAsync(ct);

    /// <summary>Approves or rejects the festival at the reviewed version, with the vendor's notification and email, audited.</summary>
    public async Task<Outcome<Festival>> DecideAsync(int id, int reviewedVersion, int adminId, string? reason, CancellationToken ct)
    {
        var f = await db.Festivals.Include(x => x.Vendor).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null)
        {
            return Outcome<Festival>.NotFound(NoSuchFestival);
        }
        if (f.Version != reviewedVersion)
        {
            return Outcome<Festival>.Conflict(ModerationDecisions.Stale, "The festival changed since you loaded it. Review the current version and decide again.", f);
        }
        var decided = reason is null ? f.Approve(adminId, Now) : f.Reject(adminId, reason, Now);
        if (decided.Value is not { } notification)
        {
            return decided.Failure == Failure.Invalid ? Outcome<Festival>.Invalid(decided.Errors) : Outcome<Festival>.Conflict(decided.Code, decided.Reason, f);
        }
        db.Notifications.Add(notification);
        db.OutboxEmails.Add(DecisionMail.ForFestival(f, f.Vendor.Email, f.Vendor.Name, notification, email.Value, Now));
        await audit.RecordAsync(reason is null ? "festival.approve" : "festival.reject", "festival", id, new { version = reviewedVersion, reason }, ct: ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Festival>.Conflict(ModerationDecisions.Raced, "The festival was changed by another request at the same time. Reload it and decide again.");
        }
        catch (DbUpdateException e) when (!Web.ApiExceptionHandler.IsDatabaseUnavailable(e))
        {
            // Its vendor deleted it meanwhile (the notification's foreign key), or something else went wrong.
            db.ChangeTracker.Clear();
            if (await db.Festivals.AsNoTracking().AnyAsync(x => x.Id == id, CancellationToken.None))
            {
                throw;
            }
            return Outcome<Festival>.NotFound(NoSuchFestival);
        }
        outbox.Wake();
        Operations.AppMetrics.Decisions.Add(1, new KeyValuePair<string, object?>("action", reason is null ? "festival_approve" : "festival_reject"));
        return Outcome<Festival>.Done(f);
    }
}
