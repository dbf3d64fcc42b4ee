using System.ComponentModel.DataAnnotations;
using System.Net;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Privacy;

/// <summary>`Privacy:*`: the notice people consent to, the grievance officer India's DPDP Act requires, and the erasure delay.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";
    public const int VersionMaxLength = 50;

    [StringLength(VersionMaxLength, MinimumLength = 1, ErrorMessage = "Privacy:NoticeVersion must be 1 to 50 characters.")]
    public string NoticeVersion { get; set; } = "1";

    public string? NoticeUrl { get; set; }

    public string GrievanceName { get; set; } = "Grievance Officer, CulturaLite";

    [EmailAddress(ErrorMessage = "Privacy:GrievanceEmail must be an email address.")]
    public string GrievanceEmail { get; set; } = "grievance@culturalite.local";

    [Range(0, 24 * 30, ErrorMessage = "Privacy:ErasureDelayHours must be from 0 to 720.")]
    public double ErasureDelayHours { get; set; } = 24;
}

/// <summary>One consent to a version of the privacy notice: when, which version, from which network.</summary>
public sealed class Consent
{
    public long Id { get; private set; }
    public int UserId { get; private set; }
    public User User { get; private set; } = null!;
    public string NoticeVersion { get; private set; } = "";
    public DateTime At { get; private set; }
    public string? IpNetwork { get; private set; }

    private Consent() { }

    public static Consent Record(User user, string version, DateTime at, IPAddress? address) =>
        new() { User = user, NoticeVersion = version, At = at, IpNetwork = LoginSession.NetworkOf(address) };
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> b)
    {
        b.ToTable("privacy_consent");
        b.Property(c => c.NoticeVersion).HasMaxLength(PrivacyOptions.VersionMaxLength).IsRequired();
        b.Property(c => c.IpNetwork).HasMaxLength(64);
        b.HasIndex(c => new { c.UserId, c.At });
        b.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Recording consent: the one rule for registration and `me/consent/`.</summary>
public sealed class Consents(AppDbContext db, IOptions<PrivacyOptions> options, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>The account's consent given later (`POST /api/auth/me/consent/`, the portal's account page), saved.</summary>
    public async Task<Outcome<User>> RecordForAsync(int userId, string? version, CancellationToken ct)
    {
        var me = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (me is null)
        {
            return Outcome<User>.NotFound("User not found");
        }
        var errors = new FieldErrors();
        Record(errors, "privacy_notice_version", me, version);
        if (errors.Any)
        {
            return Outcome<User>.Invalid(errors);
        }
        await db.SaveChangesAsync(ct);
        return Outcome<User>.Done(me);
    }

    /// <summary>
    /// Adds the consent to the pending save when <paramref name="version"/> is the current notice's; a field error on
    /// <paramref name="field"/> otherwise (nobody can consent to a notice that is not the one shown).
    /// </summary>
    public void Record(FieldErrors errors, string field, User user, string? version)
    {
        var current = options.Value.NoticeVersion;
        if (string.IsNullOrWhiteSpace(version) || version.Trim() != current)
        {
            errors.Add(field, $"Consent is to the current privacy notice, version {current}.");
            return;
        }
        user.AcceptPrivacyNotice(current);
        db.Add(Consent.Record(user, current, clock.GetUtcNow().UtcDateTime, http.HttpContext?.Connection.RemoteIpAddress));
    }
}
