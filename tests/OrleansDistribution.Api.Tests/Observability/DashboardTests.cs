using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansDistribution.Api.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace OrleansDistribution.Api.Tests.Observability;

/// <summary>
/// docs/observability (the Grafana dashboard, its datasource, Prometheus' scrape targets) held to the code and to
/// docker-compose.yml: a panel that queries a metric no silo emits, or a target compose does not run, shows nothing
/// and says nothing. Webhooks may call 127.0.0.1 in this host, so a delivery can be driven.
/// </summary>
public sealed partial class DashboardTests(WebhooksApiFixture api) : IClassFixture<WebhooksApiFixture>
{
    /// <summary>Histograms in Prometheus form; a query reads them as _bucket, _sum or _count.</summary>
    private static readonly string[] Histograms =
    [
        "distribution_order_acceptance_duration_seconds",
        "distribution_inventory_sync_lag_seconds",
        "distribution_webhooks_attempt_duration_seconds",
        "distribution_webhooks_delivery_lag_seconds",
    ];

    /// <summary>Counters and gauges in Prometheus form.</summary>
    private static readonly string[] CountersAndGauges =
    [
        "distribution_orders",
        "distribution_submissions_failed_total",
        "distribution_exceptions_open",
        "distribution_exceptions_oldest_age_seconds",
        "distribution_replay_orders_total",
        "distribution_dependency_degraded",
        "distribution_inventory_sync_oldest_confirmation_age_seconds",
        "distribution_inventory_sync_unconfirmed",
        "distribution_webhooks_attempts_total",
    ];

    /// <summary>Every series name the silos' meters produce that a dashboard may query.</summary>
    private static readonly HashSet<string> Emitted =
        [.. CountersAndGauges, .. Histograms.SelectMany(name => new[] { $"{name}_bucket", $"{name}_sum", $"{name}_count" })];

    /// <summary>PromQL words that look like metric names but are operators or modifiers.</summary>
    private static readonly HashSet<string> Keywords =
        ["and", "or", "unless", "bool", "offset", "inf", "nan", "atan2", "by", "without", "on", "ignoring", "group_left", "group_right"];

    [Fact]
    public void Dashboard_EveryPanelQueriesTheProvisionedDatasource()
    {
        var uid = ProvisionedDatasourceUid();

        var panels = DataPanels();

        Assert.NotEmpty(panels);
        Assert.All(panels, panel =>
        {
            var title = panel["title"]!.GetValue<string>();
            Assert.True(uid == panel["datasource"]?["uid"]?.GetValue<string>(), $"panel '{title}' does not name datasource {uid}");
            var targets = panel["targets"]?.AsArray() ?? [];
            Assert.True(targets.Count > 0, $"panel '{title}' has no query");
            Assert.All(targets, target =>
            {
                Assert.True(uid == target!["datasource"]?["uid"]?.GetValue<string>(), $"a query of '{title}' does not name datasource {uid}");
                Assert.False(string.IsNullOrWhiteSpace(target["expr"]?.GetValue<string>()), $"a query of '{title}' has no expression");
            });
        });
    }

    [Fact]
    public void Dashboard_QueriesOnlyMetricsTheSilosEmit()
    {
        foreach (var expression in Expressions())
        {
            var names = MetricNames(expression);

            Assert.True(names.Count > 0, $"no metric found in {expression}");
            Assert.All(names, name => Assert.True(Emitted.Contains(name), $"{name} (in {expression}) is not a metric the silos emit"));
        }
    }

    [Fact]
    public void MetricNames_ParsesPromQl_LeavesOutFunctionsLabelsAndRanges()
    {
        var names = MetricNames("""sum by (reason, le) (rate(a_total{partner="x{y}", outcome!~"rate(b)"}[$__rate_interval] offset 5m)) / on (reason) group_left max(c) * 60 > bool 1e3""");

        Assert.Equal(["a_total", "c"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Dashboard_EveryMetricItQueries_IsInTheScrapeAfterTraffic()
    {
        var queried = Expressions().SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal);
        using var scenario = await Scenario.CreateAsync(api, stock: 10, skuCount: 2);
        await using var receiver = await WebhookReceiver.StartAsync();
        await DriveTrafficAsync(scenario, receiver);

        // Some of it lands after the requests return (workflow steps, replay, deliveries): wait for it, with a deadline.
        await Eventually.MatchesAsync(
            async () => string.Join(", ", queried.Except((await PrometheusScrape.ReadAsync(scenario.Operator)).Names).Order(StringComparer.Ordinal)),
            missing => missing.Length == 0,
            "every metric the dashboard queries in the operator's scrape (observed: the ones missing)", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Prometheus_ScrapesEveryComposeSiloOnItsMetricsPort()
    {
        var services = (YamlMappingNode)At(Yaml("docker-compose.yml"), "services");
        var withMetricsPort = services.Children
            .Select(service => (Name: ((YamlScalarNode)service.Key).Value!, Port: EnvironmentOf(service.Value).GetValueOrDefault("Distribution__Metrics__Port")))
            .Where(service => service.Port is not null)
            .Select(service => $"{service.Name}:{service.Port}")
            .ToHashSet(StringComparer.Ordinal);
        var jobs = ((YamlSequenceNode)At(Yaml("docs", "observability", "prometheus.yml"), "scrape_configs")).Children
            .ToDictionary(job => Scalar(At(job, "job_name")), job => ((YamlSequenceNode)At(job, "static_configs")).Children
                .SelectMany(config => ((YamlSequenceNode)At(config, "targets")).Children.Select(Scalar)).ToList());

        Assert.Subset(withMetricsPort, new HashSet<string>(["api:9464", "silo1:9464", "silo2:9464"], StringComparer.Ordinal));
        Assert.Equal(["api", "silo"], jobs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["api:9464"], jobs["api"]);
        Assert.DoesNotContain("api:9464", jobs["silo"]);
        // A worker added to compose with a metrics port must be scraped too (docs/deployment.md, Adding worker silos).
        Assert.Equal(withMetricsPort.Order(StringComparer.Ordinal), jobs.Values.SelectMany(targets => targets).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compose_ObservabilityServices_OnlyWithTheProfile_MountTheseFiles()
    {
        var services = At(Yaml("docker-compose.yml"), "services");
        var prometheus = At(services, "prometheus");
        var grafana = At(services, "grafana");
        var dashboardsPath = Scalar(At(At(((YamlSequenceNode)At(Yaml("docs", "observability", "grafana", "provisioning", "dashboards", "distribution.yml"), "providers"))[0], "options"), "path"));
        var datasource = ((YamlSequenceNode)At(Yaml("docs", "observability", "grafana", "provisioning", "datasources", "prometheus.yml"), "datasources"))[0];

        Assert.All(new[] { prometheus, grafana }, service => Assert.Equal(["observability"], ((YamlSequenceNode)At(service, "profiles")).Children.Select(Scalar)));
        var mounts = new[] { prometheus, grafana }.SelectMany(service => ((YamlSequenceNode)At(service, "volumes")).Children.Select(Scalar))
            .Where(volume => volume.StartsWith("./", StringComparison.Ordinal))
            .Select(volume => volume.Split(':'))
            .ToDictionary(parts => parts[1], parts => RepositoryRoot.Combine(parts[0][2..].Split('/')), StringComparer.Ordinal);
        Assert.All(mounts.Values, source => Assert.True(File.Exists(source) || Directory.Exists(source), $"{source} is mounted but missing"));
        Assert.Equal(RepositoryRoot.Combine("docs", "observability", "prometheus.yml"), mounts["/etc/prometheus/prometheus.yml"]);
        Assert.True(File.Exists(Path.Combine(mounts[dashboardsPath], "orleans-distribution.json")), $"the dashboard is not in the folder mounted at {dashboardsPath}");
        Assert.True(Directory.Exists(Path.Combine(mounts["/etc/grafana/provisioning"], "datasources")));
        Assert.Equal("http://prometheus:9090", Scalar(At(datasource, "url")));
    }

    /// <summary>An accepted order (delivered to a webhook), its replay, a validation failure, a refusal, an ERP statement, an exception and its bulk replay.</summary>
    private async Task DriveTrafficAsync(Scenario scenario, WebhookReceiver receiver)
    {
        using var registered = await scenario.Partner.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url, events = new[] { "OrderStatusChanged" } });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var key = Guid.NewGuid().ToString();
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1)), key))["orderId"]!.GetValue<string>();
        using (var replayed = await scenario.SubmitAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1)), key))
        {
            Assert.True(replayed.IsSuccessStatusCode, $"a resubmission answered {(int)replayed.StatusCode}");
        }

        using (var invalid = await scenario.SubmitAsync(new { channelOrderRef = "PO-2", customerId = "C-1", lines = Array.Empty<object>() }))
        {
            await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest);
        }

        using (var unknownSku = await scenario.SubmitAsync(Scenario.OrderBody("PO-3", ($"NO-SUCH-{Guid.NewGuid():N}", 1))))
        {
            await ProblemAssert.IsProblemAsync(unknownSku, HttpStatusCode.UnprocessableEntity);
        }

        using (var erp = api.ClientWithKey(ApiFixture.ErpKey))
        {
            using var synced = await erp.PostAsJsonAsync("/v1/inventory/sync",
                new { positions = new[] { new { sku = scenario.Skus[0], onHand = 50, erpSequence = 1L, asOf = DateTimeOffset.UtcNow } } });
            Assert.Equal(HttpStatusCode.OK, synced.StatusCode);
        }

        await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");
        await Eventually.HoldsAsync(() => receiver.Accepted.Count > 0, "a webhook delivered");

        // The ERP refuses the second SKU: that order is held as ErpRejected, and a bulk replay while it still refuses fails.
        var blocked = scenario.Skus[1];
        await Simulation.SetFaultsAsync(scenario.Operator, new { rejectSkus = new[] { blocked } });
        try
        {
            var heldId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-4", (blocked, 1))))["orderId"]!.GetValue<string>();
            await scenario.WaitForStatusAsync(heldId, "OnHold");
            using var started = await scenario.Operator.PostAsJsonAsync("/v1/exceptions/retry", new { type = "ErpRejected", partnerId = scenario.PartnerId });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var location = started.Headers.Location!.OriginalString;
            await Eventually.MatchesAsync(async () =>
            {
                using var response = await scenario.Operator.GetAsync(location);
                return await Scenario.ReadObjectAsync(response);
            }, job => job["completed"]?.GetValue<bool>() == true, "the bulk replay to complete", TimeSpan.FromSeconds(30));
        }
        finally
        {
            await Simulation.ClearFaultsAsync(scenario.Operator);
        }
    }

    /// <summary>The metric names of a PromQL expression: identifiers outside strings, label matchers, ranges and grouping clauses that are not functions or keywords.</summary>
    private static HashSet<string> MetricNames(string expression)
    {
        var text = StringLiteral().Replace(expression, "\"\"");
        text = LabelMatchers().Replace(text, " ");
        text = RangeSelectors().Replace(text, " ");
        text = GroupingClauses().Replace(text, " ");
        return Identifiers().Matches(text).Select(match => match.Value).Where(name => !Keywords.Contains(name)).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Expressions() =>
        DataPanels().SelectMany(panel => panel["targets"]?.AsArray() ?? []).Select(target => target!["expr"]!.GetValue<string>());

    /// <summary>The dashboard's panels, those in collapsed rows too, less the rows themselves (layout, no query).</summary>
    private static List<JsonObject> DataPanels()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("docs", "observability", "grafana", "dashboards", "orleans-distribution.json")))!;
        return [.. dashboard["panels"]!.AsArray()
            .SelectMany(panel => new[] { panel! }.Concat(panel!["panels"]?.AsArray().Select(nested => nested!) ?? []))
            .Select(panel => panel.AsObject())
            .Where(panel => panel["type"]?.GetValue<string>() != "row")];
    }

    private static string ProvisionedDatasourceUid() =>
        Scalar(At(((YamlSequenceNode)At(Yaml("docs", "observability", "grafana", "provisioning", "datasources", "prometheus.yml"), "datasources"))[0], "uid"));

    /// <summary>A service's environment, the entries merged in from an anchor (<c>&lt;&lt;: *distribution-env</c>) included.</summary>
    private static Dictionary<string, string> EnvironmentOf(YamlNode service)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (((YamlMappingNode)service).Children.TryGetValue(new YamlScalarNode("environment"), out var node))
        {
            foreach (var (key, value) in (YamlMappingNode)node)
            {
                if (Scalar(key) == "<<")
                {
                    foreach (var (mergedKey, mergedValue) in (YamlMappingNode)value)
                    {
                        environment.TryAdd(Scalar(mergedKey), Scalar(mergedValue));
                    }
                }
                else
                {
                    environment[Scalar(key)] = Scalar(value);
                }
            }
        }

        return environment;
    }

    private static YamlNode Yaml(params string[] path)
    {
        var stream = new YamlStream();
        using var reader = File.OpenText(RepositoryRoot.Combine(path));
        stream.Load(reader);
        return stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : throw new KeyNotFoundException($"no '{key}' at {node.Start}");

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeSelectors();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex GroupingClauses();

    // Not preceded by a name character, digit or dot (numbers such as 1e3, durations such as 5m), not followed by '(' (a function).
    [GeneratedRegex(@"(?<![\w:.])[A-Za-z_:][\w:]*(?![\w:])(?!\s*\()")]
    private static partial Regex Identifiers();
}
