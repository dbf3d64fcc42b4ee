using CulturaLite.Api.Events;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Tests.Events;

/// <summary>Rules that live on the entity or in one resolver, whoever calls them (API, console, import).</summary>
public sealed class DomainRulesTests
{
    private static Event Pending() => Event.Submit(7, new EventDetails("Kathak evening", "Dance.", "Pune", DateTime.UtcNow.AddDays(3), 1,
        "https://cdn.example.com/k.jpg", null, null), DateTime.UtcNow);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_event_refuses_a_rejection_without_a_reason(string reason)
    {
        var e = Pending();
        var refused = e.Reject(1, reason, DateTime.UtcNow);
        Assert.Equal(Failure.Invalid, refused.Failure);
        Assert.Contains("reason", refused.Errors.ToDictionary().Keys);
        Assert.Equal(EventStatus.Pending, e.Status);
    }

    [Fact]
    public void An_event_refuses_a_reason_longer_than_the_vendor_is_shown()
    {
        var e = Pending();
        Assert.Equal(Failure.Invalid, e.Reject(1, new string('x', Event.ReasonMaxLength + 1), DateTime.UtcNow).Failure);
        Assert.Equal(EventStatus.Pending, e.Status);
        Assert.True(e.Reject(1, new string('x', Event.ReasonMaxLength), DateTime.UtcNow).Succeeded);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("music", 2)]
    [InlineData("MUSIC", 2)]
    [InlineData("Live Music", 2)]
    [InlineData("live music", 2)]
    [InlineData("2024", 3)]
    [InlineData("7", 7)]
    [InlineData("99", null)]
    [InlineData("opera", null)]
    public void A_category_is_named_by_its_id_then_its_slug_then_its_name(string text, int? expected)
    {
        CategoryRef[] all = [new(2, "Live Music", "music"), new(3, "2024 Specials", "2024"), new(7, "Seven", "seven")];
        Assert.Equal(expected, CategoryRef.Find(all, text)?.Id);
    }
}
