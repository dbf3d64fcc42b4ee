using System.Net;
using System.Text.Json.Nodes;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Events;

/// <summary>API.md "Event text in several languages", on both databases.</summary>
public abstract class LanguagesTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : LanguagesTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : LanguagesTests(f), IClassFixture<PostgresApiFactory>;

    private static object Marathi(string tag) => EventBody($"दिवाळी पहाट {tag}", "Pune", "सकाळचे शास्त्रीय संगीत.", extra: new
    {
        language = "mr",
        translations = new Dictionary<string, object>
        {
            ["hi"] = new { title = $"दिवाली सुबह {tag}", description = "सुबह का शास्त्रीय संगीत।" },
            ["en"] = new { title = $"Diwali Dawn {tag}", description = "Morning classical music." },
        },
    });

    private async Task<JsonNode> GetAsync(string url, string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }
        var response = await Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        return await Json(response);
    }

    [SkippableFact]
    public async Task Dashboard_items_carry_the_language_and_every_translation()
    {
        var (vendor, _) = await SessionsAsync();
        var tag = Unique("t");
        var created = await vendor.Client.PostAsync("/api/dashboard/events/", Body(Marathi(tag)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await Json(created);
        Assert.Equal("mr", (string)item["language"]!);
        Assert.Equal($"दिवाली सुबह {tag}", (string)item["translations"]!["hi"]!["title"]!);
        Assert.Equal("Morning classical music.", (string)item["translations"]!["en"]!["description"]!);
        var fresh = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("plain")))));
        Assert.Equal("en", (string)fresh["language"]!);
        Assert.Empty(fresh["translations"]!.AsObject());
    }

    [SkippableFact]
    public async Task Public_reads_choose_by_lang_then_accept_language_then_the_events_own()
    {
        var tag = Unique("t");
        var item = await PublishAsync(Marathi(tag));
        var url = $"/api/events/{item["id"]}/";

        var own = await GetAsync(url);
        Assert.Equal("mr", (string)own["language"]!);
        Assert.Equal($"दिवाळी पहाट {tag}", (string)own["title"]!);
        Assert.Equal(["mr", "en", "hi"], own["available_languages"]!.AsArray().Select(l => (string)l!));
        Assert.False(own.AsObject().ContainsKey("translations"));

        var hindi = await GetAsync(url, "ta;q=0.9, hi;q=0.8, en;q=0.5");
        Assert.Equal("hi", (string)hindi["language"]!);
        Assert.Equal($"दिवाली सुबह {tag}", (string)hindi["title"]!);
        Assert.Equal("सुबह का शास्त्रीय संगीत।", (string)hindi["description"]!);

        Assert.Equal("en", (string)(await GetAsync(url, "en-IN,en;q=0.9"))["language"]!);
        Assert.Equal("en", (string)(await GetAsync(url + "?lang=en", "hi"))["language"]!);
        Assert.Equal("mr", (string)(await GetAsync(url, "fr-FR, de;q=0.5"))["language"]!);
        Assert.Equal("mr", (string)(await GetAsync(url, "hi;q=0, mr;q=0.1"))["language"]!);
        Assert.Equal("mr", (string)(await GetAsync(url, ";;;q=abc,,"))["language"]!);

        // The list too, and the cache answers each language with its own text.
        var list = $"/api/events/?search={tag}";
        Assert.Equal($"Diwali Dawn {tag}", (string)(await GetAsync(list, "en"))["results"]![0]!["title"]!);
        Assert.Equal($"दिवाली सुबह {tag}", (string)(await GetAsync(list, "hi"))["results"]![0]!["title"]!);
        Assert.Equal($"Diwali Dawn {tag}", (string)(await GetAsync(list, "en"))["results"]![0]!["title"]!);
        Assert.Equal($"दिवाळी पहाट {tag}", (string)(await GetAsync(list))["results"]![0]!["title"]!);
    }

    [SkippableFact]
    public async Task Search_matches_the_text_of_every_language()
    {
        var tag = Unique("t");
        var item = await PublishAsync(Marathi(tag));
        foreach (var words in new[] { "दिवाली", "पहाट", "diwali dawn", "morning classical", "शास्त्रीय" })
        {
            var page = await GetAsync($"/api/events/?search={Uri.EscapeDataString(words + " " + tag)}");
            Assert.Equal([(int)item["id"]!], page["results"]!.AsArray().Select(r => (int)r!["id"]!));
        }
    }

    [SkippableFact]
    public async Task Multipart_takes_translations_as_a_json_string()
    {
        var (vendor, _) = await SessionsAsync();
        var form = new MultipartFormDataContent
        {
            { new StringContent(Unique("Kutcheri")), "title" },
            { new StringContent("Carnatic concert."), "description" },
            { new StringContent("Chennai"), "city" },
            { new StringContent(DateTime.UtcNow.AddDays(5).ToString("O")), "event_date" },
            { new StringContent("music"), "category" },
            { new StringContent("en"), "language" },
            { new StringContent("{\"ta\": {\"title\": \"கச்சேரி\", \"description\": \"கர்நாடக இசை\"}}"), "translations" },
            { new StringContent("https://cdn.example.com/k.jpg"), "image_url" },
        };
        var item = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", form));
        Assert.Equal("கச்சேரி", (string)item["translations"]!["ta"]!["title"]!);
    }

    [SkippableFact]
    public async Task Changing_a_translation_sends_an_approved_event_back_to_review()
    {
        var (vendor, _) = await SessionsAsync();
        var item = await PublishAsync(Marathi(Unique("t")));
        var edited = await vendor.Client.PatchAsync($"/api/dashboard/events/{item["id"]}/",
            Body(new { translations = new { hi = new { title = "नया शीर्षक", description = "" } } }));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var body = await Json(edited);
        Assert.Equal("pending", (string)body["status"]!);
        Assert.Equal(["hi"], body["translations"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/events/{item["id"]}/")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("unknown-code")]
    [InlineData("empty-title")]
    [InlineData("missing-title")]
    [InlineData("long-title")]
    [InlineData("long-description")]
    [InlineData("array")]
    [InlineData("string")]
    [InlineData("number-title")]
    [InlineData("own-language")]
    [InlineData("nul")]
    public async Task Bad_translations_are_field_errors_on_translations(string kind)
    {
        var (vendor, _) = await SessionsAsync();
        JsonNode translations = kind switch
        {
            "unknown-code" => new JsonObject { ["xx"] = new JsonObject { ["title"] = "T", ["description"] = "D" } },
            "empty-title" => new JsonObject { ["hi"] = new JsonObject { ["title"] = "  ", ["description"] = "D" } },
            "missing-title" => new JsonObject { ["hi"] = new JsonObject { ["description"] = "D" } },
            "long-title" => new JsonObject { ["hi"] = new JsonObject { ["title"] = new string('क', 201) } },
            "long-description" => new JsonObject { ["hi"] = new JsonObject { ["title"] = "T", ["description"] = new string('क', 10_001) } },
            "array" => new JsonArray("hi"),
            "string" => JsonValue.Create("hi")!,
            "number-title" => new JsonObject { ["hi"] = new JsonObject { ["title"] = 5 } },
            "own-language" => new JsonObject { ["en"] = new JsonObject { ["title"] = "T" } },
            _ => new JsonObject { ["hi"] = new JsonObject { ["title"] = "a\u0000b" } },
        };
        var body = (JsonObject)EventBody(Unique("bad"));
        body["translations"] = translations;
        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["details"]!["translations"]);
    }

    [SkippableFact]
    public async Task An_unknown_language_and_a_multipart_translations_that_is_not_json_are_field_errors()
    {
        var (vendor, _) = await SessionsAsync();
        var body = (JsonObject)EventBody(Unique("bad"));
        body["language"] = "xx";
        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["details"]!["language"]);

        var form = new MultipartFormDataContent
        {
            { new StringContent(Unique("t")), "title" }, { new StringContent("d"), "description" }, { new StringContent("Pune"), "city" },
            { new StringContent(DateTime.UtcNow.AddDays(5).ToString("O")), "event_date" }, { new StringContent("music"), "category" },
            { new StringContent("{hi: not json"), "translations" }, { new StringContent("https://cdn.example.com/k.jpg"), "image_url" },
        };
        var multipart = await vendor.Client.PostAsync("/api/dashboard/events/", form);
        Assert.Equal(HttpStatusCode.BadRequest, multipart.StatusCode);
        Assert.NotNull((await Json(multipart))["details"]!["translations"]);
    }

    [SkippableFact]
    public async Task Share_pages_and_feeds_take_lang()
    {
        var tag = Unique("t");
        var item = await PublishAsync(Marathi(tag));
        var html = await Client().GetStringAsync($"/e/{item["id"]}?lang=hi");
        Assert.Contains($"<meta property=\"og:title\" content=\"दिवाली सुबह {tag}\">", System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains("<meta property=\"og:locale\" content=\"hi_IN\">", html);
        Assert.Contains($"hreflang=\"mr\" href=\"http://localhost/e/{item["id"]}?lang=mr\"", html);
        Assert.Contains("hreflang=\"x-default\"", html);
        Assert.Contains("<html lang=\"hi-IN\">", html);

        var ics = Sharing.StrictCalendar.Parse(await Client().GetStringAsync($"/api/events/feed.ics?search={tag}&lang=en"));
        Assert.Equal($"Diwali Dawn {tag}", ics.Children.Single(c => c.Name == "VEVENT").Text("SUMMARY"));
    }

    [SkippableFact]
    public async Task A_bad_language_list_stops_the_server_at_start_up()
    {
        await using var bad = Factory.WithWebHostBuilder(b => b.UseSetting("Site:Languages:0", "english"));
        var error = Assert.ThrowsAny<Exception>(() => bad.CreateClient());
        Assert.Contains("Site:Languages", error.ToString());
    }
}
