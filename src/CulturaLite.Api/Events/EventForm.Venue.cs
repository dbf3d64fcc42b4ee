using System.Globalization;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

/// <summary>The venue fields and the coordinates.</summary>
public sealed partial class EventForm
{
    /// <summary>The venue fields; each optional (absent keeps it, null or "" clears it), coordinates both or neither.</summary>
    private static EventVenue ReadVenue(RequestFields fields, FieldErrors errors, Event? existing)
    {
        var name = OptionalText(fields, errors, "venue_name", EventVenue.NameMaxLength, existing?.VenueName);
        var address = OptionalText(fields, errors, "venue_address", EventVenue.AddressMaxLength, existing?.VenueAddress);
        var locality = OptionalText(fields, errors, "locality", EventVenue.LocalityMaxLength, existing?.Locality);
        var pin = OptionalText(fields, errors, "pin_code", 20, existing?.PinCode);
        if (pin is not null && !(pin.Length == 6 && pin[0] is >= '1' and <= '9' && pin.All(char.IsAsciiDigit)))
        {
            errors.Add("pin_code", "Enter a valid PIN code: 6 digits, not starting with 0.");
        }
        var lat = Coordinate(fields, errors, "latitude", 90, existing?.Latitude);
        var lon = Coordinate(fields, errors, "longitude", 180, existing?.Longitude);
        if (!errors.Has("latitude") && !errors.Has("longitude") && (lat is null) != (lon is null))
        {
            errors.Add(lat is null ? "latitude" : "longitude", "Give both latitude and longitude, or neither.");
        }
        return new EventVenue(name, address, locality, pin, lat, lon);
    }

    private static string? OptionalText(RequestFields fields, FieldErrors errors, string name, int max, string? existing) =>
        Optional(fields, errors, name, max, existing, out var text, out var kept) ? text : kept;

    private static double? Coordinate(RequestFields fields, FieldErrors errors, string name, double limit, double? existing)
    {
        if (!Optional(fields, errors, name, 64, existing, out var text, out var kept))
        {
            return kept;
        }
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add(name, "A valid number is required.");
            return null;
        }
        if (value < -limit || value > limit)
        {
            errors.Add(name, $"Ensure this value is from -{limit:0} to {limit:0}.");
            return null;
        }
        return value;
    }

    /// <summary>
    /// An optional member: false (with <paramref name="kept"/>) when absent or unusable; true with the
    /// trimmed text, or null when it was sent as null or blank (which clears the value).
    /// </summary>
    private static bool Optional<T>(RequestFields fields, FieldErrors errors, string name, int max, T kept, out string? text, out T keptValue)
    {
        text = null;
        keptValue = kept;
        if (fields.Get(name) is not { } value)
        {
            return false;
        }
        if (value.IsNull)
        {
            return true;
        }
        if (!value.IsText)
        {
            errors.Add(name, "Not a valid string.");
            return false;
        }
        var clean = errors.Text(name, value.Text, max, required: false, allowBlank: true);
        if (clean is null)
        {
            return false;
        }
        text = clean.Length == 0 ? null : clean;
        return true;
    }
}
