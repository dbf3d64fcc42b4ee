using CulturaLite.Api.Data;
using CulturaLite.Api.Moderation;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// The status actions a vendor takes on their own approved event (cancel, postpone, reschedule, move online), for the
/// dashboard API and the vendor portal: public at once, without review, audited, notifying nobody. A pending, rejected
/// or another vendor's event is not found.
/// </summary>
public sealed class EventStatusActions(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string Cancel = "cancel";
    public const string Postpone = "postpone";
    public const string Reschedule = "reschedule";
    public const string MoveOnline = "move-online";

    public static readonly string[] All = [Cancel, Postpone, Reschedule, MoveOnline];

    public const string NoSuchEvent = "No approved event of yours matches the given id.";

    /// <summary>True when the vendor has this approved event (the actions' precondition).</summary>
    public Task<bool> CanActAsync(int vendorId, int id, CancellationToken ct) =>
        db.Events.AnyAsync(e => e.Id == id && e.VendorId == vendorId && e.Status == EventStatus.Approved, ct);

    /// <summary>Takes <paramref name="action"/> (one of <see cref="All"/>) with the members it reads.</summary>
    public async Task<Outcome<DashboardEventResponse>> TakeAsync(int vendorId, int id, string action, RequestFields fields, CancellationToken ct)
    {
        var e = await db.Events.FirstOrDefaultAsync(e => e.Id == id && e.VendorId == vendorId && e.Status == EventStatus.Approved, ct);
        if (e is null)
        {
            return Outcome<DashboardEventResponse>.NotFound(NoSuchEvent);
        }
        var errors = new FieldErrors();
        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = action switch
        {
            Cancel => Reason(fields, errors) is var reason && errors.Any ? null : e.Cancel(reason, now),
            Postpone => Reason(fields, errors) is var reason && errors.Any ? null : e.Postpone(reason, now),
            Reschedule => RescheduleTo(e, fields, errors, now),
            MoveOnline => OnlineUrl(fields, errors) is var url && errors.Any ? null : e.MoveOnline(url!, now),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a status action."),
        };
        if (outcome is null)
        {
            return Outcome<DashboardEventResponse>.Invalid(errors);
        }
        // A festival's event keeps within the festival's dates, however it moves (API.md "Recurring events and festivals").
        if (action == Reschedule && outcome.Succeeded && e.FestivalId is { } festivalId
            && await db.Festivals.AsNoTracking().FirstOrDefaultAsync(f => f.Id == festivalId, ct) is { } festival && !festival.Holds(e.EventDate, e.EndDate))
        {
            errors.Add("event_date", $"The new dates must fall within the festival's dates ({festival.StartDate:yyyy-MM-dd} to {festival.EndDate:yyyy-MM-dd}); take the event out of the festival first.");
            return Outcome<DashboardEventResponse>.Invalid(errors);
        }
        if (!outcome.Succeeded)
        {
            return outcome.Failure == Failure.Invalid ? Outcome<DashboardEventResponse>.Invalid(outcome.Errors)
                : outcome.Failure == Failure.NotFound ? Outcome<DashboardEventResponse>.NotFound(outcome.Reason)
                : Outcome<DashboardEventResponse>.Conflict(outcome.Code, outcome.Reason);
        }
        // The change is public at once: its revision counts as approved, so a later review shows only the vendor's edits.
        var revision = EventRevision.Of(e, now);
        revision.MarkApproved(now);
        db.EventRevisions.Add(revision);
        await audit.RecordAsync("event." + action.Replace('-', '_'), "event", id, new { event_status = e.Lifecycle, status_reason = e.StatusReason, event_date = e.EventDate }, ct: ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<DashboardEventResponse>.Conflict("stale", "The event was changed meanwhile. Reload it and try again.");
        }
        var item = await db.Events.AsNoTracking().Where(x => x.Id == id).Select(DashboardEventResponse.Projection).FirstAsync(ct);
        return Outcome<DashboardEventResponse>.Done(item);
    }

    private static Outcome<Event>? RescheduleTo(Event e, RequestFields fields, FieldErrors errors, DateTime now)
    {
        var start = Date(fields, errors, "event_date", required: true);
        var end = Date(fields, errors, "end_date", required: false);
        return errors.Any ? null : e.Reschedule(start!.Value, end, now);
    }

    private static string? OnlineUrl(RequestFields fields, FieldErrors errors)
    {
        var text = errors.Text("online_url", fields.Get("online_url") is { IsText: true } v ? v.Text : null, EventFacts.UrlMaxLength);
        return text is null ? null : errors.HttpUrl("online_url", text);
    }

    private static string? Reason(RequestFields fields, FieldErrors errors) => fields.Get("reason") switch
    {
        null or { IsNull: true } => null,
        { IsText: true, Text: var text } => errors.Text("reason", text, EventLifecycle.ReasonMaxLength, required: false, allowBlank: true) is { Length: > 0 } clean ? clean : null,
        _ => Invalid(errors, "reason", "Not a valid string."),
    };

    private static DateTime? Date(RequestFields fields, FieldErrors errors, string name, bool required)
    {
        var value = fields.Get(name);
        if (value is null || value.Value.IsNull || (value.Value.IsText && string.IsNullOrWhiteSpace(value.Value.Text)))
        {
            if (required)
            {
                errors.Add(name, "This field is required.");
            }
            return null;
        }
        if (!value.Value.IsText || !UtcDateTimeConverter.TryParse(value.Value.Text, out var date) || date.Year > 9000)
        {
            errors.Add(name, "Datetime has wrong format. Use ISO 8601, e.g. 2026-03-14T18:30:00Z.");
            return null;
        }
        return date;
    }

    private static string? Invalid(FieldErrors errors, string name, string message)
    {
        errors.Add(name, message);
        return null;
    }
}
