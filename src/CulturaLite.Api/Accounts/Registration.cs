using System.Net.Mail;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// A new vendor account: every rule of the registration form (email, names, organization, the password
/// rules, the confirmation, one account per email) in one place, then the account, saved.
/// </summary>
public sealed class Registration(AppDbContext db, Passwords passwords, AccountMail mail, Privacy.Consents consents, Notifications.OutboxSignal outbox, TimeProvider clock)
{
    public const string EmailTaken = "A user with this email already exists.";

    public async Task<Outcome<User>> RegisterAsync(RegisterRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = errors.Text("email", request.Email, User.EmailMaxLength);
        if (email is not null && !IsEmail(email))
        {
            errors.Add("email", "Enter a valid email address.");
            email = null;
        }
        var first = errors.Text("first_name", request.FirstName, User.NameMaxLength);
        var last = errors.Text("last_name", request.LastName, User.NameMaxLength);
        var organization = errors.Text("organization_name", request.OrganizationName, User.OrganizationMaxLength, required: false, allowBlank: true);
        var password = RawPassword(errors, "password", request.Password);
        var confirm = RawPassword(errors, "password_confirm", request.PasswordConfirm);
        if (password is not null)
        {
            foreach (var problem in PasswordRules.Check(password, email, first, last))
            {
                errors.Add("password", problem);
            }
            if (confirm is not null && confirm != password)
            {
                errors.Add("password_confirm", "Passwords do not match.");
            }
        }
        if (email is not null && await db.Users.AnyAsync(u => u.NormalizedEmail == User.NormalizeEmail(email), ct))
        {
            errors.Add("email", EmailTaken);
        }
        var user = User.RegisterVendor(email ?? "", first ?? "", last ?? "", organization, clock.GetUtcNow().UtcDateTime);
        if (request.PrivacyNoticeVersion is not null)
        {
            // Consent given with the form, recorded with the account (or not at all).
            consents.Record(errors, "privacy_notice_version", user, request.PrivacyNoticeVersion);
        }
        if (errors.Any)
        {
            return Outcome<User>.Invalid(errors);
        }
        user.SetPasswordHash(await passwords.QueuedAsync(p => p.Hash(password!), ct));
        db.Users.Add(user);
        // The verification email is saved with the account, or not at all.
        await mail.QueueVerificationAsync(user, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException e) when (!ApiExceptionHandler.IsDatabaseUnavailable(e))
            {
                // Two registrations raced for the same email (the unique index kept one), or for the same organizer
                // slug: then the save is tried again, and the slug is chosen again among those now taken.
                if (await db.Users.AsNoTracking().AnyAsync(u => u.NormalizedEmail == user.NormalizedEmail, ct))
                {
                    errors.Add("email", EmailTaken);
                    return Outcome<User>.Invalid(errors);
                }
                if (attempt == 3)
                {
                    throw;
                }
            }
        }
        outbox.Wake();
        return Outcome<User>.Done(user);
    }

    /// <summary>A password as typed: required, not blank, no NUL, at most 1,024 characters (login and registration alike).</summary>
    public static string? RawPassword(FieldErrors errors, string field, string? value)
    {
        if (value is null)
        {
            errors.Add(field, "This field is required.");
            return null;
        }
        if (value.Length == 0)
        {
            errors.Add(field, "This field may not be blank.");
            return null;
        }
        if (value.Contains('\0'))
        {
            errors.Add(field, "Null characters are not allowed.");
            return null;
        }
        if (value.Length > 1024)
        {
            errors.Add(field, "Ensure this field has no more than 1024 characters.");
            return null;
        }
        return value;
    }

    public static bool IsEmail(string value) =>
        value.Count(c => c == '@') == 1 && !value.Any(char.IsWhiteSpace) && value.Split('@')[1].Contains('.')
        && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
}
