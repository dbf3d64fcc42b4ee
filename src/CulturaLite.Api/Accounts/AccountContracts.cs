using System.Linq.Expressions;

namespace CulturaLite.Api.Accounts;

public sealed record RegisterRequest(
    string? Email,
    string? Password,
    string? PasswordConfirm,
    string? FirstName,
    string? LastName,
    string? OrganizationName,
    string? PrivacyNoticeVersion = null);

/// <summary>The existing frontend sends the email as `username`; either is accepted.</summary>
public sealed record LoginRequest(string? Email, string? Username, string? Password);

public sealed record RefreshRequest(string? Refresh);

public sealed record VerifyRequest(string? Token);

public sealed record UpdateMeRequest(string? FirstName, string? LastName, string? OrganizationName)
{
    public string? OrganizationDescription { get; init; }
    public string? Website { get; init; }
    public string? City { get; init; }
}

public sealed record ProfileResponse(string Role, string OrganizationName, bool IsActive, DateTime DateJoined)
{
    /// <summary>The organizer page's slug (`/o/{slug}`) and what it shows besides the name.</summary>
    public string? Slug { get; init; }
    public string OrganizationDescription { get; init; } = "";
    public string? Website { get; init; }
    public string? City { get; init; }
}

public sealed record UserResponse(
    int Id,
    string Email,
    string FirstName,
    string LastName,
    string Name,
    string Role,
    bool IsActive,
    DateTime DateJoined,
    DateTime? LastLogin,
    ProfileResponse Profile,
    bool IsTrusted,
    bool EmailVerified,
    string? PrivacyNoticeAccepted)
{
    public static readonly Expression<Func<User, UserResponse>> Projection = u => new UserResponse(
        u.Id, u.Email, u.FirstName, u.LastName, u.Name, u.Role, u.IsActive, u.DateJoined, u.LastLogin,
        new ProfileResponse(u.Role, u.OrganizationName, u.IsActive, u.DateJoined)
        {
            Slug = u.Slug,
            OrganizationDescription = u.OrganizationDescription,
            Website = u.Website,
            City = u.City,
        }, u.IsTrusted, u.EmailVerified, u.PrivacyNoticeAccepted);

    private static readonly Func<User, UserResponse> Compiled = Projection.Compile();

    public static UserResponse From(User user) => Compiled(user);
}

public sealed record RegisterResponse(string Message, UserResponse User);

public sealed record LoginResponse(string Access, string Refresh, UserResponse User);

public sealed record TokenPairResponse(string Access, string Refresh);

public sealed record MessageResponse(string Message);
