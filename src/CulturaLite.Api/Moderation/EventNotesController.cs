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
public sealed class EventNotesController(AppDbContext db, EventNotes notes) : ControllerBase
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
    public async Task<IActionResult> VendorList(int id, CancellationToken ct) =>
        await notes.ForVendorAsync(User.UserId(), id, ct) is { } thread ? Ok(thread) : NotFoundProblem();

    /// <summary>The vendor's reply `{"text"}`; the event shows `has_unread_notes` in the admins' queue.</summary>
    [HttpPost("api/dashboard/events/{id:int}/notes")]
    [Authorize(Policies.Vendor)]
    [ProducesResponseType<EventNoteResponse>(201)]
    public async Task<IActionResult> VendorReply(int id, EventNoteRequest? request, CancellationToken ct) =>
        (await notes.ReplyAsync(User.UserId(), id, request?.Text, ct)).ToResult(note => Created($"/api/dashboard/events/{id}/notes/", EventNoteResponse.From(note)));

    private static ObjectResult NotFoundProblem() => ProblemConventions.NotFound(ModerationDecisions.NoSuchEvent);
}
