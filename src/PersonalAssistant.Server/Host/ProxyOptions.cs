using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;
using IPNetwork = System.Net.IPNetwork;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> this host
/// believes. Behind nginx every connection comes from the proxy: without these headers the per-address rate limits
/// would count everyone as one, sessions and the audit trail would show the proxy's address, and links would get the
/// proxy's scheme and host. The headers are read only from a connection whose own address is in
/// <see cref="TrustedNetworks"/>; from anywhere else they are ignored, so a client cannot pick its own address. Loopback
/// by default (nginx on the same machine); with compose, the proxy's network (for example <c>172.16.0.0/12</c>).
/// </summary>
internal sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Comma-separated networks in CIDR form (<c>127.0.0.0/8,::1/128,10.0.0.0/8</c>); empty trusts no proxy.</summary>
    public string TrustedNetworks { get; set; } = "127.0.0.0/8,::1/128";

    /// <summary>Proxies in a row whose entries are read from the end of <c>X-Forwarded-For</c> (1: one nginx in front).</summary>
    public int ForwardLimit { get; set; } = 1;

    public IReadOnlyList<IPNetwork> Networks() => NetworkList.Parse(TrustedNetworks);

    /// <summary>The framework's options: its own defaults (loopback) replaced by <see cref="TrustedNetworks"/>.</summary>
    public void ApplyTo(ForwardedHeadersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        options.ForwardLimit = ForwardLimit;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var network in Networks())
        {
            options.KnownIPNetworks.Add(network);
        }
    }

    internal sealed class Validator : IValidateOptions<ProxyOptions>
    {
        public ValidateOptionsResult Validate(string? name, ProxyOptions options)
        {
            var failures = new OptionsFailures();
            NetworkList.Validate(options.TrustedNetworks, "Proxy:TrustedNetworks", failures);

            if (options.ForwardLimit is < 1 or > 10)
            {
                failures.Add("Proxy:ForwardLimit", "must be between 1 and 10.");
            }

            return failures.ToResult();
        }
    }
}
