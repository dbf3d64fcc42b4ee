using System.Net;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Events;

/// <summary>API.md "Public discovery": `fields=` and `omit=` on lists and details, as drf-flex-fields reads them.</summary>
public abstract class FieldSelectionTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : FieldSelectionTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : FieldSelectionTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task Fields_keeps_only_the_members_named_on_the_list_and_its_links_and_the_cache_keeps_them_apart()
    {
        var city = Unique("Fieldpur");
        await PublishAsync(EventBody(Unique("One"), city));
        await PublishAsync(EventBody(Unique("Two"), city, inDays: 10));
        var full = await Json(await Client().GetAsync($"/api/events/?city={city}"));
        var thin = await Json(await Client().GetAsync($"/api/events/?city={city}&fields=id,title,event_date,images&page_size=1"));
        Assert.Equal(2, (int)thin["count"]!);
        Assert.Equal(["id", "title", "event_date", "images"], thin["results"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal("id,title,event_date,images", System.Web.HttpUtility.ParseQueryString(new Uri((string)thin["next"]!).Query)["fields"]);
        var again = await Json(await Client().GetAsync($"/api/events/?city={city}"));
        Assert.Equal(full.ToJsonString(), again.ToJsonString());
        Assert.True(again["results"]![0]!.AsObject().ContainsKey("description"));
    }

    [SkippableFact]
    public async Task Omit_leaves_out_the_members_named_on_the_list_and_the_detail()
    {
        var city = Unique("Omitpur");
        var id = (int)(await PublishAsync(EventBody(Unique("Omitted"), city)))["id"]!;
        var list = await Json(await Client().GetAsync($"/api/events/?city={city}&omit=description,images"));
        var item = list["results"]![0]!.AsObject();
        Assert.False(item.ContainsKey("description"));
        Assert.False(item.ContainsKey("images"));
        Assert.True(item.ContainsKey("title"));
        var detail = await Json(await Client().GetAsync($"/api/events/{id}/?omit=description"));
        Assert.False(detail.AsObject().ContainsKey("description"));
        Assert.True(detail.AsObject().ContainsKey("share_url"));
        var only = await Json(await Client().GetAsync($"/api/events/{id}/?fields=id,organizer"));
        Assert.Equal(["id", "organizer"], only.AsObject().Select(p => p.Key));
        var plain = await Json(await Client().GetAsync($"/api/events/{id}/"));
        Assert.True(plain.AsObject().ContainsKey("description"));
    }

    [SkippableTheory]
    [InlineData("/api/events/?fields=id,nonsense", "fields")]
    [InlineData("/api/events/?omit=password", "omit")]
    [InlineData("/api/events/{id}/?fields=vendor", "fields")]
    [InlineData("/api/events/{id}/?omit=status", "omit")]
    public async Task An_unknown_member_is_a_field_error(string url, string field)
    {
        var id = (int)(await PublishAsync(EventBody(Unique("Known"))))["id"]!;
        var response = await Client().GetAsync(url.Replace("{id}", id.ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response))["details"]!.AsObject().ContainsKey(field));
    }
}
