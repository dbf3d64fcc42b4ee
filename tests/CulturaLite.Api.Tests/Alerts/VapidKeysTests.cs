using CulturaLite.Api.Alerts;
using CulturaLite.Api.Tests.Infrastructure;
using CulturaLite.Api.Web;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CulturaLite.Api.Tests.Alerts;

/// <summary>Where the VAPID key pair comes from in each environment (configuration.md `Push__Vapid*`).</summary>
public sealed class VapidKeysTests
{
    private sealed class Environment(string name, string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "CulturaLite.Api";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static VapidKeys Keys(string environment, string root, string? publicKey = null, string? privateKey = null) =>
        new(Microsoft.Extensions.Options.Options.Create(new PushOptions { VapidPublicKey = publicKey, VapidPrivateKey = privateKey }),
            new Environment(environment, root), NullLogger<VapidKeys>.Instance);

    [Fact]
    public void Development_generates_a_pair_once_and_keeps_it_across_restarts()
    {
        var root = TestScratch.Folder("vapid");

        var first = Keys("Development", root);
        var second = Keys("Development", root);

        Assert.True(File.Exists(Path.Combine(root, ".keys", "vapid.json")));
        Assert.Equal(first.PublicKey, second.PublicKey);
        Assert.Equal(first.PrivateKey, second.PrivateKey);
        Assert.Null(VapidKeys.Refusal(first.PublicKey, first.PrivateKey));
    }

    [Fact]
    public void Production_without_keys_turns_push_off()
    {
        var root = TestScratch.Folder("vapid");

        var keys = Keys("Production", root);

        Assert.False(keys.Available);
        Assert.False(Directory.Exists(Path.Combine(root, ".keys")));
    }

    [Fact]
    public void Configured_keys_are_used_as_given_and_half_a_pair_or_a_bad_one_is_a_setting_error()
    {
        var (publicKey, privateKey) = VapidKeys.Generate();
        var root = TestScratch.Folder("vapid");

        Assert.Equal(publicKey, Keys("Production", root, publicKey, privateKey).PublicKey);
        Assert.Contains("Push:VapidPrivateKey", Assert.Throws<SettingException>(() => Keys("Production", root, publicKey)).Message);
        Assert.Contains("Push:VapidPublicKey", Assert.Throws<SettingException>(() => Keys("Production", root, publicKey[..^4] + "AAAA", privateKey[..^1])).Message);
    }
}
