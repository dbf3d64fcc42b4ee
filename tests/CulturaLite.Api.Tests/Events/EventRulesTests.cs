using CulturaLite.Api.Events;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Tests.Events;

/// <summary>The moderation rules, straight on the entity.</summary>
public sealed class EventRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    private static EventDetails Details(string title = "Holi Festival 2026") =>
        new(title, "Colours", "Mumbai", Now.AddDays(10), 1, "https://cdn.example.com/x.jpg", null, null);

    [Fact]
    public void A_submitted_event_is_pending_and_owned_by_its_vendor()
    {
        var e = Event.Submit(7, Details(), Now);

        Assert.Equal(EventStatus.Pending, e.Status);
        Assert.Equal(7, e.VendorId);
        Assert.Equal("mumbai", e.CityKey);
        Assert.Null(e.ModeratedAt);
    }

    [Fact]
    public void Approving_stamps_the_admin_and_time_and_raises_the_vendors_notification()
    {
        var e = Event.Submit(7, Details(), Now);

        var note = e.Approve(adminId: 1, Now.AddHours(1)).Value;

        Assert.Equal(EventStatus.Approved, e.Status);
        Assert.Equal(1, e.ModeratedById);
        Assert.Equal(Now.AddHours(1), e.ModeratedAt);
        Assert.Equal("Your event 'Holi Festival 2026' was approved.", note!.Message);
        Assert.Equal(7, note.VendorId);
    }

    [Fact]
    public void A_decision_on_an_event_already_in_that_state_changes_nothing()
    {
        var e = Event.Submit(7, Details(), Now);
        e.Approve(1, Now);
        var version = e.Version;

        var again = e.Approve(2, Now.AddHours(1));
        Assert.Equal((Failure.Conflict, Event.Unchanged, "The event is already approved."), (again.Failure, again.Code, again.Reason));
        Assert.Equal(1, e.ModeratedById);
        Assert.Equal(version, e.Version);
        Assert.True(e.Reject(2, "Changed my mind", Now.AddHours(2)).Succeeded);
        Assert.Equal(Event.Unchanged, e.Reject(2, "Again", Now.AddHours(3)).Code);
        Assert.Equal("Changed my mind", e.RejectionReason);
        Assert.True(e.AutoApprove(Now.AddHours(4)).Succeeded);
        Assert.Equal(Event.Unchanged, e.AutoApprove(Now.AddHours(5)).Code);
    }

    [Fact]
    public void Editing_an_approved_or_rejected_event_sends_it_back_to_review()
    {
        var approved = Event.Submit(7, Details(), Now);
        approved.Approve(1, Now);
        var rejected = Event.Submit(7, Details(), Now);
        rejected.Reject(1, "Blurry", Now);

        approved.Edit(Details("New title"), Now.AddDays(1));
        rejected.Edit(Details(), Now.AddDays(1));

        Assert.Equal(EventStatus.Pending, approved.Status);
        Assert.Equal("New title", approved.Title);
        Assert.Equal(EventStatus.Pending, rejected.Status);
        Assert.Null(rejected.RejectionReason);
    }

    [Fact]
    public void Every_change_moves_the_concurrency_token()
    {
        var e = Event.Submit(7, Details(), Now);
        var versions = new List<int> { e.Version };

        e.Edit(Details("b"), Now);
        versions.Add(e.Version);
        e.Approve(1, Now);
        versions.Add(e.Version);

        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Theory]
    [InlineData("Art & Exhibitions", "art-exhibitions")]
    [InlineData("  Café Concerts ", "cafe-concerts")]
    [InlineData("Food_and--Drink", "food_and-drink")]
    public void Slugs_follow_djangos_slugify(string name, string slug) => Assert.Equal(slug, Category.Slugify(name));
}
