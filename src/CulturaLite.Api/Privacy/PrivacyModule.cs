namespace CulturaLite.Api.Privacy;

/// <summary>India's DPDP Act: the notice and consent, access to what is held, erasure.</summary>
public static class PrivacyModule
{
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations()
            .Validate(o => Web.SiteOptions.IsAbsoluteHttpUrl(o.NoticeUrl), "Privacy:NoticeUrl must be an absolute http(s) URL.").ValidateOnStart();
        builder.Services.AddScoped<Consents>();
        builder.Services.AddScoped<PersonalDataExport>();
        builder.Services.AddScoped<AccountErasure>();
        return builder;
    }
}
