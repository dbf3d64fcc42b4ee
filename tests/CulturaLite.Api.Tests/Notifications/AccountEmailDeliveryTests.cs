using System.Net;
using System.Text.RegularExpressions;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Notifications;

/// <summary>The account lifecycle's emails leave through the outbox and arrive at a real SMTP server (aiosmtpd), link included.</summary>
public abstract class AccountEmailDeliveryTests(ApiFactory factory, SmtpServer smtp) : ApiTest(factory)
{
    public sealed class Sqlite(SmtpSqliteFactory f) : AccountEmailDeliveryTests(f, f.Smtp), IClassFixture<SmtpSqliteFactory>;

    public sealed class Postgres(SmtpPostgresFactory f) : AccountEmailDeliveryTests(f, f.Smtp), IClassFixture<SmtpPostgresFactory>;

    [SkippableFact]
    public async Task A_verification_email_arrives_with_a_link_that_works()
    {
        _ = Client();
        var unavailable = SmtpServer.UnavailableReason;
        Skip.If(unavailable is not null, unavailable);
        smtp.Start();
        var email = $"{Unique("smtp")}@example.com";
        const string password = "Monsoon-Ragas-77";
        Assert.Equal(HttpStatusCode.Created, (await Client().PostAsync("/api/auth/register/",
            Body(new { email, password, password_confirm = password, first_name = "Asha", last_name = "Rao" }))).StatusCode);

        string? message = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (message is null && DateTime.UtcNow < deadline)
        {
            message = smtp.Messages().FirstOrDefault(m => m.Contains(email, StringComparison.Ordinal));
            await Task.Delay(200);
        }
        Assert.NotNull(message);
        Assert.Contains("Subject: Confirm your email address for CulturaLite", message);
        // Quoted-printable may fold the long link: unfold soft line breaks first.
        var unfolded = message.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal);
        var token = Regex.Match(unfolded, @"/account/verify-email\?token=([A-Za-z0-9_\-]+)").Groups[1].Value;
        Assert.NotEmpty(token);
        Assert.Equal(HttpStatusCode.OK, (await Client().PostAsync("/api/auth/verify-email/", Body(new { token }))).StatusCode);
    }
}
