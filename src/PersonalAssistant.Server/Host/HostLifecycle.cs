using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// Runs before the server listens (create the data directory, migrate in the embedded default) and says where the
/// assistant is once it does. A lifecycle service rather than code in Program, so every way of hosting gets it.
/// </summary>
internal sealed partial class HostLifecycle(IServiceProvider services, IServer server, ILogger<HostLifecycle> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => DatabaseStartup.PrepareAsync(services, cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = string.Join(", ", server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        LogReady(logger, addresses);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal Assistant TDAH is ready at {Addresses}")]
    private static partial void LogReady(ILogger logger, string addresses);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
