using System.Text.Json;
using QuizBot.Commands;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Interactions;

namespace QuizBot.Tests.Hosting;

public sealed class CommandCatalogTests
{
    [Fact]
    public void The_catalog_registers_the_product_s_commands()
    {
        Assert.Equal(
            ["fact", "help", "leaderboard", "quiz", "quizadmin", "review", "sources", "stats", "study", "trivia"],
            CommandCatalog.All.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_registered_command_is_routed_to_a_module_and_every_routed_command_is_registered()
    {
        using var harness = new Support.PipelineHarness();
        var modules = harness.Get<IEnumerable<IInteractionModule>>().ToList();

        // The catalog is read from the declared routes; the pipeline routes by the built modules' routes: the same ones.
        Assert.Equal(CommandCatalog.All, modules.SelectMany(m => m.Routes.Commands).Select(c => c.Definition));
        Assert.All(harness.Get<IEnumerable<ModuleRoutes>>(), declared => Assert.Contains(modules, m => ReferenceEquals(m.Routes, declared)));
        foreach (var command in CommandCatalog.All)
        {
            var reply = await harness.SendAsync(new Support.TestUser(101, "Alice").Command(command.Name));
            Assert.NotEqual(Replies.UnknownCommand, reply.Data?.Content);
        }
    }

    [Fact]
    public void Every_custom_id_area_the_views_write_belongs_to_one_module()
    {
        using var harness = new Support.PipelineHarness();
        var areas = harness.Get<IEnumerable<IInteractionModule>>().SelectMany(m => m.Routes.Areas).ToList();

        Assert.Equal(areas.Distinct(StringComparer.Ordinal), areas);
        var written = typeof(CustomIdAreas).GetFields().Select(f => (string)f.GetRawConstantValue()!).Append(QuizBot.Views.DailyIds.Area);
        Assert.Equal(written.Order(StringComparer.Ordinal), areas.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_free_text_option_is_bounded_at_registration()
    {
        var strings = CommandCatalog.All
            .SelectMany(c => Flatten(c.Options ?? []))
            .Where(o => o.Type == ApplicationCommandOptionType.String && o.Choices is null)
            .ToList();
        Assert.NotEmpty(strings);
        Assert.All(strings, o => Assert.InRange(o.MaxLength ?? int.MaxValue, 1, 6000));

        static IEnumerable<ApplicationCommandOption> Flatten(IEnumerable<ApplicationCommandOption> options) =>
            options.SelectMany(o => Flatten(o.Options ?? []).Prepend(o));
    }

    [Fact]
    public void Quizadmin_is_hidden_from_members_without_Manage_Server()
    {
        var json = JsonSerializer.Serialize(CommandCatalog.All.Single(c => c.Name == "quizadmin"), DiscordJsonContext.Default.ApplicationCommand);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("32", document.RootElement.GetProperty("default_member_permissions").GetString());
        Assert.Equal(["reports", "daily", "reset-season", "settings"], document.RootElement.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Fact]
    public void Names_and_descriptions_follow_Discord_s_rules()
    {
        var options = CommandCatalog.All.SelectMany(c => c.Options ?? []).SelectMany(o => (o.Options ?? []).Prepend(o)).ToList();
        Assert.All(CommandCatalog.All, c => Assert.Matches("^[a-z-]{1,32}$", c.Name));
        Assert.All(CommandCatalog.All, c => Assert.InRange(c.Description.Length, 1, 100));
        Assert.All(options, o => Assert.Matches("^[a-z-]{1,32}$", o.Name));
        Assert.All(options, o => Assert.InRange(o.Description.Length, 1, 100));
        Assert.Contains(options, o => o.Name == "topic" && o.Autocomplete == true);
        Assert.Contains(options, o => o.Name == "length" && o.MinValue == 1 && o.MaxValue == 25);
        Assert.Contains(options, o => o.Name == "questions" && o.MinValue == 1 && o.MaxValue == 20);
        Assert.Contains(options, o => o.Name == "seconds" && o.MinValue == 10 && o.MaxValue == 60);
    }
}
