using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;

namespace CulturaLite.Api.Accounts;

public static class AccountsModule
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        JwtOptions.Add(services);
        services.AddSingleton<TokenIssuer>();
        services.AddOptions<PasswordOptions>().BindConfiguration(PasswordOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new Passwords(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PasswordOptions>>().Value.Iterations));
        services.AddSingleton<RefreshCookie>();
        services.AddSingleton<UserStatusCache>();
        services.AddScoped<RefreshTokenFamily>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<Credentials>();
        services.AddScoped<Registration>();
        services.AddScoped<ProfileUpdate>();
        services.AddScoped<AccountTokens>();
        services.AddScoped<AccountMail>();
        services.AddScoped<EmailVerification>();
        services.AddScoped<AccountPasswords>();
        services.AddScoped<LoginSessions>();
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        RateLimits.Add(services);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<Microsoft.Extensions.Options.IOptions<JwtOptions>>((o, jwt) =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = TokenIssuer.ValidationParameters(jwt.Value);
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = CheckAccessTokenAsync,
                OnChallenge = WriteChallengeAsync,
            };
        });
        return builder;
    }

    /// <summary>Only access tokens authenticate, and only while their user is active.</summary>
    private static async Task CheckAccessTokenAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (principal.FindFirst("token_type")?.Value != TokenTypes.Access)
        {
            context.Fail("Token has wrong type");
            return;
        }
        var userId = principal.UserId();
        var status = userId == 0 ? null
            : await context.HttpContext.RequestServices.GetRequiredService<UserStatusCache>().GetAsync(userId, context.HttpContext.RequestAborted);
        if (status is null || !status.IsActive)
        {
            context.Fail("User is inactive");
        }
        else if (status.Role != principal.FindFirst("role")?.Value)
        {
            // Issued before the user's role changed: it must not keep acting in the old role.
            context.Fail("Role changed");
        }
    }

    /// <summary>401 problem+json with `WWW-Authenticate: Bearer`, in SimpleJWT's words.</summary>
    private static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var invalid = context.AuthenticateFailure is not null || !string.IsNullOrEmpty(context.Error);
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = invalid ? "Bearer error=\"invalid_token\"" : "Bearer";
        var detail = invalid ? "Given token not valid for any token type" : "Authentication credentials were not provided.";
        var problem = new ProblemDetails { Status = 401, Title = "Unauthorized", Detail = detail, Type = ProblemConventions.TypeFor(401) };
        if (invalid)
        {
            problem.Extensions["code"] = "token_not_valid";
        }
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
