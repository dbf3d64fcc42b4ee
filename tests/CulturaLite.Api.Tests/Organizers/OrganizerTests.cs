using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Organizers;

/// <summary>API.md "Event facts", organizers: stable slugs, the profile, the filter, the page, the sitemap, a rename everywhere at once.</summary>
public abstract class OrganizerTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : OrganizerTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : OrganizerTests(f), IClassFixture<PostgresApiFactory>;

    private const string Password = "Monsoon-Ragas-77";

    /// <summary>A new vendor with this organization name, signed in.</summary>
    private async Task<(HttpClient Client, JsonNode User)> VendorAsync(string organization)
    {
        var email = $"{Unique("org")}@example.com";
        var register = await Client().PostAsync("/api/auth/register/", Body(new
        {
            email,
            password = Password,
            password_confirm = Password,
            first_name = "Asha",
            last_name = "Rao",
            organization_name = organization,
        }));
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var login = await Json(await Client().PostAsync("/api/auth/login/", Body(new { email, password = Password })));
        return (Client((string)login["access"]!), login["user"]!);
    }

    private async Task<int> PublishAsAsync(HttpClient vendor, string title, string city = "Chennai")
    {
        var (_, admin) = await SessionsAsync();
        var created = await vendor.PostAsync("/api/dashboard/events/", Body(EventBody(title, city)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await Json(created))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        return id;
    }

    [SkippableFact]
    public async Task A_slug_is_made_from_the_organization_name_once_and_a_taken_one_gets_a_number()
    {
        var name = "Sabha " + Unique("x");
        var (_, first) = await VendorAsync(name);
        var (_, second) = await VendorAsync(name);
        var slug = (string)first["profile"]!["slug"]!;
        Assert.Equal(name.ToLowerInvariant().Replace(' ', '-'), slug);
        Assert.Equal(slug + "-2", (string)second["profile"]!["slug"]!);
        var (_, tamil) = await VendorAsync("சென்னை சபா");
        Assert.StartsWith("organizer", (string)tamil["profile"]!["slug"]!);
    }

    [SkippableFact]
    public async Task The_profile_appears_with_the_first_public_event_and_lists_only_upcoming_events_that_are_on()
    {
        var (vendor, user) = await VendorAsync("Kalakshetra " + Unique("k"));
        var slug = (string)user["profile"]!["slug"]!;
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/organizers/{slug}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/o/{slug}")).StatusCode);

        var patched = await vendor.PatchAsync("/api/auth/me/", Body(new { organization_description = "Dance since 1936.", website = "https://kalakshetra.example.in", city = "Madras" }));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("Chennai", (string)(await Json(patched))["profile"]!["city"]!);
        var title = Unique("Margazhi");
        var id = await PublishAsAsync(vendor, title);
        var cancelled = await PublishAsAsync(vendor, Unique("Called off"));
        Assert.Equal(HttpStatusCode.OK, (await vendor.PostAsync($"/api/dashboard/events/{cancelled}/cancel/", Body(new { }))).StatusCode);

        var profile = await Json(await Client().GetAsync($"/api/organizers/{slug}/"));
        Assert.Equal(slug, (string)profile["slug"]!);
        Assert.Equal("Dance since 1936.", (string)profile["description"]!);
        Assert.Equal("https://kalakshetra.example.in", (string)profile["website"]!);
        Assert.Equal("Chennai", (string)profile["city"]!);
        Assert.Equal(1, (int)profile["upcoming_count"]!);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/api/organizers/{slug.ToUpperInvariant()}/")).StatusCode);

        var item = await Json(await Client().GetAsync($"/api/events/{id}/"));
        Assert.Equal(slug, (string)item["organizer"]!["slug"]!);
        Assert.EndsWith($"/o/{slug}", (string)item["organizer"]!["url"]!);
        Assert.Equal((int)user["id"]!, (int)item["organizer"]!["id"]!);
        var listed = await Json(await Client().GetAsync($"/api/events/?organizer={slug}"));
        Assert.Equal([id], listed["results"]!.AsArray().Select(e => (int)e!["id"]!));

        var page = await Client().GetStringAsync($"/o/{slug}");
        Assert.Contains(title, page);
        var ld = JsonNode.Parse(Regex.Match(page, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value)!;
        Assert.Equal("Organization", (string)ld["@type"]!);
        Assert.Equal(title, (string)ld["event"]![0]!["name"]!);
        var share = await Client().GetStringAsync($"/e/{id}");
        Assert.Contains($"/o/{slug}", share);
        Assert.Contains($"/o/{slug}</loc>", await Client().GetStringAsync("/sitemap.xml"));
    }

    [SkippableFact]
    public async Task A_rename_shows_on_every_public_answer_at_once_and_keeps_the_slug()
    {
        var (vendor, user) = await VendorAsync("Old Name " + Unique("r"));
        var slug = (string)user["profile"]!["slug"]!;
        var city = Unique("Renamepur");
        var id = await PublishAsAsync(vendor, Unique("Show"), city);
        // Warm every cache first.
        Assert.Contains("Old Name", (string)(await Json(await Client().GetAsync($"/api/events/{id}/")))["organizer"]!["name"]!);
        await Client().GetStringAsync($"/api/events/?city={city}");
        await Client().GetStringAsync($"/e/{id}");
        await Client().GetStringAsync($"/o/{slug}");

        var renamed = "New Name " + Unique("r");
        Assert.Equal(HttpStatusCode.OK, (await vendor.PatchAsync("/api/auth/me/", Body(new { organization_name = renamed }))).StatusCode);
        Assert.Equal(renamed, (string)(await Json(await Client().GetAsync($"/api/events/{id}/")))["organizer"]!["name"]!);
        Assert.Equal(renamed, (string)(await Json(await Client().GetAsync($"/api/events/?city={city}")))["results"]![0]!["organizer"]!["name"]!);
        Assert.Contains(renamed, await Client().GetStringAsync($"/e/{id}"));
        Assert.Equal(renamed, (string)(await Json(await Client().GetAsync($"/api/organizers/{slug}/")))["name"]!);
        Assert.Contains(renamed, await Client().GetStringAsync($"/o/{slug}"));
        Assert.Equal(slug, (string)(await Json(await vendor.GetAsync("/api/auth/me/")))["profile"]!["slug"]!);
    }

    [SkippableFact]
    public async Task A_deactivated_organizer_has_no_profile()
    {
        var (vendor, user) = await VendorAsync("Gone " + Unique("d"));
        var slug = (string)user["profile"]!["slug"]!;
        await PublishAsAsync(vendor, Unique("Show"));
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/api/organizers/{slug}/")).StatusCode);
        var (_, admin) = await SessionsAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/users/{user["id"]}/deactivate/", Body(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/organizers/{slug}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/o/{slug}")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("website", "ftp://example.com")]
    [InlineData("website", "not a url")]
    [InlineData("organization_description", null)]
    public async Task A_bad_profile_field_is_a_field_error(string field, string? value)
    {
        var (vendor, _) = await VendorAsync("Bad " + Unique("b"));
        var body = new JsonObject { [field] = value ?? new string('x', 2001) };
        var response = await vendor.PatchAsync("/api/auth/me/", Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response))["details"]!.AsObject().ContainsKey(field));
    }

    [SkippableFact]
    public async Task A_malformed_organizer_filter_is_a_field_error_and_an_unknown_one_lists_nothing()
    {
        var bad = await Client().GetAsync("/api/events/?organizer=Not%20a%20slug!");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await Json(bad))["details"]!.AsObject().ContainsKey("organizer"));
        Assert.Equal(0, (int)(await Json(await Client().GetAsync("/api/events/?organizer=no-such-organizer-anywhere")))["count"]!);
    }
}
