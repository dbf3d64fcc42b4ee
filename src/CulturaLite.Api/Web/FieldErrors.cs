namespace CulturaLite.Api.Web;

/// <summary>Collects DRF-style field errors while a request is validated.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>False for text that UTF-8 (and so the database) cannot hold: an unpaired surrogate.</summary>
    public static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }
                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }
        return true;
    }

    public Microsoft.AspNetCore.Mvc.ObjectResult ToProblem() => ProblemConventions.Validation(ToDictionary());

    /// <summary>The text when it is an absolute http(s) URL with a host and no spaces (<see cref="Events.Event.IsAcceptableImageUrl"/>); else null, with the error.</summary>
    public string? HttpUrl(string field, string text)
    {
        if (Events.Event.IsAcceptableImageUrl(text))
        {
            return text;
        }
        Add(field, "Enter a valid http(s) URL.");
        return null;
    }

    /// <summary>
    /// Checks a text field as DRF's CharField does: required, trimmed, not blank, no NUL, max length.
    /// Returns the trimmed value, or null after recording why it is unusable.
    /// </summary>
    public string? Text(string field, string? value, int maxLength, bool required = true, bool allowBlank = false)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "This field is required.");
            }
            return null;
        }
        if (value.Contains('\0'))
        {
            Add(field, "Null characters are not allowed.");
            return null;
        }
        if (!IsWellFormed(value))
        {
            Add(field, "Invalid text: it contains an unpaired surrogate.");
            return null;
        }
        var trimmed = value.Trim();
        if (trimmed.Length == 0 && !allowBlank)
        {
            Add(field, "This field may not be blank.");
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            Add(field, $"Ensure this field has no more than {maxLength} characters.");
            return null;
        }
        return trimmed;
    }
}
