using CulturaLite.Api.Web;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Tests.Web;

/// <summary>The one line an operator reads for each kind of start-up failure, and none for a failure that is not about a setting.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public void A_setting_exception_is_its_own_sentence()
    {
        Assert.Equal("Configuration error: Media:Storage must be 'local' or 'cloudinary'.",
            StartupFailure.Describe(new SettingException("Media:Storage must be 'local' or 'cloudinary'.")));
    }

    [Fact]
    public void A_failed_options_validation_names_each_failure()
    {
        var error = new OptionsValidationException("Site", typeof(SiteOptions), ["Site:TimeZone must name a time zone.", "Site:Languages must list codes."]);

        Assert.Equal("Configuration error: Site:TimeZone must name a time zone. Site:Languages must list codes.", StartupFailure.Describe(error));
    }

    [Fact]
    public void Several_failures_at_start_up_are_one_line_without_repeating_the_prefix()
    {
        var error = new AggregateException(
            new OptionsValidationException("Jwt", typeof(object), ["Jwt:SigningKey is not set."]),
            new SettingException("ForwardedHeaders:KnownProxies: 'x' is not an IP address."));

        Assert.Equal("Configuration error: Jwt:SigningKey is not set. ForwardedHeaders:KnownProxies: 'x' is not an IP address.", StartupFailure.Describe(error));
    }

    [Fact]
    public void A_failure_that_is_not_about_a_setting_is_not_described_and_keeps_its_stack_trace()
    {
        Assert.Null(StartupFailure.Describe(new InvalidOperationException("A bug.")));
        Assert.Null(StartupFailure.Describe(new AggregateException(new SettingException("Media:Storage ..."), new NullReferenceException())));
        Assert.Null(StartupFailure.Describe(new AggregateException()));
    }

    [Fact]
    public void The_tests_host_is_not_the_process_entry_point() => Assert.False(StartupFailure.IsProcessEntryPoint);
}
