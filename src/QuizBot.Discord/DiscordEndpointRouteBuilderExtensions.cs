using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Interactions;

namespace QuizBot.Discord;

public static class DiscordEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps POST <see cref="DiscordOptions.InteractionsPath"/> (the Interactions Endpoint URL) and GET /healthz.
    /// Needs <c>services.AddDiscordInteractions()</c> and an <see cref="IInteractionHandler"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var path = endpoints.ServiceProvider.GetRequiredService<IOptions<DiscordOptions>>().Value.InteractionsPath;
        // The singleton from the root provider, looked up once: reaching it through RequestServices would open (and
        // dispose) a DI scope on every request, PINGs included, for nothing.
        var services = endpoints.ServiceProvider;
        InteractionEndpoint? endpoint = null;
        endpoints.MapPost(path, context => (endpoint ??= services.GetRequiredService<InteractionEndpoint>()).HandleAsync(context));
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        return endpoints;
    }
}
