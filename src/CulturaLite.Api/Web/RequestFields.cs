using System.Text.Json;

namespace CulturaLite.Api.Web;

/// <summary>One submitted member: its text (numbers as written) and whether it had a text-like JSON type.</summary>
public readonly record struct FieldValue(string? Text, bool IsText, bool IsNull)
{
    /// <summary>A JSON object or array as it was sent (null for other members and for form fields).</summary>
    public string? RawJson { get; init; }

    /// <summary>A JSON `true` or `false` (its <see cref="Text"/> is "true" or "false"; it is not text).</summary>
    public bool IsBool { get; init; }
}

/// <summary>
/// A request body read the same way whether it came as JSON or as multipart/form data, so one
/// validator serves both (the dashboard accepts an image file or an `image_url`).
/// </summary>
public sealed class RequestFields
{
    private readonly Dictionary<string, FieldValue> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IFormFile> _files = new(StringComparer.Ordinal);

    public bool Has(string name) => _values.ContainsKey(name) || _files.ContainsKey(name);

    /// <summary>Every member sent (values and files).</summary>
    public IEnumerable<string> Names => _values.Keys.Concat(_files.Keys);

    public FieldValue? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public IFormFile? File(string name) => _files.GetValueOrDefault(name);

    /// <summary>Sets a member as a form would send it (the portal's forms: a checkbox left empty is sent as "").</summary>
    public RequestFields With(string name, string? text)
    {
        _values[name] = text is null ? new FieldValue(null, false, true) : new FieldValue(text, true, false);
        return this;
    }

    /// <summary>Leaves a member out, as if it had not been sent.</summary>
    public RequestFields Without(string name)
    {
        _values.Remove(name);
        _files.Remove(name);
        return this;
    }

    /// <summary>Reads the body; a problem result instead when it is not JSON or a form, or is malformed.</summary>
    public static async Task<(RequestFields? Fields, Microsoft.AspNetCore.Mvc.ObjectResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var fields = new RequestFields();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            foreach (var (key, value) in form)
            {
                fields._values[key] = new FieldValue(value.ToString(), true, false);
            }
            foreach (var file in form.Files)
            {
                fields._files.TryAdd(file.Name, file);
            }
            return (fields, null);
        }
        if (request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any())
        {
            return (fields, null);
        }
        if (!IsJson(request.ContentType))
        {
            return (null, ProblemConventions.Status(415, $"Unsupported media type \"{request.ContentType}\" in request. Send application/json or multipart/form-data."));
        }
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 32 }, ct);
        }
        catch (JsonException)
        {
            return (null, ProblemConventions.Validation(ModelStateProblems.NonFieldErrors, "JSON parse error: the request body is not valid JSON."));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ProblemConventions.Validation(ModelStateProblems.NonFieldErrors,
                    $"Invalid data. Expected a dictionary, but got {document.RootElement.ValueKind.ToString().ToLowerInvariant()}."));
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (fields._values.ContainsKey(property.Name))
                {
                    return (null, ProblemConventions.Validation(property.Name, "Duplicate property in JSON object."));
                }
                var v = property.Value;
                fields._values[property.Name] = v.ValueKind switch
                {
                    JsonValueKind.String => ReadString(v),
                    JsonValueKind.Number => new FieldValue(v.GetRawText(), true, false),
                    JsonValueKind.Null => new FieldValue(null, false, true),
                    JsonValueKind.True => new FieldValue("true", false, false) { IsBool = true },
                    JsonValueKind.False => new FieldValue("false", false, false) { IsBool = true },
                    JsonValueKind.Object or JsonValueKind.Array => new FieldValue(null, false, false) { RawJson = v.GetRawText() },
                    _ => new FieldValue(null, false, false),
                };
            }
        }
        return (fields, null);
    }

    /// <summary>A JSON string that cannot become .NET text (a lone surrogate escape) is an invalid value, not a crash.</summary>
    private static FieldValue ReadString(JsonElement value)
    {
        try
        {
            return new FieldValue(value.GetString(), true, false);
        }
        catch (InvalidOperationException)
        {
            return new FieldValue(null, false, false);
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                                    || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                                        && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));
}
