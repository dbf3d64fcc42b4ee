using System.Text.Encodings.Web;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace CulturaLite.Api.Site;

/// <summary>
/// One form field as every page writes it: a label above, the control (at least 44 px tall), a hint, and the
/// field's errors right under it, tied to the control by `aria-describedby` and `aria-invalid` so a screen reader
/// announces them. The errors are the API's own messages (the same services checked them), in the interface's language.
/// <code>&lt;field name="title" label="Title" value="..." errors="Model.Errors" required max="200" /&gt;</code>
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IStringLocalizer<UiText> text, HtmlEncoder encoder) : TagHelper
{
    /// <summary>The API's member name; also the form field's name.</summary>
    public string Name { get; set; } = "";
    public string Label { get; set; } = "";
    /// <summary>text, email, password, url, number, date, datetime-local, search, textarea, select, file.</summary>
    public string Type { get; set; } = "text";
    public string? Value { get; set; }
    public string? Hint { get; set; }
    public FieldErrors? Errors { get; set; }
    public bool Required { get; set; }
    /// <summary>Says "(optional)" after the label: in forms where most fields are required.</summary>
    public bool MarkOptional { get; set; }
    public int? Max { get; set; }
    public string? Autocomplete { get; set; }
    public string? Accept { get; set; }
    public string? Inputmode { get; set; }
    public string? Step { get; set; }
    /// <summary>Makes the control's id unique where one page holds several forms with the same field (`cancel-reason`).</summary>
    public string? Prefix { get; set; }
    /// <summary>For a select: value and label pairs, in order (an empty value first for "none").</summary>
    public IEnumerable<(string Value, string Label)>? Options { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var id = (Prefix ?? "f") + "-" + Name.Replace('_', '-');
        var errors = Errors?.ToDictionary().TryGetValue(Name, out var found) == true ? found : [];
        var described = new List<string>();
        if (Hint is not null)
        {
            described.Add(id + "-hint");
        }
        if (errors.Length > 0)
        {
            described.Add(id + "-error");
        }
        var e = encoder;
        var attributes = $" id=\"{id}\" name=\"{e.Encode(Name)}\""
                         + (Required ? " required" : "")
                         + (errors.Length > 0 ? " aria-invalid=\"true\"" : "")
                         + (described.Count > 0 ? $" aria-describedby=\"{string.Join(' ', described)}\"" : "")
                         + (Autocomplete is null ? "" : $" autocomplete=\"{e.Encode(Autocomplete)}\"")
                         + (Inputmode is null ? "" : $" inputmode=\"{e.Encode(Inputmode)}\"");
        var value = e.Encode(Value ?? "");
        var control = Type switch
        {
            "textarea" => $"<textarea{attributes}{(Max is { } m ? $" maxlength=\"{m}\"" : "")}>{value}</textarea>",
            "select" => $"<select{attributes}>" + string.Concat((Options ?? []).Select(o =>
                $"<option value=\"{e.Encode(o.Value)}\"{(o.Value == (Value ?? "") ? " selected" : "")}>{e.Encode(o.Label)}</option>")) + "</select>",
            "file" => $"<input type=\"file\"{attributes}{(Accept is null ? "" : $" accept=\"{e.Encode(Accept)}\"")}>",
            "password" => $"<input type=\"password\"{attributes}{(Max is { } m ? $" maxlength=\"{m}\"" : "")}>",
            _ => $"<input type=\"{e.Encode(Type)}\"{attributes} value=\"{value}\"{(Max is { } m ? $" maxlength=\"{m}\"" : "")}{(Step is null ? "" : $" step=\"{e.Encode(Step)}\"")}>",
        };
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field");
        var html = $"<label for=\"{id}\">{e.Encode(Label)}{(MarkOptional && !Required ? $" <span class=\"hint\">({e.Encode(text["optional"])})</span>" : "")}</label>" + control;
        if (Hint is not null)
        {
            html += $"<p class=\"hint\" id=\"{id}-hint\">{e.Encode(Hint)}</p>";
        }
        if (errors.Length > 0)
        {
            html += $"<p class=\"error\" id=\"{id}-error\">{e.Encode(string.Join(" ", errors.Select(m => Messages.Translate(text, m))))}</p>";
        }
        output.Content.SetHtmlContent(html);
    }
}
