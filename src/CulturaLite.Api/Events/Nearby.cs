using System.Globalization;
using System.Linq.Expressions;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

/// <summary>
/// "Near me": `near=LAT,LON` and `radius_km=R`. The database first narrows by a bounding box on the
/// indexed (latitude, longitude) pair, then keeps the events within R km by great-circle distance.
/// </summary>
public sealed record Nearby(double Latitude, double Longitude, double RadiusKm)
{
    public const double DefaultRadiusKm = 10;
    public const double MaxRadiusKm = 100;
    public const double EarthRadiusKm = 6371.0088;
    private const double Rad = Math.PI / 180;
    private const double KmPerDegreeOfLatitude = EarthRadiusKm * Rad;

    /// <summary>Identifies the circle, for caching counts.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Latitude:R},{Longitude:R},{RadiusKm:R}");

    /// <summary>Null when `near` is absent; a malformed `near` or `radius_km` is a field error.</summary>
    public static Nearby? Parse(IQueryCollection query, FieldErrors errors)
    {
        double radius = DefaultRadiusKm;
        var radiusText = QueryText.Read(query, "radius_km", errors);
        if (radiusText is not null)
        {
            if (!TryNumber(radiusText, out radius))
            {
                errors.Add("radius_km", "A valid number is required.");
            }
            else if (radius <= 0 || radius > MaxRadiusKm)
            {
                errors.Add("radius_km", $"Ensure this value is greater than 0 and at most {MaxRadiusKm:0}.");
            }
        }
        var nearText = QueryText.Read(query, "near", errors);
        if (nearText is null)
        {
            return null;
        }
        var parts = nearText.Split(',');
        if (parts.Length != 2 || !TryNumber(parts[0], out var lat) || !TryNumber(parts[1], out var lon))
        {
            errors.Add("near", "Enter a position as LAT,LON in decimal degrees, e.g. 19.076,72.8777.");
            return null;
        }
        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            errors.Add("near", "Latitude must be from -90 to 90 and longitude from -180 to 180.");
            return null;
        }
        return errors.Has("radius_km") ? null : new Nearby(lat, lon, radius);
    }

    /// <summary>The events with coordinates within the radius: a bounding box the index serves, then the exact distance.</summary>
    public IQueryable<Event> Within(IQueryable<Event> events)
    {
        var dLat = RadiusKm / KmPerDegreeOfLatitude;
        var (minLat, maxLat) = (Latitude - dLat, Latitude + dLat);
        events = events.Where(e => e.Latitude >= minLat && e.Latitude <= maxLat);
        var sinRatio = Math.Sin(RadiusKm / EarthRadiusKm) / Math.Cos(Latitude * Rad);
        if (maxLat < 90 && minLat > -90 && sinRatio < 1)
        {
            var dLon = Math.Asin(sinRatio) / Rad;
            var (minLon, maxLon) = (Longitude - dLon, Longitude + dLon);
            if (minLon < -180)
            {
                var wrapped = minLon + 360;
                events = events.Where(e => e.Longitude >= wrapped || e.Longitude <= maxLon);
            }
            else if (maxLon > 180)
            {
                var wrapped = maxLon - 360;
                events = events.Where(e => e.Longitude >= minLon || e.Longitude <= wrapped);
            }
            else
            {
                events = events.Where(e => e.Longitude >= minLon && e.Longitude <= maxLon);
            }
        }
        // Great-circle distance <= R  <=>  the angle between the two unit vectors <= R / earth radius
        // <=>  their dot product >= cos(R / earth radius): exact, and three multiplications per row.
        var minCloseness = Math.Cos(RadiusKm / EarthRadiusKm);
        return events.Where(Closeness().AtLeast(minCloseness));
    }

    /// <summary>
    /// The cosine of the angle between this point and the event's (1 at the same place, falling with
    /// distance): ordering by it, descending, is ordering by great-circle distance.
    /// </summary>
    public Expression<Func<Event, double>> Closeness()
    {
        var (x, y, z) = UnitVector(Latitude, Longitude);
        return e => (e.GeoX!.Value * x) + (e.GeoY!.Value * y) + (e.GeoZ!.Value * z);
    }

    /// <summary>The point on the unit sphere for a latitude and longitude in degrees.</summary>
    public static (double X, double Y, double Z) UnitVector(double latitude, double longitude)
    {
        var (phi, lambda) = (latitude * Rad, longitude * Rad);
        return (Math.Cos(phi) * Math.Cos(lambda), Math.Cos(phi) * Math.Sin(lambda), Math.Sin(phi));
    }

    /// <summary>The same distance computed here, rounded to one decimal for `distance_km`.</summary>
    public double DistanceKm(double latitude, double longitude)
    {
        var a = Math.Pow(Math.Sin((latitude - Latitude) * Rad / 2), 2)
                + Math.Cos(Latitude * Rad) * Math.Cos(latitude * Rad) * Math.Pow(Math.Sin((longitude - Longitude) * Rad / 2), 2);
        return Math.Round(2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a))), 1, MidpointRounding.AwayFromZero);
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);
}

internal static class DistanceExpressions
{
    /// <summary>`e => closeness(e) &gt;= minimum`, the minimum sent as a parameter.</summary>
    public static Expression<Func<Event, bool>> AtLeast(this Expression<Func<Event, double>> closeness, double minimum)
    {
        Expression<Func<double>> parameter = () => minimum;
        return Expression.Lambda<Func<Event, bool>>(
            Expression.GreaterThanOrEqual(closeness.Body, parameter.Body), closeness.Parameters);
    }
}
