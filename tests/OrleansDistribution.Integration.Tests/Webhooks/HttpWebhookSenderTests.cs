using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Tests.Fixtures;
using OrleansDistribution.Integration.Webhooks;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Integration.Tests.Webhooks;

/// <summary>The webhook transport as a silo gets it (AddDistributionWebhooks), against a loopback stub.</summary>
public sealed class HttpWebhookSenderTests : IAsyncLifetime
{
    private StubServer _stub = null!;

    public async ValueTask InitializeAsync() => _stub = await StubServer.StartAsync();

    public async ValueTask DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Send_SignsWithTheStandardHeaders_AndReportsStatusAndLatency()
    {
        await using var provider = Provider(allowPrivate: true);
        _stub.Then(Respond.Status(204));
        var key = new byte[32];
        Random.Shared.NextBytes(key);

        var result = await Sender(provider).SendAsync(Message("whk_a", key, "evt-1"), CancellationToken.None);

        Assert.True(result.Delivered);
        Assert.Equal(204, result.StatusCode);
        Assert.True(result.Latency > TimeSpan.Zero);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("evt-1", request.Headers["webhook-id"]);
        Assert.True(StandardWebhooksVerifier.Verify("whsec_" + Convert.ToBase64String(key), "evt-1", request.Headers["webhook-timestamp"],
            System.Text.Encoding.UTF8.GetBytes(request.Body), request.Headers["webhook-signature"], DateTimeOffset.UtcNow));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Circuit_IsPerEndpoint_OneFailingEndpointFailsFastWhileAnotherOnTheSameHostIsStillCalled()
    {
        await using var provider = Provider(allowPrivate: true);
        var sender = Sender(provider);
        _stub.Otherwise(Respond.Status(500));

        var failures = new List<WebhookSendResult>();
        for (var i = 0; i < 3; i++)
        {
            failures.Add(await sender.SendAsync(Message("whk_dead", new byte[32], $"evt-{i}"), CancellationToken.None));
        }

        Assert.All(failures, failure => Assert.Equal(500, failure.StatusCode));
        var open = await sender.SendAsync(Message("whk_dead", new byte[32], "evt-3"), CancellationToken.None);
        Assert.False(open.Sent);
        Assert.NotNull(open.CircuitOpenFor);
        Assert.Equal(3, _stub.Requests.Count);

        _stub.Then(Respond.Status(200));
        var other = await sender.SendAsync(Message("whk_alive", new byte[32], "evt-x"), CancellationToken.None);
        Assert.True(other.Delivered);
        Assert.Equal(4, _stub.Requests.Count);
    }

    [Fact]
    public async Task PrivateAddresses_NotAllowed_NothingIsSentToLoopback()
    {
        await using var provider = Provider(allowPrivate: false);

        var result = await Sender(provider).SendAsync(Message("whk_private", new byte[32], "evt-1"), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Null(result.StatusCode);
        Assert.Contains("non-public", result.Error, StringComparison.Ordinal);
        Assert.Empty(_stub.Requests);
    }

    [Theory]
    [InlineData("https://hooks.example.com/x", false, null)]
    [InlineData("http://203.0.113.9:8080/x", false, null)]
    [InlineData("ftp://hooks.example.com/x", false, "Only http and https")]
    [InlineData("hooks.example.com/x", false, "absolute")]
    [InlineData("/relative", false, "Only http and https")]
    [InlineData("https://user:pw@hooks.example.com/x", false, "Credentials")]
    [InlineData("http://localhost:5000/x", false, "this machine")]
    [InlineData("http://api.localhost/x", false, "this machine")]
    [InlineData("http://127.0.0.1/x", false, "not a public address")]
    [InlineData("http://10.1.2.3/x", false, "not a public address")]
    [InlineData("http://172.20.0.1/x", false, "not a public address")]
    [InlineData("http://192.168.1.10/x", false, "not a public address")]
    [InlineData("http://169.254.169.254/latest/meta-data", false, "not a public address")]
    [InlineData("http://100.64.0.1/x", false, "not a public address")]
    [InlineData("http://[::1]/x", false, "not a public address")]
    [InlineData("http://[fd00::1]/x", false, "not a public address")]
    [InlineData("http://[fe80::1]/x", false, "not a public address")]
    [InlineData("http://[::ffff:10.0.0.1]/x", false, "not a public address")]
    [InlineData("http://0.0.0.0/x", false, "not a public address")]
    [InlineData("http://127.0.0.1:5080/x", true, null)]
    [InlineData("ftp://127.0.0.1/x", true, "Only http and https")]
    public void Urls_OnlyPublicHttpUnlessPrivateNetworksAreAllowed(string url, bool allowPrivate, string? problem)
    {
        var found = WebhookUrls.Problem(url, allowPrivate);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_InvalidSettings_FailAtStart()
    {
        using var provider = new ServiceCollection()
            .AddDistributionWebhooks(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Distribution:Webhooks:RetryMaxDelay"] = "00:00:01",
                ["Distribution:Webhooks:RetryBaseDelay"] = "00:00:05",
            }).Build())
            .BuildServiceProvider();

        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value);
        Assert.Contains("Distribution:Webhooks", failure.Message, StringComparison.Ordinal);
    }

    private WebhookMessage Message(string webhookId, byte[] key, string messageId) =>
        new(webhookId, new Uri($"{_stub.BaseUrl}/hooks"), key, messageId, "{\"type\":\"OrderStatusChanged\",\"data\":{}}");

    private static IWebhookSender Sender(IServiceProvider provider) => provider.GetRequiredService<IWebhookSender>();

    private static ServiceProvider Provider(bool allowPrivate) =>
        new ServiceCollection()
            .AddLogging()
            .AddDistributionWebhooks(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Distribution:Webhooks:AllowPrivateNetworks"] = allowPrivate ? "true" : "false",
                ["Distribution:Webhooks:AttemptTimeout"] = "00:00:02",
                ["Distribution:Webhooks:CircuitMinimumThroughput"] = "3",
                ["Distribution:Webhooks:CircuitBreakDuration"] = "00:00:30",
            }).Build())
            .BuildServiceProvider();
}
