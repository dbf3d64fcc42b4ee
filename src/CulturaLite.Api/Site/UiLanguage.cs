using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CulturaLite.Api.Site;

/// <summary>
/// The language of the pages' interface (not of an event's text, which `?lang=` chooses): `?ui=`, then the
/// `culturalite_ui` cookie, then `Accept-Language` (q-values honoured), else English. Each language is one
/// resource file (<see cref="UiText"/>); formatting follows the language's Indian culture (en-IN, hi-IN).
/// </summary>
public static class UiLanguage
{
    public const string QueryKey = "ui";
    public const string CookieName = "culturalite_ui";

    /// <summary>The interface languages, the default first: adding one is a resource file and one line here.</summary>
    public static readonly IReadOnlyList<CultureInfo> Cultures = [CultureInfo.GetCultureInfo("en-IN"), CultureInfo.GetCultureInfo("hi-IN")];

    public static CultureInfo Default => Cultures[0];

    /// <summary>The culture for a language tag (`hi`, `hi-IN`, `HI`), or null when none is offered.</summary>
    public static CultureInfo? Find(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > 35)
        {
            return null;
        }
        var language = tag.Trim().Split('-', '_')[0];
        return Cultures.FirstOrDefault(c => string.Equals(c.TwoLetterISOLanguageName, language, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The language a request asks for, by query, cookie, then header.</summary>
    public static CultureInfo Choose(HttpRequest request)
    {
        if (Find(request.Query[QueryKey].ToString()) is { } asked)
        {
            return asked;
        }
        if (Find(request.Cookies[CookieName]) is { } kept)
        {
            return kept;
        }
        var header = request.GetTypedHeaders().AcceptLanguage;
        foreach (var value in header.Where(v => v.Quality is null or > 0).OrderByDescending(v => v.Quality ?? 1))
        {
            if (Find(value.Value.Value) is { } accepted)
            {
                return accepted;
            }
        }
        return Default;
    }

    /// <summary>ASP.NET's request localization, fed by <see cref="Choose"/>.</summary>
    public sealed class Provider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var culture = Choose(httpContext.Request).Name;
            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture, culture));
        }
    }
}
