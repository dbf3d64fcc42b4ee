using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CulturaLite.Api.Web;

/// <summary>
/// Turns model-binding failures (malformed JSON, wrong types, out-of-range numbers) into our 400
/// problem, keyed by the snake_case input name and never echoing parser internals or type names.
/// </summary>
public static partial class ModelStateProblems
{
    public const string NonFieldErrors = "non_field_errors";

    public static IActionResult Create(ActionContext context)
    {
        var errors = new FieldErrors();
        var parseError = false;
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.ValidationState != ModelValidationState.Invalid)
            {
                continue;
            }
            var field = FieldName(key);
            foreach (var error in entry.Errors)
            {
                var message = Message(error, out var isParse);
                parseError |= isParse && field == NonFieldErrors;
                errors.Add(field, message);
            }
        }
        if (!errors.Any)
        {
            errors.Add(NonFieldErrors, "Invalid input.");
        }
        return ProblemConventions.Validation(errors.ToDictionary(), parseError ? "JSON parse error: the request body is not valid JSON." : null);
    }

    /// <summary>`$.event_date` -> `event_date`; `$` or a parameter name -> non_field_errors.</summary>
    public static string FieldName(string key)
    {
        var k = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key.TrimStart('$');
        k = IndexSuffix().Replace(k, "");
        if (k.Length == 0 || k is "request" or "body" || k.Contains('.'))
        {
            return k.Contains('.') ? SnakeCase(k.Split('.')[0]) : NonFieldErrors;
        }
        return SnakeCase(k);
    }

    private static string Message(ModelError error, out bool isParse)
    {
        isParse = false;
        var text = error.ErrorMessage;
        if (error.Exception is not null || string.IsNullOrEmpty(text))
        {
            text = error.Exception?.Message ?? "";
        }
        if (text.StartsWith("Datetime has wrong format", StringComparison.Ordinal))
        {
            return "Datetime has wrong format. Use ISO 8601, e.g. 2026-03-14T18:30:00Z.";
        }
        if (text.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "Incorrect type.";
        }
        if (text.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            isParse = true;
            return "Duplicate property in JSON object.";
        }
        if (text.Contains("is required", StringComparison.Ordinal) && text.Contains("non-empty request body", StringComparison.Ordinal))
        {
            return "A request body is required.";
        }
        isParse = true;
        return "Invalid JSON.";
    }

    private static string SnakeCase(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexSuffix();
}
