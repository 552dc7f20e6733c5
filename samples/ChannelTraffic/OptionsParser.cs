using System.Globalization;

namespace ChannelTraffic;

public static class OptionsParser
{
    public const string Usage = """
        ChannelTraffic - load generator for the v1 order API.

        Onboards a fresh partner, stocks SKUs, loads a price list, then submits orders
        (with a share of duplicate resubmissions) and prints throughput, outcomes and latency.

        Usage:
          dotnet run --project samples/ChannelTraffic -c Release -- [options]

        Target:
          --url <url>             API base URL                          (default http://localhost:5080)
          --admin-key <key>       operator key; else env Distribution__AdminApiKey (required)
          --allow-remote          permit a non-loopback host             (default: refuse)
          --wait-ready <s>        poll /health/ready up to this long     (default 0 = check once)

        Setup:
          --partner <id>          partner id to create                   (default ct-<run id>)
          --rate-limit <n>        partner rateLimitPerSecond             (default 100000)
          --skus <n>              SKUs to stock and price                (default 50)
          --hot-skus <n>          how many of them are hot               (default 3)
          --stock <n>             onHand per SKU                         (default 1000000)
          --sku-prefix <text>     SKU name prefix                        (default CT-<run id>-)
          --price-version <text>  price list version                     (default ct-<run id>)

        Traffic:
          --orders <n>            total order submissions, duplicates included (default 2000)
          --concurrency <n>       concurrent workers = max connections   (default 16)
          --duplicates <0..0.9>   share of submissions that resend an earlier one (default 0.1)
          --hot-share <0..1>      share of order lines that go to hot SKUs (default 0.3)
          --max-lines <n>         lines per order, 1..n (distinct SKUs)  (default 5)
          --max-qty <n>           quantity per line, 1..n                (default 5)
          --customers <n>         customer ids C-1..C-n                  (default 100)
          --seed <n>              random seed, to replay the same traffic shape (default random)

        Limits and output:
          --timeout <s>           per-request timeout                    (default 30)
          --max-duration <s>      stop submitting after this long        (default 600)
          --json <path>           also write the summary as JSON
          -h, --help              show this help

        Exit codes: 0 pass; 1 run finished but failed (5xx, duplicate order created, timeouts or
        transport errors, no order created, stopped by --max-duration); 2 bad options or setup failed;
        130 interrupted.
        """;

    public static TrafficOptions Parse(IReadOnlyList<string> args, Func<string, string?> getEnvironmentVariable)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?" or "/?"))
        {
            return new TrafficOptions { ShowHelp = true };
        }

        var options = new TrafficOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new OptionsException($"unexpected argument '{arg}'");
            }

            var name = arg;
            string? inlineValue = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                inlineValue = arg[(equals + 1)..];
            }

            string Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new OptionsException($"{name} needs a value");
                }

                return args[++i];
            }

            options = name switch
            {
                "--url" => UseUrl(options, Value()),
                "--admin-key" => options with { AdminKey = Value() },
                "--partner" => options with { PartnerId = Value() },
                "--rate-limit" => options with { RateLimitPerSecond = Int(name, Value(), 1, int.MaxValue) },
                "--orders" => options with { Orders = Int(name, Value(), 1, 1_000_000) },
                "--concurrency" => options with { Concurrency = Int(name, Value(), 1, 1024) },
                "--duplicates" => options with { Duplicates = Fraction(name, Value(), 0.9) },
                "--skus" => options with { Skus = Int(name, Value(), 1, 10_000) },
                "--hot-skus" => options with { HotSkus = Int(name, Value(), 0, 10_000) },
                "--hot-share" => options with { HotShare = Fraction(name, Value(), 1.0) },
                "--stock" => options with { Stock = Int(name, Value(), 0, int.MaxValue) },
                "--max-lines" => options with { MaxLines = Int(name, Value(), 1, 500) },
                "--max-qty" => options with { MaxQuantity = Int(name, Value(), 1, 1_000_000) },
                "--customers" => options with { Customers = Int(name, Value(), 1, int.MaxValue) },
                "--sku-prefix" => options with { SkuPrefix = NonEmpty(name, Value()) },
                "--price-version" => options with { PriceListVersion = NonEmpty(name, Value()) },
                "--timeout" => options with { RequestTimeout = Seconds(name, Value(), 0.01, 3600) },
                "--max-duration" => options with { MaxDuration = Seconds(name, Value(), 1, 86_400) },
                "--wait-ready" => options with { WaitReady = Seconds(name, Value(), 0, 3600) },
                "--seed" => options with { Seed = Int(name, Value(), int.MinValue, int.MaxValue) },
                "--json" => options with { JsonOutputPath = NonEmpty(name, Value()) },
                "--allow-remote" when inlineValue is null => options with { AllowRemote = true },
                _ => throw new OptionsException($"unknown option '{arg}'"),
            };
        }

        if (string.IsNullOrWhiteSpace(options.AdminKey))
        {
            options = options with { AdminKey = getEnvironmentVariable(TrafficOptions.AdminKeyEnvironmentVariable) };
        }

        Validate(options);
        return options;
    }

    private static void Validate(TrafficOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AdminKey))
        {
            throw new OptionsException(
                $"an operator key is required: pass --admin-key or set {TrafficOptions.AdminKeyEnvironmentVariable} "
                + "(the API prints a generated key at start when none is configured)");
        }

        if (options.HotSkus > options.Skus)
        {
            throw new OptionsException($"--hot-skus ({options.HotSkus}) cannot exceed --skus ({options.Skus})");
        }

        // Loopback only by default: this tool deliberately floods its target and creates partners with the operator key.
        if (!options.BaseUri.IsLoopback && !options.AllowRemote)
        {
            throw new OptionsException(
                $"refusing to send load to non-loopback host '{options.BaseUri.Host}'; pass --allow-remote if that is intended");
        }
    }

    private static TrafficOptions UseUrl(TrafficOptions options, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new OptionsException($"--url must be an absolute http(s) URL, got '{value}'");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new OptionsException($"--url must not carry a query or fragment, got '{value}'");
        }

        // A trailing slash makes relative paths like "v1/orders" resolve under any base path.
        var normalized = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return options with { BaseUri = normalized };
    }

    private static int Int(string name, string value, int min, int max)
    {
        var text = value.Replace("_", string.Empty, StringComparison.Ordinal);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) || result < min || result > max)
        {
            throw new OptionsException($"{name} must be an integer in {min}..{max}, got '{value}'");
        }

        return result;
    }

    private static double Fraction(string name, string value, double max)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) || !(result >= 0 && result <= max))
        {
            throw new OptionsException($"{name} must be a number in 0..{max.ToString(CultureInfo.InvariantCulture)}, got '{value}'");
        }

        return result;
    }

    private static TimeSpan Seconds(string name, string value, double min, double max)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) || !(result >= min && result <= max))
        {
            throw new OptionsException(
                $"{name} must be seconds in {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}, got '{value}'");
        }

        return TimeSpan.FromSeconds(result);
    }

    private static string NonEmpty(string name, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new OptionsException($"{name} must not be empty");
        }

        return value;
    }
}
