using System.Net;
using CulturaLite.Api.Outbound;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Outbound;

/// <summary>The outbound client reaches public addresses only: judged after DNS, at every connection and every redirect.</summary>
public sealed class OutboundTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("192.0.2.10")]
    [InlineData("198.18.0.1")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("ff0e::1")]
    [InlineData("2001:db8::1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2002:c0a8:101::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")]
    [InlineData("100::1")]
    public void A_non_public_address_is_refused(string address) =>
        Assert.False(PublicAddresses.IsPublic(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80e::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void A_public_address_is_allowed(string address) =>
        Assert.True(PublicAddresses.IsPublic(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("http://localhost/hook")]
    [InlineData("http://LOCALHOST./hook")]
    [InlineData("http://127.1/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://0x7f000001/hook")]
    [InlineData("http://0177.0.0.1/hook")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("http://[::ffff:7f00:1]/hook")]
    [InlineData("http://[::ffff:192.168.0.1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[fe80::1%25eth0]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://224.0.0.251/hook")]
    public async Task A_url_whose_host_is_or_resolves_to_a_non_public_address_is_refused_when_saved(string url)
    {
        var refusal = await PublicAddresses.RefusalAsync(url, allowPrivate: false, CancellationToken.None);
        Assert.NotNull(refusal);
    }

    [Theory]
    [InlineData("ftp://93.184.215.14/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/hook")]
    [InlineData("https://user:secret@93.184.215.14/hook")]
    public async Task A_url_that_is_not_plain_http_or_https_is_refused(string url) =>
        Assert.NotNull(await PublicAddresses.RefusalAsync(url, allowPrivate: false, CancellationToken.None));

    [Fact]
    public async Task A_public_address_literal_is_accepted_when_saved() =>
        Assert.Null(await PublicAddresses.RefusalAsync("https://93.184.215.14/hook", allowPrivate: false, CancellationToken.None));

    [Fact]
    public async Task A_host_name_that_resolves_to_loopback_is_refused_at_the_connection()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new HttpClient(OutboundHandler.Create(new OutboundOptions()));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://localhost:{receiver.Address.Port}/"));
        Assert.IsType<OutboundRefusedException>(error.InnerException);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_redirect_is_checked_again_at_its_own_connection()
    {
        // The first hop (127.0.0.1) is allowed here; the redirect goes to another address (127.0.0.2), which is not.
        await using var first = await WebhookReceiver.StartAsync("127.0.0.1");
        await using var second = await WebhookReceiver.StartAsync("127.0.0.2");
        first.Redirect = _ => new Uri(second.Address, "/landed").ToString();
        using var client = new HttpClient(OutboundHandler.Create(new OutboundOptions(), a => a.Equals(IPAddress.Loopback)));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(first.Address, "/redirect/1")));
        Assert.IsType<OutboundRefusedException>(error.InnerException);
        Assert.Single(first.Requests);
        Assert.Empty(second.Requests);
    }

    [Fact]
    public async Task At_most_three_redirects_are_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Redirect = n => new Uri(receiver.Address, $"/redirect/{n + 1}").ToString();
        using var client = new HttpClient(OutboundHandler.Create(new OutboundOptions { AllowPrivateNetworks = true }));
        using var response = await client.GetAsync(new Uri(receiver.Address, "/redirect/1"));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(4, receiver.Requests.Count);
    }
}
