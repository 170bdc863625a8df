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
        endpoints.MapPost(path, context => context.RequestServices.GetRequiredService<InteractionEndpoint>().HandleAsync(context));
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        return endpoints;
    }
}
