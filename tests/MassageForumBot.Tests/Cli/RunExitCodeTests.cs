using MassageForumBot.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.Tests.Cli;

/// <summary>How `run` turns the way its host stopped into an exit code a supervisor can act on.</summary>
public sealed class RunExitCodeTests
{
    [Fact]
    public async Task A_background_service_that_fails_makes_the_process_exit_with_4_and_the_reason()
    {
        using var host = Host<FailingService>();
        var error = new StringWriter();

        var code = await RunCommand.RunHostAsync(host, error, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunCommand.ServiceFailedExitCode, code);
        Assert.Contains("FailingService failed: InvalidOperationException: the socket went away between Hello and Identify", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_stops_the_host_normally_exits_with_0()
    {
        using var host = Host<StoppingService>();
        var error = new StringWriter();

        var code = await RunCommand.RunHostAsync(host, error, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, code);
        Assert.Equal("", error.ToString());
    }

    private static IHost Host<TService>() where TService : class, IHostedService
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddHostedService<TService>();
        return builder.Build();
    }

    private sealed class FailingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("the socket went away between Hello and Identify");
        }
    }

    private sealed class StoppingService : BackgroundService
    {
        private readonly IHostApplicationLifetime _lifetime;

        public StoppingService(IHostApplicationLifetime lifetime)
        {
            _lifetime = lifetime;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            _lifetime.StopApplication();
        }
    }
}
