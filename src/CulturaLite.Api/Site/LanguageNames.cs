using System.Globalization;

namespace CulturaLite.Api.Site;

/// <summary>A language code as its speakers write it ("hi": हिन्दी, "ta": தமிழ்), for choices in forms.</summary>
public static class LanguageNames
{
    public static string Native(string code)
    {
        try
        {
            var name = CultureInfo.GetCultureInfo(code).NativeName;
            return name == code ? code : $"{name} ({code})";
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
