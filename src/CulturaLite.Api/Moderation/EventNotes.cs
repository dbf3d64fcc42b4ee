using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation;

/// <summary>A moderator's note on an event, for the admin API and the console alike.</summary>
public sealed class EventNotes(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>Adds the note (a visible one notifies the vendor); the text is 1 to 5,000 characters, a field error otherwise.</summary>
    public async Task<Outcome<EventNote>> AddAsync(int eventId, int adminId, string? rawText, bool visibleToVendor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (errors.Text("text", rawText, EventNote.TextMaxLength) is not { } text)
        {
            return Outcome<EventNote>.Invalid(errors);
        }
        var e = await db.Events.FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (e is null)
        {
            return Outcome<EventNote>.NotFound(ModerationDecisions.NoSuchEvent);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var email = await db.Users.Where(u => u.Id == adminId).Select(u => u.Email).FirstAsync(ct);
        var note = EventNote.FromAdmin(eventId, adminId, email, text, visibleToVendor, now);
        db.EventNotes.Add(note);
        if (visibleToVendor)
        {
            db.Notifications.Add(Notification.For(e, $"A moderator wrote about your event '{e.Title}': {text}", now));
        }
        await audit.RecordAsync("event.note", "event", eventId, new { visible_to_vendor = visibleToVendor }, ct: ct);
        return await db.SaveUnlessEventGoneAsync(eventId, ct)
            ? Outcome<EventNote>.Done(note)
            : Outcome<EventNote>.NotFound(ModerationDecisions.NoSuchEvent);
    }

    /// <summary>Every note of the event, oldest first; the vendor's replies count as read from now.</summary>
    public async Task<List<EventNote>> ReadAllAsync(int eventId, CancellationToken ct)
    {
        var notes = await db.EventNotes.Where(n => n.EventId == eventId).OrderBy(n => n.Id).ToListAsync(ct);
        foreach (var reply in notes.Where(n => n.ByVendor && n.ReadAt is null))
        {
            reply.MarkRead(clock.GetUtcNow().UtcDateTime);
        }
        await db.SaveChangesAsync(ct);
        return notes;
    }
}
