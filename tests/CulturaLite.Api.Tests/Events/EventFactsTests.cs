using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Events;

/// <summary>API.md "Event facts": price, tickets, age, accessibility, attendance, languages and performers, in and out.</summary>
public abstract class EventFactsTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : EventFactsTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : EventFactsTests(f), IClassFixture<PostgresApiFactory>;

    private static readonly object AllFacts = new
    {
        is_free = false,
        price_min = 200,
        price_max = 1500.5,
        currency = "inr",
        ticket_url = "https://tickets.example.com/holi",
        age_min = 5,
        age_max = 12,
        accessibility = new[] { "step_free", "wheelchair", "wheelchair" },
        attendance_mode = "mixed",
        online_url = "https://stream.example.com/holi",
        performance_languages = new[] { "hi", "TA" },
        performers = new[] { "Ustad Zakir Hussain", "Bombay Jayashri" },
    };

    /// <summary>A valid multipart submission (external image_url) with these fields added.</summary>
    private static MultipartFormDataContent Form(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(Unique("Form")), "title" },
            { new StringContent("d"), "description" },
            { new StringContent("Pune"), "city" },
            { new StringContent(DateTime.UtcNow.AddDays(5).ToString("O")), "event_date" },
            { new StringContent("music"), "category" },
            { new StringContent("https://cdn.example.com/e.jpg"), "image_url" },
        };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        return form;
    }

    private static void AssertAllFacts(JsonNode item)
    {
        Assert.Equal(["is_free", "min", "max", "currency"], item["price"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["min", "max"], item["age_range"]!.AsObject().Select(p => p.Key));
        Assert.False((bool)item["price"]!["is_free"]!);
        Assert.Equal(200m, (decimal)item["price"]!["min"]!);
        Assert.Equal(1500.5m, (decimal)item["price"]!["max"]!);
        Assert.Equal(JsonValueKind.Number, item["price"]!["min"]!.GetValueKind());
        Assert.Equal("INR", (string)item["price"]!["currency"]!);
        Assert.Equal("https://tickets.example.com/holi", (string)item["ticket_url"]!);
        Assert.Equal(5, (int)item["age_range"]!["min"]!);
        Assert.Equal(12, (int)item["age_range"]!["max"]!);
        Assert.Equal(["wheelchair", "step_free"], item["accessibility"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("mixed", (string)item["attendance_mode"]!);
        Assert.Equal("https://stream.example.com/holi", (string)item["online_url"]!);
        Assert.Equal(["hi", "ta"], item["performance_languages"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(["Ustad Zakir Hussain", "Bombay Jayashri"], item["performers"]!.AsArray().Select(a => (string)a!));
    }

    [SkippableFact]
    public async Task The_facts_given_in_json_are_on_the_dashboard_admin_and_public_items()
    {
        var (vendor, admin) = await SessionsAsync();
        var created = await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Facts"), extra: AllFacts)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await Json(created);
        AssertAllFacts(item);
        var id = (int)item["id"]!;
        AssertAllFacts(await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{id}/")));
        AssertAllFacts(await Json(await admin.Client.GetAsync($"/api/admin/events/{id}/")));
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        AssertAllFacts(await Json(await Client().GetAsync($"/api/events/{id}/")));
        var list = await Json(await Client().GetAsync($"/api/events/?search={item["title"]}"));
        AssertAllFacts(list["results"]![0]!);
    }

    [SkippableFact]
    public async Task An_event_without_facts_shows_them_empty_and_offline()
    {
        var (vendor, _) = await SessionsAsync();
        var item = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Bare")))));
        foreach (var field in new[] { "price", "ticket_url", "age_range", "online_url" })
        {
            Assert.True(item.AsObject().ContainsKey(field), field);
            Assert.Null(item[field]);
        }
        foreach (var field in new[] { "accessibility", "performance_languages", "performers" })
        {
            Assert.Empty(item[field]!.AsArray());
        }
        Assert.Equal("offline", (string)item["attendance_mode"]!);
    }

    [SkippableFact]
    public async Task A_free_event_has_a_price_object_that_says_so_in_rupees_by_default()
    {
        var (vendor, _) = await SessionsAsync();
        var item = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Free"), extra: new { is_free = true }))));
        Assert.True((bool)item["price"]!["is_free"]!);
        Assert.Null(item["price"]!["min"]);
        Assert.Equal("INR", (string)item["price"]!["currency"]!);
    }

    [SkippableFact]
    public async Task The_facts_given_in_a_form_are_read_as_in_json()
    {
        var (vendor, _) = await SessionsAsync();
        var form = Form(("is_free", "false"), ("price_min", "200"), ("price_max", "1500.50"), ("currency", "INR"), ("ticket_url", "https://tickets.example.com/holi"),
            ("age_min", "5"), ("age_max", "12"), ("accessibility", "wheelchair, step_free"), ("attendance_mode", "mixed"),
            ("online_url", "https://stream.example.com/holi"), ("performance_languages", "hi,ta"), ("performers", "Ustad Zakir Hussain\nBombay Jayashri"));
        var response = await vendor.Client.PostAsync("/api/dashboard/events/", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        AssertAllFacts(await Json(response));
    }

    public static TheoryData<string, object> BadFacts => new()
    {
        { "is_free", "maybe" },
        { "price_min", "abc" },
        { "price_min", -1 },
        { "price_min", 10_000_001 },
        { "price_min", 12.345 },
        { "price_max", 1e30 },
        { "currency", "XYZ" },
        { "currency", "RUPEES" },
        { "ticket_url", "ftp://tickets.example.com" },
        { "ticket_url", "https://example.com/" + new string('a', 500) },
        { "age_min", 121 },
        { "age_min", -1 },
        { "age_max", "ten" },
        { "accessibility", new[] { "ramp" } },
        { "accessibility", "wheelchair,ramp" },
        { "accessibility", new object[] { 1 } },
        { "attendance_mode", "virtual" },
        { "online_url", "javascript:alert(1)" },
        { "performance_languages", new[] { "hindi" } },
        { "performers", Enumerable.Range(1, 21).Select(i => $"Performer {i}").ToArray() },
        { "performers", new[] { new string('x', 101) } },
        { "performers", new[] { "nul\u0000" } },
    };

    [SkippableTheory]
    [MemberData(nameof(BadFacts))]
    public async Task A_fact_out_of_its_limits_or_vocabulary_is_a_field_error_naming_it(string field, object value)
    {
        var (vendor, _) = await SessionsAsync();
        var body = (JsonObject)EventBody(Unique("Bad"), extra: new { attendance_mode = "offline" });
        body[field] = System.Text.Json.JsonSerializer.SerializeToNode(value);
        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json(response);
        Assert.True(problem["details"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [SkippableTheory]
    [InlineData("price_max", "{\"price_min\": 500, \"price_max\": 200}")]
    [InlineData("age_max", "{\"age_min\": 18, \"age_max\": 12}")]
    [InlineData("online_url", "{\"attendance_mode\": \"online\"}")]
    [InlineData("online_url", "{\"attendance_mode\": \"mixed\", \"online_url\": \"\"}")]
    [InlineData("price_min", "{\"is_free\": true, \"price_min\": 100}")]
    public async Task Facts_that_contradict_each_other_are_a_field_error(string field, string facts)
    {
        var (vendor, _) = await SessionsAsync();
        var body = (JsonObject)EventBody(Unique("Contradiction"));
        foreach (var (key, value) in JsonNode.Parse(facts)!.AsObject())
        {
            body[key] = value?.DeepClone();
        }
        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response))["details"]!.AsObject().ContainsKey(field));
    }

    [SkippableFact]
    public async Task A_bad_fact_in_a_form_is_a_field_error_too()
    {
        var (vendor, _) = await SessionsAsync();
        var form = Form(("accessibility", "wheelchair,ramp"), ("price_min", "1,5"));
        var response = await vendor.Client.PostAsync("/api/dashboard/events/", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var details = (await Json(response))["details"]!.AsObject();
        Assert.True(details.ContainsKey("accessibility"));
        Assert.True(details.ContainsKey("price_min"));
    }

    [SkippableFact]
    public async Task Changing_a_fact_of_an_approved_event_sends_it_back_to_review_and_changes_names_it()
    {
        var (vendor, admin) = await SessionsAsync();
        var item = await PublishAsync(EventBody(Unique("Edited"), extra: new { price_min = 200 }));
        var id = (int)item["id"]!;
        var patched = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { price_min = 300, performers = new[] { "T. M. Krishna" } }));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var after = await Json(patched);
        Assert.Equal("pending", (string)after["status"]!);
        Assert.Equal(300m, (decimal)after["price"]!["min"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/events/{id}/")).StatusCode);
        var history = await Json(await admin.Client.GetAsync($"/api/admin/events/{id}/history/"));
        var changed = history["changes"]!.AsArray().Select(c => (string)c!["field"]!).ToList();
        Assert.Contains("price", changed);
        Assert.Contains("performers", changed);
        Assert.DoesNotContain("title", changed);
    }

    [SkippableFact]
    public async Task A_patch_without_facts_keeps_them_and_null_clears_one()
    {
        var (vendor, _) = await SessionsAsync();
        var item = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Keep"), extra: AllFacts))));
        var id = (int)item["id"]!;
        var kept = await Json(await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = Unique("Renamed") })));
        AssertAllFacts(kept);
        var cleared = await Json(await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { ticket_url = (string?)null, age_min = (int?)null, age_max = (int?)null, accessibility = Array.Empty<string>() })));
        Assert.Null(cleared["ticket_url"]);
        Assert.Null(cleared["age_range"]);
        Assert.Empty(cleared["accessibility"]!.AsArray());
        Assert.Equal(1500.5m, (decimal)cleared["price"]!["max"]!);
    }

    [SkippableFact]
    public async Task Each_fact_filter_lists_exactly_the_matching_events_on_the_list_and_the_feeds()
    {
        var city = Unique("Factpur");
        var a = Unique("A");
        var b = Unique("B");
        var c = Unique("C");
        var d = Unique("D");
        await PublishAsync(EventBody(a, city, extra: new { is_free = true, age_min = 5, age_max = 12, accessibility = new[] { "wheelchair", "step_free" }, performance_languages = new[] { "hi" } }));
        await PublishAsync(EventBody(b, city, inDays: 10, extra: new
        {
            price_min = 200,
            price_max = 500,
            age_min = 18,
            accessibility = new[] { "wheelchair" },
            attendance_mode = "online",
            online_url = "https://stream.example.com/b",
            performance_languages = new[] { "ta", "en" }
        }));
        await PublishAsync(EventBody(c, city, inDays: 11, extra: new { price_min = 1000, attendance_mode = "mixed", online_url = "https://stream.example.com/c" }));
        await PublishAsync(EventBody(d, city, inDays: 12));

        async Task<List<string>> Titles(string filters)
        {
            var response = await Client().GetAsync($"/api/events/?city={city}&{filters}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return [.. (await Json(response))["results"]!.AsArray().Select(i => (string)i!["title"]!)];
        }

        Assert.Equal([a], await Titles("is_free=true"));
        Assert.Equal([b, c], await Titles("is_free=false"));
        Assert.Equal([a, b], await Titles("price_max=500"));
        Assert.Equal([a], await Titles("price_max=199.99"));
        Assert.Equal([b], await Titles("attendance_mode=online"));
        Assert.Equal([a, c, d], await Titles("age=8"));
        Assert.Equal([b, c, d], await Titles("age=30"));
        Assert.Equal([a, b], await Titles("accessibility=wheelchair"));
        Assert.Equal([a], await Titles("accessibility=step_free,wheelchair"));
        Assert.Equal([b], await Titles("performance_language=ta"));
        Assert.Equal([a], await Titles("is_free=true&age=8&performance_language=hi"));
        Assert.Equal([a, b, c, d], await Titles(""));

        var rss = await Client().GetStringAsync($"/api/events/feed.rss?city={city}&accessibility=wheelchair");
        Assert.Contains(a, rss);
        Assert.Contains(b, rss);
        Assert.DoesNotContain(c, rss);
        var ics = await Client().GetStringAsync($"/api/events/feed.ics?city={city}&price_max=500");
        Assert.Contains(b, ics);
        Assert.DoesNotContain(c, ics);
    }

    [SkippableTheory]
    [InlineData("price_max", "abc")]
    [InlineData("price_max", "-5")]
    [InlineData("age", "-1")]
    [InlineData("age", "200")]
    [InlineData("age", "ten")]
    [InlineData("accessibility", "ramp")]
    [InlineData("attendance_mode", "virtual")]
    [InlineData("is_free", "maybe")]
    [InlineData("performance_language", "hindi")]
    public async Task A_malformed_fact_filter_is_a_field_error(string name, string value)
    {
        foreach (var path in new[] { "/api/events/", "/api/events/feed.rss", "/api/events/feed.ics" })
        {
            var response = await Client().GetAsync($"{path}?{name}={Uri.EscapeDataString(value)}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await Json(response))["details"]!.AsObject().ContainsKey(name), path);
        }
    }
}
