using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Accounts;

public static class Roles
{
    public const string Vendor = "vendor";
    public const string Admin = "admin";
}

/// <summary>An account: a vendor who submits events, or an admin who moderates them.</summary>
public sealed class User
{
    public const int NameMaxLength = 150;
    public const int EmailMaxLength = 254;
    public const int OrganizationMaxLength = 200;

    public int Id { get; private set; }
    /// <summary>The password hash (ASP.NET Identity v3, or Django's pbkdf2_sha256 until the next login).</summary>
    public string Password { get; private set; } = "";
    public DateTime? LastLogin { get; private set; }
    public bool IsSuperuser { get; private set; }
    public bool IsStaff { get; private set; }
    public string Email { get; private set; } = "";
    /// <summary>The email folded for the case-insensitive uniqueness rule.</summary>
    public string NormalizedEmail { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public string OrganizationName { get; private set; } = "";
    /// <summary>The organizer page's address (`/o/{slug}`): made from the name once, and kept through renames.</summary>
    public string? Slug { get; private set; }
    public string OrganizationDescription { get; private set; } = "";
    public string? Website { get; private set; }
    /// <summary>Where the organizer is based, as typed (canonical when it names a known city).</summary>
    public string? City { get; private set; }
    public string Role { get; private set; } = Roles.Vendor;
    public bool IsActive { get; private set; } = true;
    /// <summary>A trusted vendor's new and edited events are approved at once (and listed for a later look).</summary>
    public bool IsTrusted { get; private set; }
    /// <summary>The address was confirmed through an emailed link (or the operator created the account).</summary>
    public bool EmailVerified { get; private set; }
    /// <summary>The version of the privacy notice the account last consented to (each consent is kept in <c>Privacy.Consent</c>).</summary>
    public string? PrivacyNoticeAccepted { get; private set; }
    /// <summary>When the owner (or an admin, for a grievance) asked for erasure, and when it is carried out.</summary>
    public DateTime? ErasureDueAt { get; private set; }
    public DateTime? ErasureRequestedAt { get; private set; }
    /// <summary>Erased: what is left is the tombstone `erased-{id}`, so audit entries keep their ids.</summary>
    public DateTime? ErasedAt { get; private set; }
    public DateTime DateJoined { get; private set; }
    /// <summary>
    /// Changes whenever the account's sessions must end (console sign-out, a role or password change,
    /// deactivation); a console cookie carries the stamp it was issued with and stops working when they differ.
    /// </summary>
    public string SecurityStamp { get; private set; } = "";

    private User() { }

    public static User RegisterVendor(string email, string firstName, string lastName, string? organization, DateTime now)
    {
        var user = new User
        {
            Email = email.Trim(),
            NormalizedEmail = NormalizeEmail(email),
            Role = Roles.Vendor,
            IsActive = true,
            DateJoined = now,
        };
        user.UpdateProfile(firstName, lastName, organization ?? "");
        return user;
    }

    /// <summary>
    /// An account copied from the Django backend (`import-django`): Django's password hash is kept as is,
    /// checked at login and rehashed then; superusers and staff are admins here.
    /// </summary>
    public static User Import(string email, string firstName, string lastName, string organization, bool admin, bool isSuperuser, bool isStaff,
        bool isActive, DateTime dateJoined, DateTime? lastLogin, string passwordHash)
    {
        var user = RegisterVendor(email, firstName, lastName, organization, dateJoined);
        user.Role = admin ? Roles.Admin : Roles.Vendor;
        user.IsSuperuser = isSuperuser;
        user.IsStaff = isStaff;
        user.IsActive = isActive;
        user.LastLogin = lastLogin;
        user.Password = passwordHash;
        return user;
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Stores a hash of the same password (a rehash at login): sessions go on.</summary>
    public void SetPasswordHash(string hash) => Password = hash;

    /// <summary>A new password: every console session opened before ends.</summary>
    public void ChangePassword(string hash)
    {
        Password = hash;
        EndSessions();
    }

    /// <summary>Every console session of this account stops working (copied cookies included).</summary>
    public void EndSessions() => SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public void RecordLogin(DateTime now) => LastLogin = now;

    public void UpdateProfile(string? firstName, string? lastName, string? organization)
    {
        FirstName = firstName ?? FirstName;
        LastName = lastName ?? LastName;
        OrganizationName = organization ?? OrganizationName;
        Name = $"{FirstName} {LastName}".Trim();
    }

    public const int OrganizationDescriptionMaxLength = 2_000;
    public const int SlugMaxLength = 80;

    /// <summary>What the organizer page says beside the name; null keeps a value, "" clears it.</summary>
    public void UpdateOrganizer(string? description, string? website, string? city)
    {
        OrganizationDescription = description ?? OrganizationDescription;
        Website = website is null ? Website : website.Length == 0 ? null : website;
        City = city is null ? City : city.Length == 0 ? null : city;
    }

    /// <summary>The name the organizer is shown by: the organization's, else the person's.</summary>
    public string OrganizerName => OrganizationName != "" ? OrganizationName : Name;

    /// <summary>Names the organizer page of an account being added (<see cref="OrganizerSlugs"/>); a saved account keeps its slug.</summary>
    public void NameSlug(string slug) => Slug = slug;

    /// <summary>Makes the account an admin (Django's superuser), as `createsuperuser` does.</summary>
    public void PromoteToAdmin()
    {
        Role = Roles.Admin;
        IsSuperuser = true;
        IsStaff = true;
        IsActive = true;
        EndSessions();
    }

    /// <summary>Makes an admin a vendor again.</summary>
    public void DemoteToVendor()
    {
        Role = Roles.Vendor;
        IsSuperuser = false;
        IsStaff = false;
        EndSessions();
    }

    public void Deactivate()
    {
        IsActive = false;
        EndSessions();
    }

    public void Activate() => IsActive = true;

    public void Trust(bool trusted) => IsTrusted = trusted;

    /// <summary>
    /// The owner of <paramref name="address"/> followed a verification link: the account's address is verified
    /// (false when the account's address is another one by now: the link was for an older address).
    /// </summary>
    public bool VerifyEmail(string address)
    {
        if (NormalizeEmail(address) != NormalizedEmail)
        {
            return false;
        }
        EmailVerified = true;
        return true;
    }

    /// <summary>The owner confirmed a new address from its inbox: it is the account's, verified.</summary>
    public void ChangeEmail(string address)
    {
        Email = address.Trim();
        NormalizedEmail = NormalizeEmail(address);
        EmailVerified = true;
    }

    /// <summary>Erasure asked for: the account stops at once (no login, every session ends) and is erased at <paramref name="due"/>.</summary>
    public void RequestErasure(DateTime now, DateTime due)
    {
        Deactivate();
        IsTrusted = false;
        ErasureRequestedAt ??= now;
        ErasureDueAt ??= due;
    }

    /// <summary>Everything personal goes; the id stays as a pseudonymous tombstone.</summary>
    public void Erase(DateTime now)
    {
        Email = NormalizedEmail = $"erased-{Id}";
        FirstName = LastName = Name = OrganizationName = OrganizationDescription = "";
        // The slug is made from the name: it goes too (the page is gone with the events).
        (Slug, Website, City) = (null, null, null);
        Password = "!";
        LastLogin = null;
        EmailVerified = false;
        PrivacyNoticeAccepted = null;
        IsActive = false;
        IsTrusted = false;
        ErasedAt = now;
        EndSessions();
    }

    /// <summary>The owner consented to this version of the privacy notice.</summary>
    public void AcceptPrivacyNotice(string version) => PrivacyNoticeAccepted = version;

    /// <summary>An address the operator typed (createsuperuser, the demo data): taken as verified.</summary>
    public void MarkEmailVerified() => EmailVerified = true;
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users_user");
        b.Property(u => u.Password).HasMaxLength(256).IsRequired();
        b.Property(u => u.Email).HasMaxLength(User.EmailMaxLength).IsRequired();
        b.Property(u => u.NormalizedEmail).HasMaxLength(User.EmailMaxLength).IsRequired();
        b.Property(u => u.Name).HasMaxLength(User.NameMaxLength * 2 + 1).IsRequired();
        b.Property(u => u.FirstName).HasMaxLength(User.NameMaxLength).IsRequired();
        b.Property(u => u.LastName).HasMaxLength(User.NameMaxLength).IsRequired();
        b.Property(u => u.OrganizationName).HasMaxLength(User.OrganizationMaxLength).IsRequired();
        b.Property(u => u.Role).HasMaxLength(20).IsRequired();
        b.Property(u => u.SecurityStamp).HasMaxLength(32).IsRequired().HasDefaultValue("");
        b.HasIndex(u => u.Email).IsUnique();
        b.HasIndex(u => u.NormalizedEmail).IsUnique();
        b.Property(u => u.PrivacyNoticeAccepted).HasMaxLength(Privacy.PrivacyOptions.VersionMaxLength);
        b.Property(u => u.Slug).HasMaxLength(User.SlugMaxLength);
        b.HasIndex(u => u.Slug).IsUnique();
        b.Property(u => u.OrganizationDescription).HasMaxLength(User.OrganizationDescriptionMaxLength).IsRequired().HasDefaultValue("");
        b.Property(u => u.Website).HasMaxLength(500);
        b.Property(u => u.City).HasMaxLength(Events.Event.CityMaxLength);
        b.Ignore(u => u.OrganizerName);
    }
}
