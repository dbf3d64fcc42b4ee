using System.Net;
using System.Text.Json.Nodes;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Events;

/// <summary>API.md "Cities", "Venues and distance" and "Search", through HTTP, on both databases.</summary>
public abstract class FindingEventsTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : FindingEventsTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : FindingEventsTests(f), IClassFixture<PostgresApiFactory>;

    private async Task<JsonNode> ListAsync(string query)
    {
        var response = await Client().GetAsync("/api/events/?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json(response);
    }

    private static List<int> Ids(JsonNode page) => page["results"]!.AsArray().Select(r => (int)r!["id"]!).ToList();

    // ---- Cities ----

    [SkippableTheory]
    [InlineData("Bombay", "Mumbai")]
    [InlineData("  bombay  ", "Mumbai")]
    [InlineData("मुंबई", "Mumbai")]
    [InlineData("Bangalore", "Bengaluru")]
    [InlineData("MADRAS", "Chennai")]
    [InlineData("சென்னை", "Chennai")]
    [InlineData("Gurgaon", "Gurugram")]
    [InlineData("Trivandrum", "Thiruvananthapuram")]
    [InlineData("Banaras", "Varanasi")]
    [InlineData("Vizag", "Visakhapatnam")]
    public async Task A_known_city_is_stored_under_its_canonical_name(string typed, string canonical)
    {
        var (vendor, _) = await SessionsAsync();
        var created = await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Show"), typed)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(canonical, (string)(await Json(created))["city"]!);
    }

    [SkippableFact]
    public async Task The_city_filter_accepts_any_name_of_the_city()
    {
        var word = Unique("kirtan");
        var item = await PublishAsync(EventBody($"Kirtan {word}", "Bombay"));
        foreach (var name in new[] { "Mumbai", "bombay", "मुंबई", " Bombay ", "Bambai" })
        {
            Assert.Equal([(int)item["id"]!], Ids(await ListAsync($"city={Uri.EscapeDataString(name)}&search={word}")));
        }
        Assert.Empty(Ids(await ListAsync($"city=Pune&search={word}")));
    }

    [SkippableFact]
    public async Task An_unknown_city_is_kept_as_typed_tidied_and_listed_by_its_most_frequent_spelling()
    {
        var town = Unique("Navapur");
        var first = await PublishAsync(EventBody(Unique("a"), $"  {town}   Town "));
        Assert.Equal($"{town} Town", (string)first["city"]!);
        await PublishAsync(EventBody(Unique("b"), $"{town} Town"));
        await PublishAsync(EventBody(Unique("c"), $"{town.ToUpperInvariant()} TOWN"));

        var cities = await Json(await Client().GetAsync("/api/cities/"));
        var entry = cities.AsArray().Single(c => ((string)c!["name"]!).Equals($"{town} Town", StringComparison.OrdinalIgnoreCase));
        Assert.Equal($"{town} Town", (string)entry!["name"]!);
        Assert.Equal(3, (int)entry["event_count"]!);
        Assert.Equal(3, (int)(await ListAsync($"city={Uri.EscapeDataString(town.ToLowerInvariant() + "  town")}"))["count"]!);
    }

    [SkippableFact]
    public async Task Admins_add_a_city_and_events_typed_under_its_names_move_under_it()
    {
        var (_, admin) = await SessionsAsync();
        var name = Unique("Kumbhnagar");
        var other = Unique("Kumbhpur");
        var typed = await PublishAsync(EventBody(Unique("mela"), other));
        Assert.Equal(other, (string)typed["city"]!);

        var created = await admin.Client.PostAsync("/api/admin/cities/", Body(new { name, aliases = new[] { other, "कुंभनगर" + name[^4..] } }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var city = await Json(created);
        Assert.Equal(name, (string)city["name"]!);
        Assert.Equal(2, city["aliases"]!.AsArray().Count);

        // The existing event moved, the new names resolve on submit and on filter.
        Assert.Equal(name, (string)(await Json(await Client().GetAsync($"/api/events/{typed["id"]}/")))["city"]!);
        Assert.Equal(1, (int)(await ListAsync($"city={other}"))["count"]!);
        var (vendor, _) = await SessionsAsync();
        var again = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("x"), other.ToUpperInvariant()))));
        Assert.Equal(name, (string)again["city"]!);

        // A name can belong to one city only.
        var clash = await admin.Client.PostAsync("/api/admin/cities/", Body(new { name = Unique("Z"), aliases = new[] { "Bombay" } }));
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        Assert.NotNull((await Json(clash))["details"]!["aliases"]);

        var id = (int)city["id"]!;
        var renamed = await admin.Client.PutAsync($"/api/admin/cities/{id}/", Body(new { name, aliases = Array.Empty<string>() }));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Empty((await Json(renamed))["aliases"]!.AsArray());
        Assert.Contains((await Json(await admin.Client.GetAsync("/api/admin/cities/"))).AsArray(), c => (int)c!["id"]! == id);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/admin/cities/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.DeleteAsync($"/api/admin/cities/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vendor.Client.GetAsync("/api/admin/cities/")).StatusCode);
    }

    [SkippableFact]
    public async Task The_shipped_list_has_the_largest_cities_and_every_state_capital()
    {
        var (_, admin) = await SessionsAsync();
        var cities = (await Json(await admin.Client.GetAsync("/api/admin/cities/"))).AsArray().Select(c => (string)c!["name"]!).ToHashSet();
        string[] capitals =
        [
            "Amaravati", "Itanagar", "Dispur", "Patna", "Raipur", "Panaji", "Gandhinagar", "Chandigarh", "Shimla", "Ranchi",
            "Bengaluru", "Thiruvananthapuram", "Bhopal", "Mumbai", "Imphal", "Shillong", "Aizawl", "Kohima", "Bhubaneswar",
            "Jaipur", "Gangtok", "Chennai", "Hyderabad", "Agartala", "Lucknow", "Dehradun", "Kolkata", "Delhi", "Puducherry",
        ];
        Assert.All(capitals, c => Assert.Contains(c, cities));
        Assert.True(cities.Count >= 100, $"{cities.Count} cities shipped");
    }

    // ---- Venues and distance ----

    [SkippableFact]
    public async Task Venue_fields_are_stored_from_json_and_multipart_and_shown_null_when_absent()
    {
        var (vendor, _) = await SessionsAsync();
        var json = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("v"), extra: new
        {
            venue_name = "NCPA Tata Theatre",
            venue_address = "NCPA Marg, Nariman Point",
            locality = "Nariman Point",
            pin_code = "400021",
            latitude = 18.9256,
            longitude = 72.8209,
            end_date = DateTime.UtcNow.AddDays(9).AddHours(3).ToString("O"),
        }))));
        Assert.Equal("NCPA Tata Theatre", (string)json["venue_name"]!);
        Assert.Equal("400021", (string)json["pin_code"]!);
        Assert.Equal(18.9256, (double)json["latitude"]!);
        Assert.NotNull(json["end_date"]);

        var form = new MultipartFormDataContent
        {
            { new StringContent(Unique("m")), "title" },
            { new StringContent("d"), "description" },
            { new StringContent("Pune"), "city" },
            { new StringContent(DateTime.UtcNow.AddDays(5).ToString("O")), "event_date" },
            { new StringContent("music"), "category" },
            { new StringContent("Shaniwar Wada"), "venue_name" },
            { new StringContent("411030"), "pin_code" },
            { new StringContent("18.5195"), "latitude" },
            { new StringContent("73.8553"), "longitude" },
            { new ByteArrayContent(TestImages.Make(SkiaSharp.SKEncodedImageFormat.Png)), "image", "poster.png" },
        };
        var multipart = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", form));
        Assert.Equal("Shaniwar Wada", (string)multipart["venue_name"]!);
        Assert.Equal(73.8553, (double)multipart["longitude"]!);

        var bare = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("b")))));
        foreach (var field in new[] { "venue_name", "venue_address", "locality", "pin_code", "latitude", "longitude", "end_date" })
        {
            Assert.True(bare.AsObject().ContainsKey(field), field);
            Assert.Null(bare[field]);
        }
    }

    [SkippableTheory]
    [InlineData("pin_code", "012345")]
    [InlineData("pin_code", "12345")]
    [InlineData("pin_code", "4000211")]
    [InlineData("pin_code", "40002a")]
    [InlineData("latitude", "91")]
    [InlineData("longitude", "-180.5")]
    [InlineData("latitude", "NaN")]
    [InlineData("latitude", "north")]
    [InlineData("venue_name", "x201")]
    [InlineData("venue_address", "x501")]
    [InlineData("locality", "x101")]
    [InlineData("end_date", "before")]
    [InlineData("end_date", "32days")]
    [InlineData("end_date", "soon")]
    public async Task A_bad_venue_or_end_date_is_a_field_error(string field, string value)
    {
        var (vendor, _) = await SessionsAsync();
        var start = DateTime.UtcNow.AddDays(9);
        var body = (JsonObject)EventBody(Unique("bad"));
        body["event_date"] = start.ToString("O");
        JsonNode? sent = value switch
        {
            "x201" => new string('x', 201),
            "x501" => new string('x', 501),
            "x101" => new string('x', 101),
            "before" => start.AddHours(-1).ToString("O"),
            "32days" => start.AddDays(32).ToString("O"),
            _ => value,
        };
        body[field] = sent;
        if (field == "latitude")
        {
            body["longitude"] = 72.8;
        }
        if (field == "longitude")
        {
            body["latitude"] = 18.9;
        }
        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["details"]![field]);
    }

    [SkippableFact]
    public async Task Latitude_without_longitude_is_a_field_error()
    {
        var (vendor, _) = await SessionsAsync();
        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("half"), extra: new { latitude = 18.9 })));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["details"]!["longitude"]);
    }

    [SkippableFact]
    public async Task Near_lists_events_within_the_radius_with_their_distance_and_orders_by_distance()
    {
        var word = Unique("raga");
        // Around Pune's Shaniwar Wada (18.5195, 73.8553).
        var at = await PublishAsync(EventBody($"At {word}", extra: new { latitude = 18.5195, longitude = 73.8553 }));
        var fiveKm = await PublishAsync(EventBody($"Near {word}", inDays: 3, extra: new { latitude = 18.5645, longitude = 73.8553 }));
        var thirtyKm = await PublishAsync(EventBody($"Far {word}", inDays: 2, extra: new { latitude = 18.7893, longitude = 73.8553 }));
        await PublishAsync(EventBody($"Nowhere {word}"));

        var near = await ListAsync($"search={word}&near=18.5195,73.8553");
        Assert.Equal([(int)fiveKm["id"]!, (int)at["id"]!], Ids(near));
        var distances = near["results"]!.AsArray().ToDictionary(r => (int)r!["id"]!, r => (double)r!["distance_km"]!);
        Assert.Equal(5.0, distances[(int)fiveKm["id"]!]);
        Assert.Equal(0.0, distances[(int)at["id"]!]);

        var wide = await ListAsync($"search={word}&near=18.5195,73.8553&radius_km=50&ordering=distance");
        Assert.Equal([(int)at["id"]!, (int)fiveKm["id"]!, (int)thirtyKm["id"]!], Ids(wide));
        Assert.Equal(30.0, (double)wide["results"]![2]!["distance_km"]!);
        Assert.Equal(3, (int)wide["count"]!);

        var plain = await ListAsync($"search={word}");
        Assert.Equal(4, (int)plain["count"]!);
        Assert.False(plain["results"]![0]!.AsObject().ContainsKey("distance_km"));
    }

    [SkippableTheory]
    [InlineData("near=18.5")]
    [InlineData("near=abc,def")]
    [InlineData("near=91,10")]
    [InlineData("near=10,181")]
    [InlineData("near=1,2,3")]
    [InlineData("near=NaN,1")]
    [InlineData("near=18.5,73.8&radius_km=0")]
    [InlineData("near=18.5,73.8&radius_km=101")]
    [InlineData("near=18.5,73.8&radius_km=ten")]
    [InlineData("ordering=distance")]
    public async Task A_malformed_near_radius_or_distance_ordering_is_a_field_error(string query)
    {
        var response = await Client().GetAsync("/api/events/?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var details = (await Json(response))["details"]!.AsObject();
        Assert.True(details.ContainsKey("near") || details.ContainsKey("radius_km") || details.ContainsKey("ordering"), details.ToJsonString());
    }

    [SkippableFact]
    public async Task Near_the_date_line_and_the_poles_answers_without_error()
    {
        foreach (var point in new[] { "0,179.99", "0,-179.99", "89.99,0", "-90,0", "90,180" })
        {
            var response = await Client().GetAsync($"/api/events/?near={point}&radius_km=100&ordering=distance");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    // ---- Search ----

    [SkippableFact]
    public async Task Search_matches_word_prefixes_in_every_field_case_and_accent_insensitively_in_any_script()
    {
        var tag = Unique("zq");
        var festival = await PublishAsync(EventBody($"Festival of Lights {tag}", "Bombay", "Diyas, rangoli and a café concert."));
        var diwali = await PublishAsync(EventBody($"दिवाली मेला {tag}", "Pune", "रोशनी और मिठाइयाँ", category: "festivals"));
        var kutcheri = await PublishAsync(EventBody($"மார்கழி கச்சேரி {tag}", "Madras", "கர்நாடக இசை",
            extra: new { venue_name = "Music Academy", locality = "Mylapore" }));
        var dance = await PublishAsync(EventBody($"Evening {tag}", "Delhi", "Performances.", category: "dance"));

        async Task<List<int>> Find(string words) => Ids(await ListAsync($"search={Uri.EscapeDataString(words + " " + tag)}&page_size=100"));

        Assert.Equal([(int)festival["id"]!], await Find("fest light"));
        Assert.Equal([(int)festival["id"]!, (int)diwali["id"]!], (await Find("fest")).Order().ToList());
        Assert.Equal([(int)festival["id"]!], await Find("FESTIVAL lights"));
        Assert.Equal([(int)festival["id"]!], await Find("cafe"));
        Assert.Equal([(int)festival["id"]!], await Find("Café"));
        Assert.Equal([(int)festival["id"]!], await Find("bombay"));
        Assert.Equal([(int)festival["id"]!], await Find("mumbai"));
        Assert.Equal([(int)festival["id"]!], await Find("मुंबई"));
        Assert.Equal([(int)diwali["id"]!], await Find("दिवाली"));
        Assert.Equal([(int)diwali["id"]!], await Find("दिवा"));
        Assert.Equal([(int)kutcheri["id"]!], await Find("கச்சேரி"));
        Assert.Equal([(int)kutcheri["id"]!], await Find("mylapore academy"));
        Assert.Equal([(int)kutcheri["id"]!], await Find("chennai"));
        Assert.Equal([(int)dance["id"]!], await Find("dance"));
        Assert.Equal([(int)diwali["id"]!], await Find("festivals"));
        Assert.Empty(await Find("festival tabla"));
        Assert.Empty(await Find("ival"));
        Assert.Equal(4, (await Find("")).Count);
    }

    [SkippableFact]
    public async Task Search_sees_an_edit_and_a_renamed_category()
    {
        var (vendor, admin) = await SessionsAsync();
        var tag = Unique("zr");
        var item = await PublishAsync(EventBody($"Qawwali {tag}"));
        var id = (int)item["id"]!;
        var edit = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = $"Ghazal {tag}" }));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        Assert.Equal([id], Ids(await ListAsync($"search=ghazal+{tag}")));
        Assert.Empty(Ids(await ListAsync($"search=qawwali+{tag}")));

        var categoryName = Unique("Sufiana");
        var category = await Json(await admin.Client.PostAsync("/api/admin/categories/", Body(new { name = categoryName })));
        var moved = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { category = (int)category["id"]! }));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        Assert.Equal([id], Ids(await ListAsync($"search={categoryName}")));
        var renamed = Unique("Mehfil");
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PutAsync($"/api/admin/categories/{category["id"]}/", Body(new { name = renamed }))).StatusCode);
        Assert.Equal([id], Ids(await ListAsync($"search={renamed}")));
        Assert.Empty(Ids(await ListAsync($"search={categoryName}")));
    }

    [SkippableTheory]
    [InlineData("long")]
    [InlineData("words")]
    [InlineData("%00")]
    [InlineData("%ED%A0%80")]
    [InlineData("a%FF")]
    [InlineData("%uD800")]
    public async Task A_search_too_long_too_wordy_or_not_text_is_a_field_error(string kind)
    {
        var search = kind switch
        {
            "long" => new string('a', 1000),
            "words" => string.Join('+', Enumerable.Range(0, 50).Select(i => $"w{i}")),
            _ => kind,
        };
        var response = await Client().GetAsync($"/api/events/?search={search}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["details"]!["search"]);
    }

    [SkippableFact]
    public async Task Search_of_only_punctuation_finds_nothing()
    {
        await PublishAsync(EventBody(Unique("p")));
        Assert.Equal(0, (int)(await ListAsync("search=%25%25"))["count"]!);
    }

    /// <summary>
    /// A search of several words is looked for first among the next events in list order (25 for each event
    /// the page needs) and in the whole list only when that window holds too few matches. Either way a page
    /// holds exactly the matches the whole list has at its place: near the start, far from it, split across
    /// the window's edge, under another filter and in both orders.
    /// </summary>
    [SkippableFact]
    public async Task A_search_of_several_words_pages_the_same_whether_its_matches_come_early_or_late()
    {
        _ = Client();
        var city = Unique("Windowpur");
        // 70 events in a city of their own, a day apart: places (in date order) 2, 30, 31, 55 and 69 are an
        // indie film screening (31 a dance one), 40 and 60 a poetry mushaira, the rest a kathak recital.
        int[] films = [2, 30, 31, 55, 69];
        int[] poetry = [40, 60];
        var ids = await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            var made = new List<int>();
            for (var place = 0; place < 70; place++)
            {
                var title = films.Contains(place) ? "Indie Film Screening" : poetry.Contains(place) ? "Poetry Mushaira" : "Kathak Recital";
                var e = await Seed.EventAsync(db, vendor, city, DateTime.UtcNow.AddDays(10 + place), title: title, category: place == 31 ? "dance" : "music");
                made.Add(e.Id);
            }
            return made;
        });
        List<int> At(IEnumerable<int> places) => places.Select(p => ids[p]).ToList();
        async Task<JsonNode> Page(string words, int size, int number, string more = "") =>
            await ListAsync($"city={city}&search={words}&page_size={size}&page={number}{more}");

        Assert.Equal(At(films), Ids(await Page("indie+film", 100, 1)));
        for (var number = 1; number <= films.Length; number++)
        {
            var page = await Page("indie+film", 1, number);
            Assert.Equal(At([films[number - 1]]), Ids(page));
            Assert.Equal(films.Length, (int)page["count"]!);
        }
        Assert.Equal(At([2, 30]), Ids(await Page("indie+film", 2, 1)));
        Assert.Equal(At([31, 55]), Ids(await Page("indie+film", 2, 2)));
        Assert.Equal(At([69]), Ids(await Page("indie+film", 2, 3)));
        Assert.Equal(At([69, 55, 31]), Ids(await Page("indie+film", 3, 1, "&ordering=-event_date")));
        Assert.Equal(At([30, 2]), Ids(await Page("indie+film", 3, 2, "&ordering=-event_date")));
        Assert.Equal(At([31]), Ids(await Page("film+screening", 20, 1, "&category=dance")));
        Assert.Equal(At([31]), Ids(await Page("indie+film", 1, 1, "&category=dance")));
        // Beyond the first window (25 events for a page of one, 50 for two: it holds place 40 but not 60).
        Assert.Equal(At(poetry), Ids(await Page("poetry+mushaira", 2, 1)));
        Assert.Equal(At([40]), Ids(await Page("poetry+mushaira", 1, 1)));
        Assert.Equal(At([60]), Ids(await Page("poetry+mushaira", 1, 2)));
        Assert.Equal(At([60, 40]), Ids(await Page("poetry+mushaira", 20, 1, "&ordering=-event_date")));
        Assert.Empty(Ids(await Page("poetry+film", 20, 1)));
    }
}
