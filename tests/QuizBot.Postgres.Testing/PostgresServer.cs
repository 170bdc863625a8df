using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace QuizBot.Postgres.Testing;

/// <summary>
/// A throwaway PostgreSQL server for tests: <c>initdb</c> on a new temporary folder, <c>pg_ctl start</c> on a free
/// loopback port, trust authentication for one superuser, durability switched off (nothing here must survive a
/// crash). PostgreSQL refuses to run as root, so under root (CI, containers) every server command runs as a
/// non-root system user through <c>runuser</c>. Disposing stops the server and deletes the folder; a folder left by a
/// test process that died is cleaned up by the next start.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string BinFolderVariable = "QUIZBOT_PG_BIN";
    public const string UserVariable = "QUIZBOT_PG_USER";
    public const string SuperUser = "quizbot";

    private const string FolderPrefix = "quizbot-pg-";
    private const int StartAttempts = 3;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private readonly string binFolder;
    private readonly string? runAs;
    private readonly NpgsqlDataSource admin;
    private int databases;
    private int stopped;

    private PostgresServer(string binFolder, string? runAs, string folder, int port)
    {
        this.binFolder = binFolder;
        this.runAs = runAs;
        Folder = folder;
        Port = port;
        admin = NpgsqlDataSource.Create(ConnectionString("postgres"));
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    /// <summary>The temporary folder holding the cluster (<c>data/</c>) and the server log (<c>server.log</c>).</summary>
    public string Folder { get; }

    public int Port { get; }

    private string DataFolder => Path.Combine(Folder, "data");

    private string LogFile => Path.Combine(Folder, "server.log");

    /// <summary>Creates the cluster and starts the server; throws with a clear message when PostgreSQL is not installed.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binFolder = FindBinaries();
        var runAs = Environment.IsPrivilegedProcess ? NonRootUser() : null;
        await RemoveAbandonedAsync(binFolder, runAs).ConfigureAwait(false);

        var folder = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            if (runAs is not null)
            {
                await RunAsync("chown", [runAs, folder], cancellationToken).ConfigureAwait(false);
            }

            await RunAsync(Command(binFolder, runAs, "initdb"),
                ["-D", Path.Combine(folder, "data"), "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                cancellationToken).ConfigureAwait(false);
            await File.AppendAllTextAsync(Path.Combine(folder, "data", "postgresql.conf"), """

                # Test server: loopback only, no Unix socket, no durability (the folder is deleted afterwards).
                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 300
                shared_buffers = 64MB

                """, cancellationToken).ConfigureAwait(false);

            // A free port can be taken by someone else before the server binds it; then try another.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreeLoopbackPort();
                var started = await TryRunAsync(Command(binFolder, runAs, "pg_ctl"),
                    ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"), "-w", "-t", "180", "-o", $"-p {port.ToString(CultureInfo.InvariantCulture)}", "start"],
                    cancellationToken).ConfigureAwait(false);
                if (started.ExitCode == 0)
                {
                    return new PostgresServer(binFolder, runAs, folder, port);
                }

                if (attempt == StartAttempts)
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL did not start ({started.Output.Trim()}). Server log:{Environment.NewLine}{LogTail(Path.Combine(folder, "server.log"))}");
                }
            }
        }
        catch
        {
            await StopAndDeleteAsync(binFolder, runAs, folder).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>An Npgsql connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Timeout = 60,
        CommandTimeout = 120,
    }.ConnectionString;

    /// <summary>Creates a new empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = NewDatabaseName();
        await using var command = admin.CreateCommand($"CREATE DATABASE {name} TEMPLATE template0;");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return ConnectionString(name);
    }

    /// <summary>Creates a new empty database and returns its connection string (for synchronous test set-up).</summary>
    public string CreateDatabase()
    {
        var name = NewDatabaseName();
        using var command = admin.CreateCommand($"CREATE DATABASE {name} TEMPLATE template0;");
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    /// <summary>
    /// Creates a new empty database whose default collation is the ICU collation of <paramref name="icuLocale"/>
    /// (e.g. <c>en-US</c>): text sorts by language rules, as on a server set up with a language locale, not by code point.
    /// </summary>
    public string CreateDatabase(string icuLocale)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(icuLocale, "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"))
        {
            throw new ArgumentException($"'{icuLocale}' is not an ICU locale name such as en-US.", nameof(icuLocale));
        }

        var name = NewDatabaseName();
        using var command = admin.CreateCommand($"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '{icuLocale}';");
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing its connections first.</summary>
    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var command = admin.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private string NewDatabaseName() => $"test_{Interlocked.Increment(ref databases).ToString(CultureInfo.InvariantCulture)}_{Guid.NewGuid():N}";

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing its connections first (for synchronous clean-up).</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var command = admin.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);");
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        await admin.DisposeAsync().ConfigureAwait(false);
        NpgsqlConnection.ClearAllPools();
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            await StopAndDeleteAsync(binFolder, runAs, Folder).ConfigureAwait(false);
        }
    }

    private void StopOnExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            StopAndDeleteAsync(binFolder, runAs, Folder).GetAwaiter().GetResult();
        }
    }

    private static string FindBinaries()
    {
        static bool Complete(string folder) =>
            File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")) && File.Exists(Path.Combine(folder, "postgres"));

        var configured = Environment.GetEnvironmentVariable(BinFolderVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Complete(configured)
                ? configured
                : throw new InvalidOperationException($"{BinFolderVariable}={configured} does not hold initdb, pg_ctl and postgres.");
        }

        // Debian and Ubuntu install each major version under /usr/lib/postgresql/<major>/bin; prefer the newest.
        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Major: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : -1, Bin: Path.Combine(d, "bin")))
                .Where(v => v.Major >= 0 && Complete(v.Bin))
                .OrderByDescending(v => v.Major)
                .Select(v => v.Bin)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "The PostgreSQL tests need the PostgreSQL server binaries (initdb, pg_ctl, postgres), which were not found in "
            + $"{root}/<version>/bin. Install them (Debian/Ubuntu: apt-get install -y postgresql-15; .ci/run does this) "
            + $"or set {BinFolderVariable} to the folder holding them.");
    }

    private static string NonRootUser()
    {
        var configured = Environment.GetEnvironmentVariable(UserVariable);
        var user = string.IsNullOrWhiteSpace(configured) ? "postgres" : configured.Trim();
        var known = File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));
        return known
            ? user
            : throw new InvalidOperationException(
                $"PostgreSQL refuses to run as root and there is no user '{user}' to run it as. Install the postgresql-15 package "
                + $"(it creates 'postgres'), create a system user (useradd --system {user}), or set {UserVariable} to an existing non-root user.");
    }

    private static (string File, string[] Prefix) Command(string binFolder, string? runAs, string program)
    {
        var path = Path.Combine(binFolder, program);
        return runAs is null ? (path, []) : ("runuser", ["-u", runAs, "--", path]);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops servers whose test process no longer runs and deletes their folders.</summary>
    private static async Task RemoveAbandonedAsync(string binFolder, string? runAs)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}"))
            {
                await StopAndDeleteAsync(binFolder, runAs, folder).ConfigureAwait(false);
            }
        }
    }

    private static async Task StopAndDeleteAsync(string binFolder, string? runAs, string folder)
    {
        var data = Path.Combine(folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            // Immediate: nothing in a test cluster is worth a clean shutdown checkpoint.
            await TryRunAsync(Command(binFolder, runAs, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "-t", "120", "stop"], CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the next start's clean-up; a test run must not fail on it.
        }
    }

    private static Task RunAsync(string file, string[] arguments, CancellationToken cancellationToken) =>
        RunAsync((file, []), arguments, cancellationToken);

    private static async Task RunAsync((string File, string[] Prefix) command, string[] arguments, CancellationToken cancellationToken)
    {
        var result = await TryRunAsync(command, arguments, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{command.File} {string.Join(' ', command.Prefix.Concat(arguments))} failed with exit code {result.ExitCode}: {result.Output.Trim()}");
        }
    }

    private static async Task<(int ExitCode, string Output)> TryRunAsync((string File, string[] Prefix) command, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command.File)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in command.Prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command.File} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await output.ConfigureAwait(false)) + (await error.ConfigureAwait(false)));
    }

    private static string LogTail(string logFile) =>
        File.Exists(logFile) ? string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(20)) : "(no log)";
}
