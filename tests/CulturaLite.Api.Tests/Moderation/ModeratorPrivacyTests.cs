using System.Net;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Moderation;

/// <summary>
/// What a vendor sees of the moderators is "CulturaLite moderation", never an admin's email or id; and a
/// console session ends everywhere (a copied cookie too) at sign-out, role or password change and deactivation.
/// </summary>
public abstract class ModeratorPrivacyTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : ModeratorPrivacyTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : ModeratorPrivacyTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task A_note_the_vendor_reads_names_the_moderation_team_not_the_admin()
    {
        var (vendor, admin) = await SessionsAsync();
        var id = (int)(await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Noted"))))))["id"]!;
        Assert.Equal(HttpStatusCode.Created, (await admin.Client.PostAsync($"/api/admin/events/{id}/notes/", Body(new { text = "Please add the venue.", visible_to_vendor = true }))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await vendor.Client.PostAsync($"/api/dashboard/events/{id}/notes/", Body(new { text = "Added it." }))).StatusCode);

        var response = await vendor.Client.GetAsync($"/api/dashboard/events/{id}/notes/");
        var body = await response.Content.ReadAsStringAsync();
        var notes = (await Json(response)).AsArray();

        Assert.DoesNotContain(admin.Email, body, StringComparison.OrdinalIgnoreCase);
        var fromModerators = notes.Single(n => (string)n!["author"]!["role"]! == "admin")!;
        Assert.Equal("CulturaLite moderation", (string)fromModerators["author"]!["name"]!);
        Assert.Null(fromModerators["author"]!["id"]);
        Assert.Null(fromModerators["author"]!["email"]);
        // The admins still see who wrote what.
        var adminView = await admin.Client.GetStringAsync($"/api/admin/events/{id}/notes/");
        Assert.Contains(admin.Email, adminView, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableTheory]
    [InlineData("sign-out")]
    [InlineData("password")]
    [InlineData("role")]
    [InlineData("deactivate")]
    public async Task A_console_session_ends_everywhere_when_its_admin_signs_out_or_changes(string change)
    {
        _ = Client();
        var console = await ConsoleSession.SignInAsync(Factory);
        var copied = console.CopyCookiesTo(Factory);
        Assert.Equal(HttpStatusCode.OK, (await copied.GetAsync("/admin")).StatusCode);

        switch (change)
        {
            case "sign-out":
                Assert.Equal(HttpStatusCode.Redirect, (await console.PostFormAsync("/admin/logout", [], formPage: "/admin")).StatusCode);
                break;
            case "password":
                using (var scope = Factory.Services.CreateScope())
                {
                    var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
                    Assert.True((await accounts.SetPasswordAsync(console.AdminId, "Another-Pass-2026", default)).Succeeded);
                }
                break;
            case "role":
                using (var scope = Factory.Services.CreateScope())
                {
                    var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
                    Assert.True((await accounts.DemoteAsync(console.AdminId, default)).Succeeded);
                    Assert.True((await accounts.PromoteAsync(console.AdminId, default)).Succeeded);
                }
                break;
            case "deactivate":
                var (_, other) = await SessionsAsync();
                Assert.Equal(HttpStatusCode.OK, (await other.Client.PostAsync($"/api/admin/users/{console.AdminId}/deactivate/", null)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await other.Client.PostAsync($"/api/admin/users/{console.AdminId}/activate/", null)).StatusCode);
                break;
        }

        var after = await copied.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/login", after.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
    }
}
