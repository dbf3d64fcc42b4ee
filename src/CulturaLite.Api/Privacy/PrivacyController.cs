using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Privacy;

public sealed record GrievanceOfficerResponse(string Name, string Email);

public sealed record RetentionResponse(int UnverifiedAccountsDays, int SessionNetworksDays, int ReportNetworksDays, int SentEmailsDays, double ErasureDelayHours);

public sealed record PrivacyResponse(string NoticeVersion, string? NoticeUrl, GrievanceOfficerResponse GrievanceOfficer, RetentionResponse Retention);

public sealed record ConsentRequest(string? PrivacyNoticeVersion);

public sealed record ErasureRequest(string? Password);

/// <summary>What the platform tells people about their data (the notice, the grievance officer, retention), and consent.</summary>
[ApiController]
[Tags("Privacy")]
public sealed class PrivacyController(Consents consents, PersonalDataExport export, AccountErasure erasure, IOptions<PrivacyOptions> privacy, IOptions<RetentionOptions> retention) : ControllerBase
{
    public const int UnverifiedAccountsDays = 30;
    public const int SessionNetworksDays = 90;
    public const int ReportNetworksDays = 180;

    [HttpGet("api/site/privacy")]
    [AllowAnonymous]
    [ProducesResponseType<PrivacyResponse>(200)]
    public IActionResult Get()
    {
        var p = privacy.Value;
        return Ok(new PrivacyResponse(p.NoticeVersion, p.NoticeUrl, new GrievanceOfficerResponse(p.GrievanceName, p.GrievanceEmail),
            new RetentionResponse(UnverifiedAccountsDays, SessionNetworksDays, ReportNetworksDays, retention.Value.SentEmailDays, p.ErasureDelayHours)));
    }

    /// <summary>Records the caller's consent to the current privacy notice.</summary>
    [HttpPost("api/auth/me/consent")]
    [Authorize]
    [ProducesResponseType<UserResponse>(200)]
    public async Task<IActionResult> Consent(ConsentRequest? request, CancellationToken ct)
    {
        var recorded = await consents.RecordForAsync(User.UserId(), request?.PrivacyNoticeVersion, ct);
        return recorded.Failure == Failure.NotFound ? ProblemConventions.Status(401, "User not found") : recorded.ToResult(me => Ok(UserResponse.From(me)));
    }

    /// <summary>Everything held about the caller, as a JSON attachment; at most once per 10 minutes.</summary>
    [HttpGet("api/auth/me/export")]
    [Authorize]
    [ProducesResponseType(200)]
    public async Task<IActionResult> Export(CancellationToken ct)
    {
        var session = Guid.TryParseExact(User.FindFirst("sid")?.Value, "N", out var sid) ? sid : (Guid?)null;
        switch (await export.SendAsync(Response, User.UserId(), session, ct))
        {
            case null:
                return ProblemConventions.Status(401, "User not found");
            case { } wait when wait > TimeSpan.Zero:
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ProblemConventions.Status(429, $"One export every 10 minutes. Try again in {seconds} seconds.");
            default:
                return new EmptyResult();
        }
    }

    /// <summary>Erases the caller's account: closed at once, its personal data and events erased after the delay.</summary>
    [HttpDelete("api/auth/me")]
    [Authorize]
    [ProducesResponseType<MessageResponse>(202)]
    public async Task<IActionResult> Erase(ErasureRequest? request, CancellationToken ct)
    {
        var asked = await erasure.RequestByOwnerAsync(User.UserId(), request?.Password, ct);
        return asked.Failure == Failure.NotFound
            ? ProblemConventions.Status(401, "User not found")
            : asked.ToResult(due => StatusCode(202, new MessageResponse(AccountErasure.Erasing(due))));
    }

    /// <summary>An admin erases an account for a grievance request, as its owner could.</summary>
    [HttpPost("api/admin/users/{id:int}/erase")]
    [Authorize(Policy = Policies.Admin)]
    [ProducesResponseType<MessageResponse>(202)]
    public async Task<IActionResult> EraseByAdmin(int id, CancellationToken ct) =>
        (await erasure.RequestAsync(id, ct)).ToResult(due => StatusCode(202, new MessageResponse(AccountErasure.Erasing(due))));
}
