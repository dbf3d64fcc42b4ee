namespace CulturaLite.Api.Site;

/// <summary>
/// The pages' interface text: `UiText.resx` (English) and `UiText.hi.resx` (Hindi) beside this class, read through
/// `IStringLocalizer&lt;UiText&gt;`. Another language is one more file (and its culture in <see cref="UiLanguage"/>).
/// </summary>
public sealed class UiText;
