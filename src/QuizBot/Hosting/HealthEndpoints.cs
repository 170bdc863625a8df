using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace QuizBot.Hosting;

/// <summary>
/// The probes: <c>/healthz/live</c> answers 200 while the process serves requests (a liveness probe: restart me
/// if this fails); <c>/healthz/ready</c> answers 200 only when every <see cref="IReadinessCheck"/> is up and the
/// bot is not stopping, else 503 with one line per part. <c>/healthz</c> is readiness too, so `quizbot health`
/// and Docker's HEALTHCHECK report the truth.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";
    public const string AliasPath = "/healthz";

    public static IEndpointRouteBuilder MapQuizBotHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(LivePath, () => Results.Text("live\n"));

        // Order -1: wins over any plain /healthz a transport maps for itself.
        endpoints.MapGet(ReadyPath, (Delegate)ReadyAsync);
        endpoints.MapGet(AliasPath, (Delegate)ReadyAsync).WithOrder(-1);
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(HttpContext context)
    {
        var lifetime = context.RequestServices.GetRequiredService<IHostApplicationLifetime>();
        var report = new StringBuilder();
        var ready = !lifetime.ApplicationStopping.IsCancellationRequested;
        if (!ready)
        {
            report.Append("stopping\n");
        }

        foreach (var check in context.RequestServices.GetServices<IReadinessCheck>())
        {
            var result = await check.CheckAsync(context.RequestAborted);
            ready &= result.Ready;
            report.Append($"{check.Name}: {result.Detail}\n");
        }

        return Results.Text((ready ? "ready\n" : "not ready\n") + report, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>Ready once Kestrel serves requests (HTTP interactions mode).</summary>
internal sealed class HttpEndpointReadiness(IHostApplicationLifetime lifetime) : IReadinessCheck
{
    public string Name => "http endpoint";

    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(lifetime.ApplicationStarted.IsCancellationRequested ? ReadinessResult.Up("serving") : ReadinessResult.Down("starting"));
}

/// <summary>Ready while the SQLite file can be opened for writing and read.</summary>
internal sealed class DatabaseReadiness(string path) : IReadinessCheck
{
    public string Name => "database";

    public async ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master;";
            await command.ExecuteScalarAsync(cancellationToken);
            return ReadinessResult.Up("open");
        }
        catch (SqliteException exception)
        {
            return ReadinessResult.Down($"cannot be read ({exception.Message})");
        }
    }
}

/// <summary>Ready while the PostgreSQL database answers a query (Storage:Provider=postgres).</summary>
internal sealed class PostgresReadiness(string connectionString) : IReadinessCheck
{
    public string Name => "database";

    public async ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1;", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return ReadinessResult.Up("open");
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return ReadinessResult.Down($"cannot be reached ({exception.Message})");
        }
    }
}
