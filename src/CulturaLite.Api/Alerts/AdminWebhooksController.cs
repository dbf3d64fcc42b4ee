using CulturaLite.Api.Data;
using CulturaLite.Api.Moderation;
using CulturaLite.Api.Outbound;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Alerts;

/// <summary>Webhooks for partners: what they are told about, where, and the log of what was delivered.</summary>
[ApiController]
[Authorize(Policies.Admin)]
[Route("api/admin/webhooks")]
[Tags("Webhooks")]
public sealed class AdminWebhooksController(AppDbContext db, AuditLog audit, IOptions<SiteOptions> site, IOptions<OutboundOptions> outbound, TimeProvider clock) : ControllerBase
{
    private const string NoSuchWebhook = "No webhook matches the given id.";

    [HttpGet]
    [ProducesResponseType<Page<WebhookResponse>>(200)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var page = await db.Set<Webhook>().AsNoTracking().OrderBy(w => w.Id).Select(WebhookResponse.Projection).ToPageAsync(Request, ct);
        return page is null ? Pagination.InvalidPage() : Ok(page);
    }

    /// <summary>A new webhook; the answer carries its signing `secret`, shown this once.</summary>
    [HttpPost]
    [ProducesResponseType<CreatedWebhookResponse>(201)]
    public async Task<IActionResult> Create(WebhookRequest? request, CancellationToken ct)
    {
        var details = await ValidateAsync(request, ct);
        if (details.Problem is { } problem)
        {
            return problem;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var webhook = Webhook.Create(details.Value!, site.Value.BaseUrl(Request), now);
        db.Add(webhook);
        // The log line needs the new id: both saves commit together or not at all.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync("webhook.create", "webhook", webhook.Id, new { webhook.Url, webhook.Events }, ct: ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return Created($"/api/admin/webhooks/{webhook.Id}/", new CreatedWebhookResponse(webhook.Id, webhook.Url, webhook.Events, webhook.Description,
            webhook.IsActive, webhook.CreatedAt, webhook.UpdatedAt, webhook.Secret));
    }

    [HttpGet("{id:int}")]
    [ProducesResponseType<WebhookResponse>(200)]
    public async Task<IActionResult> Get(int id, CancellationToken ct) =>
        await db.Set<Webhook>().AsNoTracking().Where(w => w.Id == id).Select(WebhookResponse.Projection).FirstOrDefaultAsync(ct) is { } w
            ? Ok(w) : ProblemConventions.NotFound(NoSuchWebhook);

    /// <summary>Replaces the URL, events, description and active flag; saving a disabled webhook active starts it again.</summary>
    [HttpPut("{id:int}")]
    [ProducesResponseType<WebhookResponse>(200)]
    public async Task<IActionResult> Update(int id, WebhookRequest? request, CancellationToken ct)
    {
        var webhook = await db.Set<Webhook>().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (webhook is null)
        {
            return ProblemConventions.NotFound(NoSuchWebhook);
        }
        var details = await ValidateAsync(request, ct);
        if (details.Problem is { } problem)
        {
            return problem;
        }
        webhook.Edit(details.Value!, clock.GetUtcNow().UtcDateTime);
        await audit.RecordAsync("webhook.update", "webhook", id, new { webhook.Url, webhook.Events, webhook.IsActive }, ct: ct);
        await db.SaveChangesAsync(ct);
        return Ok(WebhookResponse.From(webhook));
    }

    [HttpDelete("{id:int}")]
    [ProducesResponseType(204)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        var webhook = await db.Set<Webhook>().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (webhook is null)
        {
            return ProblemConventions.NotFound(NoSuchWebhook);
        }
        db.Remove(webhook);
        await audit.RecordAsync("webhook.delete", "webhook", id, new { webhook.Url }, ct: ct);
        await db.SaveChangesAsync(ct);
        return NoContent();
    }

    /// <summary>The webhook's deliveries, newest first: type, attempts, last status and duration, next attempt.</summary>
    [HttpGet("{id:int}/deliveries")]
    [ProducesResponseType<Page<WebhookDeliveryResponse>>(200)]
    public async Task<IActionResult> Deliveries(int id, CancellationToken ct)
    {
        if (!await db.Set<Webhook>().AnyAsync(w => w.Id == id, ct))
        {
            return ProblemConventions.NotFound(NoSuchWebhook);
        }
        var page = await db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.WebhookId == id).OrderByDescending(d => d.Id)
            .Select(WebhookDeliveryResponse.Projection).ToPageAsync(Request, ct);
        return page is null ? Pagination.InvalidPage() : Ok(page);
    }

    private async Task<(WebhookDetails? Value, IActionResult? Problem)> ValidateAsync(WebhookRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var url = errors.Text("url", request?.Url, Webhook.UrlMaxLength);
        if (url is not null && await PublicAddresses.RefusalAsync(url, outbound.Value.AllowPrivateNetworks, ct) is { } refusal)
        {
            errors.Add("url", refusal);
        }
        var description = errors.Text("description", request?.Description ?? "", Webhook.DescriptionMaxLength, allowBlank: true);
        var events = request?.Events;
        if (events is null || events.Count == 0)
        {
            errors.Add("events", "Choose at least one of: " + string.Join(", ", WebhookEvents.All) + ".");
        }
        else if (events.FirstOrDefault(e => !WebhookEvents.All.Contains(e)) is { } unknown)
        {
            errors.Add("events", $"\"{(unknown is null ? "null" : unknown.Replace("\0", "", StringComparison.Ordinal))}\" is not a valid choice.");
        }
        return errors.Any
            ? (null, errors.ToProblem())
            : (new WebhookDetails(url!, events!.Distinct().ToList(), description!, request!.IsActive ?? true), null);
    }
}
