using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Progress;
using QuizBot.Tests.EndToEnd;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.Views;

/// <summary>
/// The quiz's replies against Discord's own OpenAPI description: the body of an interaction callback, as the bot
/// serializes it, must be one the schema of <c>POST /interactions/{id}/{token}/callback</c> accepts, and the body of an
/// edit of a reply one that <c>PATCH /webhooks/{id}/{token}/messages/@original</c> accepts.
/// </summary>
public sealed class OpenApiSchemaTests
{
    private const string CallbackPath = "/interactions/{interaction_id}/{interaction_token}/callback";
    private const string EditOriginalPath = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
    private static readonly TestUser Alice = new(101, "Alice");
    private const string PathVariable = "QUIZBOT_DISCORD_OPENAPI";
    private static readonly Lazy<JsonSchema?> Callback = new(() => LoadRequestSchema(CallbackPath, "post"));
    private static readonly Lazy<JsonSchema?> EditOriginal = new(() => LoadRequestSchema(EditOriginalPath, "patch"));

    [Fact]
    public void The_schema_refuses_a_reply_Discord_would_refuse()
    {
        SkipWithoutSchema();
        // A button whose style is not a number: the check can fail.
        var bad = JsonNode.Parse("""{"type":7,"data":{"components":[{"type":1,"components":[{"type":2,"style":"blue","label":"A","custom_id":"x"}]}]}}""")!;

        Assert.False(Callback.Value!.Evaluate(JsonDocument.Parse(bad.ToJsonString()).RootElement).IsValid);
    }

    [Fact]
    public async Task Every_reply_of_a_quiz_played_to_its_summary_meets_the_callback_schema()
    {
        SkipWithoutSchema();
        using var harness = new PipelineHarness();
        var play = new QuizPlaythrough(
            async interaction =>
            {
                var response = await harness.SendAsync(interaction);
                AssertMeetsSchema(response);
                return response;
            },
            Alice);

        var screen = await harness.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 25)));
        AssertMeetsSchema(screen);
        var session = screen.ButtonId(QuizQuestionView.SkipLabel).Split(':')[1];
        var kinds = new HashSet<Core.Decks.QuestionKind>();
        for (var i = 1; i <= 25; i++)
        {
            kinds.Add(QuizPlaythrough.QuestionOn(screen).Kind);
            var reply = await play.AnswerAsync(screen, correctly: i % 2 == 0);
            // The reveal's own Report button opens its form.
            AssertMeetsSchema(await harness.SendAsync(Alice.Click(reply.Buttons().First(b => b.Label!.StartsWith(QuizQuestionView.ReportLabel, StringComparison.Ordinal) && b.CustomId!.EndsWith($":{i - 1}", StringComparison.Ordinal)).CustomId!)));
            screen = reply;
        }

        Assert.Equal(QuizRevealView.SummaryTitle, screen.Data!.Embeds![1].Title);
        Assert.True(kinds.Count >= 3, string.Join(", ", kinds));
        // An old "Next ▶" on the finished quiz: its summary.
        AssertMeetsSchema(await harness.SendAsync(Alice.Click(QuizIds.Of(session, QuizIds.Next, 3).ToString())));
    }

    [Fact]
    public async Task The_podiums_picture_only_edits_meet_the_edit_original_schema()
    {
        SkipWithoutSchema();
        await using var bot = await RunningBot.StartAsync(Transport.Http);
        await new QuizPlaythrough(bot.SendAsync, Alice).AnswerAsync(await bot.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 1))), correctly: true);

        // The drawing queue full: the edit says the picture was skipped (JSON). Then drawn: the edit uploads it (multipart).
        var skipped = Alice.Command("leaderboard");
        using (var full = new HeldDrawing(bot.Service<ProgressPictures>(), fillQueue: true))
        {
            await full.StartedAsync();
            await bot.SendAsync(skipped);
            await bot.Rest.WaitForRequestAsync("PATCH", EditOf(skipped));
            await full.ReleasedAsync();
        }

        var drawn = Alice.Command("leaderboard");
        await bot.SendAsync(drawn);
        var upload = await bot.Rest.WaitForRequestAsync("PATCH", EditOf(drawn));

        var skip = (await bot.Rest.WaitForRequestAsync("PATCH", EditOf(skipped))).JsonPayload!;
        Assert.Equal(PictureAttachment.SkippedNote, skip["content"]!.GetValue<string>());
        Assert.True(upload.IsMultipart);
        Assert.Equal(ProgressPictures.PodiumFileName, Assert.Single(RecordedUpload.From(upload).Files).FileName);
        foreach (var edit in new[] { skip, upload.JsonPayload! })
        {
            var result = EditOriginal.Value!.Evaluate(JsonDocument.Parse(edit.ToJsonString()).RootElement);
            Assert.True(result.IsValid, $"Not a valid Edit Original Interaction Response body per the OpenAPI description:\n{edit.ToJsonString()}");
        }

        // The check can fail: an attachment without its required id.
        Assert.False(EditOriginal.Value!.Evaluate(JsonDocument.Parse("""{"attachments":[{"filename":"podium.png"}]}""").RootElement).IsValid);
    }

    private static string EditOf(Interaction interaction) => $"/webhooks/{TestUser.Application}/{interaction.Token}/messages/@original";

    private static void AssertMeetsSchema(InteractionResponse response)
    {
        var json = JsonSerializer.Serialize(response, DiscordJsonContext.Default.InteractionResponse);
        var result = Callback.Value!.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"Not a valid callback body per the OpenAPI description:\n{json}");
    }

    /// <summary>The JSON request body schema of one operation, its references to the document's components made local ($defs).</summary>
    private static JsonSchema? LoadRequestSchema(string path, string method)
    {
        if (OpenApiPath() is not { } file)
        {
            return null;
        }

        var document = JsonNode.Parse(File.ReadAllText(file))!;
        var body = document["paths"]![path]![method]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["allOf"] = new JsonArray(body.DeepClone()),
            ["$defs"] = document["components"]!["schemas"]!.DeepClone(),
        };
        return JsonSchema.FromText(root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
    }

    /// <summary>
    /// Discord's openapi.json is not ours to copy into the repository: $QUIZBOT_DISCORD_OPENAPI names it, or it is
    /// found at shared/reference/discord-openapi/openapi.json beside the repository or one of its parents (where the
    /// project's machines keep it; a worktree sits deeper).
    /// </summary>
    private static string? OpenApiPath()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } named)
        {
            // Named but missing is a broken setup, not a reason to skip.
            return File.Exists(named) ? named : throw new FileNotFoundException($"{PathVariable} names a file that does not exist", named);
        }

        for (var dir = new DirectoryInfo(RepositoryPaths.Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "discord-openapi", "openapi.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Without the description there is nothing to check against: the run says so instead of passing quietly.</summary>
    private static void SkipWithoutSchema() =>
        Assert.SkipWhen(
            Callback.Value is null,
            $"Discord's OpenAPI description was not found: set {PathVariable} to its openapi.json, or keep shared/reference/discord-openapi/ beside the repository.");
}
