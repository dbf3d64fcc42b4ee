using System.Text.Json;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Moderation;

/// <summary>
/// One line of the admin action log: who did what to which object, with the details. Written in the
/// same SaveChanges as the change it records; never updated or deleted (<see cref="AuditLogGuard"/>).
/// The actor is copied (id and email), not a foreign key, so removing an account rewrites nothing here.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public int? ActorId { get; private set; }
    public string? ActorEmail { get; private set; }
    public string Action { get; private set; } = "";
    public string TargetType { get; private set; } = "";
    public int TargetId { get; private set; }
    /// <summary>The details as a JSON object.</summary>
    public string Data { get; private set; } = "{}";

    private AuditEntry() { }

    public static AuditEntry For(DateTime at, int? actorId, string? actorEmail, string action, string targetType, int targetId, object? data) => new()
    {
        At = at,
        ActorId = actorId,
        ActorEmail = actorEmail,
        Action = action,
        TargetType = targetType,
        TargetId = targetId,
        Data = JsonSerializer.Serialize(data ?? new { }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }),
    };
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("moderation_audit_entry");
        b.Property(a => a.ActorEmail).HasMaxLength(User.EmailMaxLength);
        b.Property(a => a.Action).HasMaxLength(40).IsRequired();
        b.Property(a => a.TargetType).HasMaxLength(20).IsRequired();
        b.Property(a => a.Data).IsRequired();
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.TargetType, a.TargetId });
        b.HasIndex(a => a.ActorId);
    }
}

/// <summary>Records admin actions, with the signed-in admin as the actor (none for the system's own decisions).</summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>Adds the entry to the pending save (it is written with the change, or not at all).</summary>
    public async Task RecordAsync(string action, string targetType, int targetId, object? data = null, bool bySystem = false, CancellationToken ct = default)
    {
        var user = bySystem ? null : http.HttpContext?.User;
        int? actorId = user?.Identity?.IsAuthenticated == true && int.TryParse(user.FindFirst("user_id")?.Value, out var id) ? id : null;
        var email = actorId is null ? null : db.Users.Local.FirstOrDefault(u => u.Id == actorId)?.Email
                                             ?? await db.Users.AsNoTracking().Where(u => u.Id == actorId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        db.Add(AuditEntry.For(clock.GetUtcNow().UtcDateTime, actorId, email, action, targetType, targetId, data));
    }
}

/// <summary>Refuses any save that would change or remove an audit entry.</summary>
public sealed class AuditLogGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context?.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted) == true)
        {
            throw new InvalidOperationException("Audit entries are never changed or deleted.");
        }
    }
}
