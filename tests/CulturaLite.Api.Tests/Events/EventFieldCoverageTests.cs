using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using CulturaLite.Api.Events;
using CulturaLite.Api.Sharing;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Tests.Events;

/// <summary>
/// Every member of <see cref="Event"/> is either sent (a field of its own, or a member of a group such as the venue),
/// or named here as internal with the reason; every field a vendor gives is in the dashboard and admin items, kept in
/// each revision and named by `changes` when it alone changes; each group's members are sent by every response that
/// holds the group. A member added to the entity or to a group and forgotten anywhere fails here, naming it.
/// </summary>
public sealed class EventFieldCoverageTests
{
    private static readonly DateTime Now = new(2027, 1, 26, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>The fields outside groups, as the API names them, and a change of each (through what a vendor gives).</summary>
    private static readonly Dictionary<string, (string Wire, Func<EventDetails, EventDetails> Change)> Fields = new()
    {
        ["Title"] = ("title", d => d with { Title = d.Title + " 2" }),
        ["Description"] = ("description", d => d with { Description = d.Description + " More." }),
        ["City"] = ("city", d => d with { City = "Pune" }),
        ["EventDate"] = ("event_date", d => d with { EventDate = d.EventDate.AddDays(1) }),
        ["CategoryId"] = ("category", d => d with { CategoryId = d.CategoryId + 1 }),
        ["ImageUrl"] = ("image_url", d => d with { ImageUrl = "https://cdn.example.com/other.jpg" }),
        ["EndDate"] = ("end_date", d => d with { EndDate = d.EventDate.AddHours(5) }),
        ["Language"] = ("language", d => d with { Language = "hi" }),
        ["Translations"] = ("translations.ta.title", d => d with { Translations = new Dictionary<string, EventText> { ["ta"] = new("கச்சேரி", "இசை") } }),
        ["FestivalId"] = ("festival", d => d with { FestivalId = 7 }),
    };

    /// <summary>Members of the entity sent outside the vendor's fields (derived from them, or the moderation state).</summary>
    private static readonly Dictionary<string, string> Sent = new()
    {
        ["Id"] = "id",
        ["Category"] = "category",
        ["ThumbnailUrl"] = "thumbnail_url",
        ["Images"] = "images",
        ["Vendor"] = "vendor",
        ["Notes"] = "has_unread_notes",
        ["SeriesId"] = "series",
        ["Series"] = "occurrences",
        ["DateOverridden"] = "occurrences",
        ["Festival"] = "festival",
    };

    /// <summary>Members never sent, and why.</summary>
    private static readonly Dictionary<string, string> Internal = new()
    {
        ["CityKey"] = "the city folded for matching",
        ["GeoX"] = "the position on the unit sphere, for the near filter",
        ["GeoY"] = "the position on the unit sphere, for the near filter",
        ["GeoZ"] = "the position on the unit sphere, for the near filter",
        ["SearchText"] = "the search words",
        ["SearchFormat"] = "the version of the search words",
        ["ImageKey"] = "where our storage keeps the image",
        ["VendorId"] = "sent as vendor",
        ["ModeratedById"] = "the admin who decided: in the audit log and the console",
        ["HiddenByReports"] = "reports are the admins' business, shown in the report queue",
        ["Venue"] = "the venue group itself, whose members are sent",
        ["Facts"] = "the facts group itself, whose members are sent",
        ["Standing"] = "the status group itself, whose members are sent",
        ["OccurrenceStart"] = "the date the series' rule gave (the calendar's RECURRENCE-ID)",
        ["IsSeriesHead"] = "derived from SeriesId: the first date stands for the series",
    };

    /// <summary>The groups on the entity, with the entity members their expression reads.</summary>
    private static readonly Dictionary<Type, LambdaExpression> Groups = new()
    {
        [typeof(EventVenue)] = EventVenue.Of,
        [typeof(EventModeration)] = EventModeration.Of,
        [typeof(EventFacts)] = EventFacts.Of,
        [typeof(EventStanding)] = EventStanding.Of,
    };

    private static readonly JsonSerializerOptions Wire = JsonConventions.Create();

    private static EventDetails Sample() =>
        new("Holi Festival", "Colours and music.", "Mumbai", Now.AddDays(30), 1, "https://cdn.example.com/e.jpg", null, null);

    private static IEnumerable<string> WireNames(Type type) => Wire.GetTypeInfo(type).Properties.Select(p => p.Name);

    private static HashSet<string> ReadBy(LambdaExpression group)
    {
        var read = new HashSet<string>();
        new MemberReader(read).Visit(group.Body);
        return read;
    }

    private sealed class MemberReader(HashSet<string> read) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is ParameterExpression { Type: var type } && type == typeof(Event))
            {
                read.Add(node.Member.Name);
            }
            return base.VisitMember(node);
        }
    }

    [Fact]
    public void Every_member_of_the_entity_is_a_field_a_group_member_sent_or_internal()
    {
        var inGroups = Groups.Values.SelectMany(ReadBy).ToHashSet();
        var unplaced = typeof(Event).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.Name)
            .Where(name => !Fields.ContainsKey(name) && !inGroups.Contains(name) && !Sent.ContainsKey(name) && !Internal.ContainsKey(name))
            .ToList();
        Assert.True(unplaced.Count == 0, $"Event members that no response, revision or list here accounts for: {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void Every_member_of_the_details_is_a_field_or_a_group_or_derived()
    {
        string[] derived = ["ThumbnailUrl", "ImageKey", "Images", "IndexTerms"];
        var members = typeof(EventDetails).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract" && !Groups.ContainsKey(p.PropertyType))
            .Select(p => p.Name).Except(derived).Order();
        Assert.Equal(Fields.Keys.Order(), members);
    }

    [Fact]
    public void The_dashboard_and_admin_items_send_every_field_and_every_member_of_every_group()
    {
        var sent = WireNames(typeof(DashboardEventResponse)).ToHashSet();
        foreach (var (member, (wire, _)) in Fields)
        {
            Assert.True(sent.Contains(wire.Split('.')[0]), $"{member} ({wire}) is not in the dashboard and admin items");
        }
        foreach (var name in Sent.Values)
        {
            Assert.Contains(name, sent);
        }
        foreach (var group in Groups.Keys)
        {
            foreach (var name in WireNames(group))
            {
                Assert.True(sent.Contains(name), $"{group.Name}: {name} is not in the dashboard and admin items");
            }
        }
    }

    [Fact]
    public void Every_response_holding_a_group_sends_each_of_its_members_flat_where_the_contract_names_them()
    {
        foreach (var response in new[] { typeof(EventResponse), typeof(DashboardEventResponse) })
        {
            var sent = WireNames(response).ToList();
            Assert.DoesNotContain("venue", sent);
            Assert.Equal(["venue_name", "venue_address", "locality", "pin_code", "latitude", "longitude"], sent.Where(WireNames(typeof(EventVenue)).Contains));
            Assert.DoesNotContain("facts", sent);
            Assert.Equal(["price", "ticket_url", "age_range", "accessibility", "attendance_mode", "online_url", "performance_languages", "performers"],
                sent.Where(WireNames(typeof(EventFacts)).Contains));
        }
        var item = new EventResponse(1, "t", "d", "Pune", Now, "https://cdn.example.com/e.jpg", null, new CategoryResponse(1, "Music", "music"), null,
            new EventVenue("Town Hall", null, "Kothrud", "411038", 18.5, 73.8), EventFacts.None,
            new EventStanding("scheduled", null, []), null);
        var json = JsonSerializer.SerializeToNode(item, Wire)!.AsObject();
        Assert.Equal("Town Hall", (string?)json["venue_name"]);
        Assert.Null(json["venue_address"]);
        Assert.True(json.ContainsKey("venue_address"));
        Assert.Equal(73.8, (double?)json["longitude"]);
        // The share pages and feeds read the same group.
        Assert.Contains(typeof(SharedEvent).GetProperties(), p => p.PropertyType == typeof(EventVenue));
    }

    [Fact]
    public void Each_field_alone_changed_is_named_by_the_revisions_changes()
    {
        var before = EventRevision.Snapshot(Event.Submit(7, Sample(), Now)).ToJsonString();
        var changes = Fields.Select(f => (f.Key, f.Value.Wire, f.Value.Change))
            .Concat(WireNames(typeof(EventVenue)).Zip(JsonFlatten.Members(typeof(EventVenue)))
                .Select(v => ($"Venue.{v.Second.Name}", v.First, (Func<EventDetails, EventDetails>)(d => d with { Venue = Changed(d.Venue, v.Second) }))))
            .Concat(WireNames(typeof(EventFacts)).Zip(JsonFlatten.Members(typeof(EventFacts)))
                .Select(v => ($"Facts.{v.Second.Name}", v.First, (Func<EventDetails, EventDetails>)(d => d with { Facts = Changed(d.Facts, v.Second) }))));
        var seen = new List<string>();
        foreach (var (member, wire, change) in changes)
        {
            var after = EventRevision.Snapshot(Event.Submit(7, change(Sample()), Now)).ToJsonString();
            var changed = EventRevision.Changes(before, after).Select(c => c.Field).ToList();
            Assert.True(changed.Contains(wire), $"{member}: changes named [{string.Join(", ", changed)}], not {wire}");
            Assert.All(changed, f => Assert.True(f == wire || f.StartsWith("translations.", StringComparison.Ordinal),
                $"{member}: changing it alone also changed {f}"));
            seen.Add(member);
        }
        Assert.Equal(Fields.Count + JsonFlatten.Members(typeof(EventVenue)).Count() + JsonFlatten.Members(typeof(EventFacts)).Count(), seen.Count);
    }

    /// <summary>The group with one member set to another value of its type (through the positional constructor).</summary>
    private static T Changed<T>(T group, PropertyInfo member)
    {
        var constructor = typeof(T).GetConstructors().Single(c => c.GetParameters().Length > 0 && c.GetParameters()[0].ParameterType != typeof(T));
        var args = constructor.GetParameters().Select(p =>
        {
            var property = typeof(T).GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!;
            var value = property.GetValue(group);
            if (property.Name != member.Name)
            {
                return value;
            }
            if (property.Name == nameof(EventFacts.Accessibility))
            {
                return new[] { "step_free" };
            }
            return (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) switch
            {
                var t when t == typeof(EventPrice) => new EventPrice(false, 200, 500, "INR"),
                var t when t == typeof(AgeRange) => new AgeRange(5, 12),
                var t when t == typeof(IReadOnlyList<string>) => new[] { "ta" },
                var t when t == typeof(string) => (object)"411038",
                var t when t == typeof(double) => 12.5,
                var t when t == typeof(int) => 3,
                var t when t == typeof(bool) => !(bool)(value ?? false),
                var t when t == typeof(DateTime) => Now.AddDays(3),
                var t => throw new InvalidOperationException($"Give {t.Name} a changed value here, for {member.Name}."),
            };
        }).ToArray();
        return (T)constructor.Invoke(args);
    }
}
