using System.Net;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// Who may read the operator's views: the Prometheus scrape at <c>/metrics</c> (sign-in counts, exception types,
/// request rates) and the details of <c>/health/ready</c> (which dependency failed, timings). Loopback by default;
/// an operator adds the monitoring network (for example the compose network of Prometheus). Everyone else gets a
/// 404 for <c>/metrics</c> and only the overall status from <c>/health/ready</c>.
/// </summary>
internal sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>Comma-separated networks in CIDR form (<c>127.0.0.0/8,::1/128,10.0.0.0/8</c>).</summary>
    public string AllowedNetworks { get; set; } = "127.0.0.0/8,::1/128";

    public IReadOnlyList<IPNetwork> Networks() => NetworkList.Parse(AllowedNetworks);

    internal sealed class Validator : IValidateOptions<OperationsOptions>
    {
        public ValidateOptionsResult Validate(string? name, OperationsOptions options)
        {
            var failures = new OptionsFailures();
            NetworkList.Validate(options.AllowedNetworks, "Operations:AllowedNetworks", failures);

            return failures.ToResult();
        }
    }
}

/// <summary>Answers "is this caller on an operations network?" from the connection's own address.</summary>
internal sealed class OperationsAccess(IOptions<OperationsOptions> options)
{
    private readonly IReadOnlyList<IPNetwork> _networks = options.Value.Networks();

    public bool Allows(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return _networks.Any(network => network.Contains(address));
    }
}
