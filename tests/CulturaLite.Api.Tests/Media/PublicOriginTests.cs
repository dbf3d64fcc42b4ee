using CulturaLite.Api.Media;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CulturaLite.Api.Tests.Media;

/// <summary>Outside Development the server will not build stored URLs from whatever Host a client sends.</summary>
public sealed class PublicOriginTests
{
    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "CulturaLite.Api";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Theory]
    [InlineData("Production", "*", null, false, true)]
    [InlineData("Production", null, null, false, true)]
    [InlineData("Production", "api.culturalite.in", null, false, false)]
    [InlineData("Production", "*", "https://api.culturalite.in", false, false)]
    [InlineData("Production", "*", null, true, false)]
    [InlineData("Development", "*", null, false, false)]
    public void Local_storage_needs_a_public_base_url_or_named_hosts_outside_development(
        string environment, string? allowedHosts, string? publicBaseUrl, bool cloudinary, bool refused)
    {
        var problem = MediaModule.UntrustedOriginProblem(new Env(environment), allowedHosts, new MediaOptions { PublicBaseUrl = publicBaseUrl }, cloudinary);

        Assert.Equal(refused, problem is not null);
        if (refused)
        {
            Assert.Contains("Media:PublicBaseUrl", problem);
            Assert.Contains("AllowedHosts", problem);
        }
    }
}
