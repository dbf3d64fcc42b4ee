using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation;

/// <summary>
/// Notes between moderators and the vendor. Admins read every note (which marks the vendor's replies
/// read) and write visible or internal ones; a visible note notifies the vendor. The vendor reads the
/// visible ones of their own event and replies.
/// </summary>
[ApiController]
[Tags("Moderation")]
public sealed class EventNotesController(AppDbContext db, EventNotes notes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SiteOptions> site) : ControllerBase
{
    [HttpGet("api/admin/events/{id:int}/notes")]
    [Authorize(Policies.Admin)]
    public async Task<IActionResult> AdminList(int id, CancellationToken ct) =>
        await db.Events.AnyAsync(e => e.Id == id, ct)
            ? Ok((await notes.ReadAllAsync(id, ct)).Select(EventNoteResponse.From).ToList())
            : NotFoundProblem();

    /// <summary>`{"text", "visible_to_vendor"}`; a visible note notifies the vendor.</summary>
    [HttpPost("api/admin/events/{id:int}/notes")]
    [Authorize(Policies.Admin)]
    [ProducesResponseType<EventNoteResponse>(201)]
    public async Task<IActionResult> AdminAdd(int id, EventNoteRequest? request, CancellationToken ct)
    {
        var added = await notes.AddAsync(id, User.UserId(), request?.Text, request?.VisibleToVendor ?? false, ct);
        return added.ToResult(note => Created($"/api/admin/events/{id}/notes/", EventNoteResponse.From(note)));
    }

    [HttpGet("api/dashboard/events/{id:int}/notes")]
    [Authorize(Policies.Vendor)]
    public async Task<IActionResult> VendorList(int id, CancellationToken ct)
    {
        var me = User.UserId();
        if (!await db.Events.AnyAsync(e => e.Id == id && e.VendorId == me, ct))
        {
            return NotFoundProblem();
        }
        var notes = await db.EventNotes.AsNoTracking().Where(n => n.EventId == id && n.VisibleToVendor).OrderBy(n => n.Id).ToListAsync(ct);
        return Ok(notes.Select(n => EventNoteResponse.ForVendor(n, site.Value.ModeratorDisplayName)).ToList());
    }

    /// <summary>The vendor's reply `{"text"}`; the event shows `has_unread_notes` in the admins' queue.</summary>
    [HttpPost("api/dashboard/events/{id:int}/notes")]
    [Authorize(Policies.Vendor)]
    [ProducesResponseType<EventNoteResponse>(201)]
    public async Task<IActionResult> VendorReply(int id, EventNoteRequest? request, CancellationToken ct)
    {
        var me = User.UserId();
        if (!await db.Events.AnyAsync(e => e.Id == id && e.VendorId == me, ct))
        {
            return NotFoundProblem();
        }
        var errors = new FieldErrors();
        var text = errors.Text("text", request?.Text, EventNote.TextMaxLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var email = await db.Users.Where(u => u.Id == me).Select(u => u.Email).FirstAsync(ct);
        var note = EventNote.FromVendor(id, me, email, text!, Now);
        db.EventNotes.Add(note);
        if (!await db.SaveUnlessEventGoneAsync(id, ct))
        {
            return NotFoundProblem();
        }
        return Created($"/api/dashboard/events/{id}/notes/", EventNoteResponse.From(note));
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static ObjectResult NotFoundProblem() => ProblemConventions.NotFound(ModerationDecisions.NoSuchEvent);
}
