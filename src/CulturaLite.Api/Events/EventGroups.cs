using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

/// <summary>
/// A group of an event's fields with a record of its own (the venue, the moderation state, the facts to come),
/// declared once as an expression over <see cref="Event"/>: EF Core projects it column by column inside any
/// response's projection (<see cref="EventGroups.Expand{T}"/>), in-memory code builds it from the same
/// declaration, responses send its members flat (<see cref="FlattenAttribute"/>), and revisions keep and compare
/// it member by member (<see cref="EventGroups.Content"/>). A member added to the record is then read, sent,
/// kept and compared everywhere; <c>EventFieldCoverageTests</c> fails for one that is not.
/// </summary>
public interface IEventGroup<TSelf> where TSelf : IEventGroup<TSelf>
{
    /// <summary>The group read from an event's columns, as an expression EF Core can translate.</summary>
    static abstract Expression<Func<Event, TSelf>> Of { get; }
}

public static class EventGroups
{
    /// <summary>
    /// The groups a vendor writes: each revision keeps their members (by their names on the wire) and
    /// `changes` compares them one by one.
    /// </summary>
    public static readonly IReadOnlyList<Func<Event, object>> Content = [Of<EventVenue>, Of<EventFacts>];

    /// <summary>
    /// The group <typeparamref name="T"/> of <paramref name="e"/>. Inside a projection passed through
    /// <see cref="Expand{T}"/> this call is replaced by the group's own expression, so the database reads only
    /// its columns; called in memory it runs the same expression, compiled once.
    /// </summary>
    public static T Of<T>(Event e) where T : IEventGroup<T> => Compiled<T>.Read(e);

    /// <summary>The projection with each <see cref="Of{T}"/> call replaced by that group's expression.</summary>
    public static Expression<Func<Event, T>> Expand<T>(Expression<Func<Event, T>> projection) =>
        (Expression<Func<Event, T>>)new Expander().Visit(projection);

    private static class Compiled<T> where T : IEventGroup<T>
    {
        public static readonly Func<Event, T> Read = T.Of.Compile();
    }

    private static readonly MethodInfo OfMethod = typeof(EventGroups).GetMethod(nameof(Of))!;

    private sealed class Expander : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (!node.Method.IsGenericMethod || node.Method.GetGenericMethodDefinition() != OfMethod)
            {
                return base.VisitMethodCall(node);
            }
            var group = node.Method.GetGenericArguments()[0];
            var of = (LambdaExpression)group.GetProperty(nameof(IEventGroup<EventVenue>.Of), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            return new Substitute(of.Parameters[0], Visit(node.Arguments[0])).Visit(of.Body);
        }
    }

    private sealed class Substitute(ParameterExpression parameter, Expression value) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? value : node;
    }
}

/// <summary>
/// Where the event takes place; every part optional, coordinates both or neither. Its columns stay on
/// <see cref="Event"/> (not an EF complex type) because the "near me" index is built on the coordinates, and EF
/// Core cannot index a complex type's columns.
/// </summary>
public sealed record EventVenue(
    [property: JsonPropertyName("venue_name")] string? Name,
    [property: JsonPropertyName("venue_address")] string? Address,
    [property: JsonPropertyName("locality")] string? Locality,
    [property: JsonPropertyName("pin_code")] string? PinCode,
    [property: JsonPropertyName("latitude")] double? Latitude,
    [property: JsonPropertyName("longitude")] double? Longitude) : IEventGroup<EventVenue>
{
    public const int NameMaxLength = 200;
    public const int AddressMaxLength = 500;
    public const int LocalityMaxLength = 100;

    public static readonly EventVenue None = new(null, null, null, null, null, null);

    public static Expression<Func<Event, EventVenue>> Of { get; } =
        e => new EventVenue(e.VenueName, e.VenueAddress, e.Locality, e.PinCode, e.Latitude, e.Longitude);
}

/// <summary>Where an event stands in moderation, as its vendor and the admins see it.</summary>
public sealed record EventModeration(
    string Status,
    [property: JsonPropertyName("rejection_reason")] string? RejectionReason,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ModeratedAt,
    int Version,
    bool AutoApproved) : IEventGroup<EventModeration>
{
    /// <summary>The reason is shown only while the event is rejected.</summary>
    public static Expression<Func<Event, EventModeration>> Of { get; } = e => new EventModeration(
        e.Status, e.Status == EventStatus.Rejected ? e.RejectionReason : null, e.CreatedAt, e.UpdatedAt, e.ModeratedAt, e.Version, e.AutoApproved);
}

/// <summary>Whether the event happens as announced (<see cref="EventLifecycle"/>), why, and when it was to start before.</summary>
public sealed record EventStanding(
    [property: JsonPropertyName("event_status")] string EventStatus,
    [property: JsonPropertyName("status_reason")] string? StatusReason,
    [property: JsonPropertyName("previous_start_dates")] IReadOnlyList<DateTime> PreviousStartDates) : IEventGroup<EventStanding>
{
    public static Expression<Func<Event, EventStanding>> Of { get; } = e => new EventStanding(e.Lifecycle, e.StatusReason, e.PreviousStartDates);
}
