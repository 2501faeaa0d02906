using PersonalAssistant.Server.Host;

return await AssistantCommandLine.InvokeAsync(args);

/// <summary>The entry point; public so that integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
