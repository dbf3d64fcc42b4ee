using System.Net;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Notifications;

public abstract class NotificationTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : NotificationTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : NotificationTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task A_vendor_reads_only_their_own_notifications_and_marks_them_read()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var other = await Sessions.SignInAsync(Factory);
        var ids = await WithDb(async db =>
        {
            var user = await db.Users.FindAsync(vendor.Id);
            var a = await Seed.EventAsync(db, user!, "Pune", DateTime.UtcNow.AddDays(3), title: "First");
            var b = await Seed.EventAsync(db, user!, "Pune", DateTime.UtcNow.AddDays(3), title: "Second", status: "rejected");
            return db.Notifications.Where(n => n.VendorId == vendor.Id).OrderBy(n => n.Id).Select(n => n.Id).ToList();
        });

        var list = await Json(await vendor.Client.GetAsync("/api/notifications/"));
        var otherList = await Json(await other.Client.GetAsync("/api/notifications/"));
        var readOthers = await other.Client.PostAsync($"/api/notifications/{ids[0]}/read/", null);
        var read = await vendor.Client.PostAsync($"/api/notifications/{ids[0]}/read/", null);
        var afterOne = await Json(await vendor.Client.GetAsync("/api/notifications/"));
        var readAll = await vendor.Client.PostAsync("/api/notifications/read-all/", null);
        var afterAll = await Json(await vendor.Client.GetAsync("/api/notifications/"));

        Assert.Equal(2, (int)list["count"]!);
        Assert.Equal(2, (int)list["unread_count"]!);
        Assert.Equal(ids[1], (int)list["results"]![0]!["id"]!);
        Assert.Equal("Second", (string)list["results"]![0]!["event"]!["title"]!);
        Assert.Equal(0, (int)otherList["count"]!);
        Assert.Equal(HttpStatusCode.NotFound, readOthers.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True((bool)(await Json(read))["is_read"]!);
        Assert.Equal(1, (int)afterOne["unread_count"]!);
        Assert.Equal(HttpStatusCode.OK, readAll.StatusCode);
        Assert.Equal(0, (int)afterAll["unread_count"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.Client().GetAsync("/api/notifications/")).StatusCode);
    }
}
