using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Moderation;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Privacy;

/// <summary>
/// The right to erasure (DPDP Act). Asked for by the owner or by an admin for a grievance: at once the account cannot
/// log in, every session ends and its events leave the public; a confirmation email goes out; then, after
/// `Privacy:ErasureDelayHours`, its personal data and its events (with revisions, notes and image files) are deleted,
/// leaving the tombstone `erased-{id}` so that audit entries keep their ids.
/// </summary>
public sealed class AccountErasure(
    AppDbContext db,
    RefreshTokenFamily refreshTokens,
    UserStatusCache statuses,
    AuditLog audit,
    EventImageStore images,
    IOptions<PrivacyOptions> privacy,
    IOptions<EmailOptions> email,
    OutboxSignal outbox,
    Passwords passwords,
    TimeProvider clock,
    ILogger<AccountErasure> logger)
{
    public const string WrongPassword = "The password is not correct.";

    /// <summary>The account's owner asks for its erasure, confirming with their password (a field error on `password` otherwise).</summary>
    public async Task<Outcome<DateTime>> RequestByOwnerAsync(int userId, string? password, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var typed = Registration.RawPassword(errors, "password", password);
        var me = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (me is null)
        {
            return Outcome<DateTime>.NotFound("User not found");
        }
        if (typed is not null && !await passwords.MatchesAsync(me.Password, typed, ct))
        {
            errors.Add("password", WrongPassword);
        }
        return errors.Any ? Outcome<DateTime>.Invalid(errors) : await RequestAsync(me.Id, ct);
    }

    /// <summary>What the owner reads once the erasure is asked for.</summary>
    public static string Erasing(DateTime due) =>
        $"The account is closed; its personal data and events will be erased by {UtcDateTimeConverter.Format(due)}.";

    public const string LastAdmin = "The last admin cannot be erased: make another account an admin first.";

    /// <summary>Stops the account now and schedules its erasure (done before returning when the delay is 0).</summary>
    public async Task<Outcome<DateTime>> RequestAsync(int userId, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.ErasedAt == null, ct);
        if (user is null)
        {
            return Outcome<DateTime>.NotFound("No account matches the given id.");
        }
        if (user.IsAdmin && !await db.Users.AnyAsync(u => u.Id != userId && u.Role == Roles.Admin && u.IsActive && u.ErasedAt == null, ct))
        {
            return Outcome<DateTime>.Conflict("last_admin", LastAdmin);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var due = now.AddHours(privacy.Value.ErasureDelayHours);
        var wasRequested = user.ErasureRequestedAt is not null;
        user.RequestErasure(now, due);
        if (!wasRequested)
        {
            db.OutboxEmails.Add(OutboxEmail.Create(user.Email, "Your CulturaLite account will be erased", $"""
                {(string.IsNullOrWhiteSpace(user.Name) ? "Hello," : $"Hello {user.Name},")}

                As asked, your CulturaLite account is closed: nobody can log in to it, and its events are no longer shown.
                On {UtcDateTimeConverter.Format(user.ErasureDueAt!.Value)} (UTC) its personal data and its events will be erased for good.

                If you did not ask for this, write to the grievance officer at {privacy.Value.GrievanceEmail} before then.

                - The CulturaLite team
                """, email.Value.Domain, now));
            await audit.RecordAsync("user.erase_requested", "user", user.Id, new { due = user.ErasureDueAt }, ct: ct);
        }
        await db.SaveChangesAsync(ct);
        await refreshTokens.RevokeAllForUserAsync(user.Id, ct);
        statuses.Forget(user.Id);
        outbox.Wake();
        if (user.ErasureDueAt <= now)
        {
            await EraseAsync(user.Id, ct);
        }
        return Outcome<DateTime>.Done(user.ErasureDueAt!.Value);
    }

    /// <summary>Erases every account whose erasure is due; how many.</summary>
    public async Task<int> EraseDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Users.Where(u => u.ErasureDueAt <= now && u.ErasedAt == null).Select(u => u.Id).ToListAsync(ct);
        foreach (var id in due)
        {
            await EraseAsync(id, ct);
        }
        return due.Count;
    }

    private async Task EraseAsync(int userId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        var address = user.NormalizedEmail;
        var requested = user.ErasureRequestedAt ?? DateTime.MaxValue;
        var stored = await db.Events.AsNoTracking().Where(e => e.VendorId == userId).Select(e => new { e.ImageKey, e.Images })
            .Concat(db.Festivals.AsNoTracking().Where(f => f.VendorId == userId).Select(f => new { f.ImageKey, f.Images })).ToListAsync(ct);
        var tombstone = $"erased-{userId}";
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Notifications.Where(n => n.VendorId == userId).ExecuteDeleteAsync(ct);
            // Revisions, notes and reports about them go with the events (their foreign keys cascade).
            await db.Events.Where(e => e.VendorId == userId).ExecuteDeleteAsync(ct);
            // Its festivals too; other vendors' events in them stay, outside them (the foreign key sets null).
            await db.Festivals.Where(f => f.VendorId == userId).ExecuteDeleteAsync(ct);
            // The erasure's own confirmation stays until it is sent (the retention job then removes it).
            await db.OutboxEmails.Where(m => m.To.ToLower() == address && m.CreatedAt < requested).ExecuteDeleteAsync(ct);
            await db.AccountTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
            await db.LoginSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
            await db.RefreshTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
            await db.Consents.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
            await db.EventReports.Where(r => r.ReporterUserId == userId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReporterUserId, (int?)null), ct);
            await db.EventNotes.Where(n => n.AuthorId == userId).ExecuteUpdateAsync(s => s.SetProperty(n => n.AuthorEmail, tombstone), ct);
            // Audit entries are never changed through the model (AuditLogGuard); erasure is the one change they get:
            // the actor's email becomes the tombstone, the ids stay.
            await db.AuditEntries.Where(a => a.ActorId == userId).ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorEmail, tombstone), ct);
            user.Erase(clock.GetUtcNow().UtcDateTime);
            await audit.RecordAsync("user.erased", "user", userId, bySystem: true, ct: ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        statuses.Forget(userId);
        foreach (var image in stored.DistinctBy(i => i.ImageKey))
        {
            try
            {
                await images.DeleteAsync(image.ImageKey, image.Images);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The account is erased and committed; a file the storage keeps is logged for the operator, not answered as a 500.
                logger.LogWarning("An image of erased account {UserId} could not be deleted: {Message}", userId, e.Message);
            }
        }
        logger.LogInformation("Account {UserId} erased.", userId);
    }
}
