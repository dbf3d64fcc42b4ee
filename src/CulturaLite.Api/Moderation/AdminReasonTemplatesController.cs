using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation;

public sealed record ReasonTemplateRequest(string? Title, string? Text);

public sealed record ReasonTemplateResponse(int Id, string Title, string Text)
{
    public static ReasonTemplateResponse From(ReasonTemplate t) => new(t.Id, t.Title, t.Text);
}

/// <summary>Rejection reasons admins reuse; a reject may name one by id (`template`) instead of typing `reason`.</summary>
[ApiController]
[Authorize(Policies.Admin)]
[Route("api/admin/reason-templates")]
[Tags("Moderation")]
public sealed class AdminReasonTemplatesController(AppDbContext db, AuditLog audit) : ControllerBase
{
    /// <summary>Every template as a plain array, ordered by title.</summary>
    [HttpGet]
    public async Task<List<ReasonTemplateResponse>> List(CancellationToken ct) =>
        (await db.ReasonTemplates.AsNoTracking().ToListAsync(ct))
            .OrderBy(t => t.Title, StringComparer.OrdinalIgnoreCase).Select(ReasonTemplateResponse.From).ToList();

    [HttpPost]
    [ProducesResponseType<ReasonTemplateResponse>(201)]
    public async Task<IActionResult> Create(ReasonTemplateRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (title, text) = Validate(errors, request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var template = ReasonTemplate.Create(title!, text!);
        db.ReasonTemplates.Add(template);
        // The log line needs the new id: both saves commit together or not at all.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync("template.create", "reason_template", template.Id, new { title }, ct: ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return Created($"/api/admin/reason-templates/{template.Id}/", ReasonTemplateResponse.From(template));
    }

    [HttpPut("{id:int}")]
    [ProducesResponseType<ReasonTemplateResponse>(200)]
    public async Task<IActionResult> Update(int id, ReasonTemplateRequest? request, CancellationToken ct)
    {
        var template = await db.ReasonTemplates.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return NotFoundProblem();
        }
        var errors = new FieldErrors();
        var (title, text) = Validate(errors, request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        template.Change(title!, text!);
        await audit.RecordAsync("template.update", "reason_template", id, new { title }, ct: ct);
        await db.SaveChangesAsync(ct);
        return Ok(ReasonTemplateResponse.From(template));
    }

    [HttpDelete("{id:int}")]
    [ProducesResponseType(204)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        var template = await db.ReasonTemplates.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return NotFoundProblem();
        }
        db.ReasonTemplates.Remove(template);
        await audit.RecordAsync("template.delete", "reason_template", id, new { template.Title }, ct: ct);
        await db.SaveChangesAsync(ct);
        return NoContent();
    }

    private static (string? Title, string? Text) Validate(FieldErrors errors, ReasonTemplateRequest? request) =>
        (errors.Text("title", request?.Title, ReasonTemplate.TitleMaxLength), errors.Text("text", request?.Text, ReasonTemplate.TextMaxLength));

    private static ObjectResult NotFoundProblem() => ProblemConventions.NotFound("No reason template matches the given id.");
}
