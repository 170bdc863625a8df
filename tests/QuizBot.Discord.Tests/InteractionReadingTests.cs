using QuizBot.Discord.Models;

namespace QuizBot.Discord.Tests;

public class InteractionReadingTests
{
    private static Interaction Slash => JsonRoundTripTests.Parse("slash-command-with-subcommand.json");

    [Fact]
    public void Options_are_read_under_the_subcommand_group_and_subcommand()
    {
        var interaction = Slash;

        Assert.Equal("study deck pick", interaction.CommandPath());
        Assert.Equal("volcanoes", interaction.GetString("topic"));
        Assert.Equal(7, interaction.GetInteger("count"));
        Assert.True(interaction.GetBoolean("hard"));
        Assert.Equal(1150000000000000004UL, interaction.GetSnowflake("rival"));
    }

    [Fact]
    public void A_user_option_comes_from_the_resolved_users()
    {
        var rival = Slash.GetUser("rival");

        Assert.NotNull(rival);
        Assert.Equal("marie", rival.Username);
        Assert.Equal("Marie C.", rival.DisplayName);
    }

    [Fact]
    public void Missing_or_mistyped_options_read_as_null()
    {
        var interaction = Slash;

        Assert.Null(interaction.GetString("nope"));
        Assert.Null(interaction.GetString("count"));
        Assert.Null(interaction.GetInteger("topic"));
        Assert.Null(interaction.GetBoolean("topic"));
        Assert.Null(interaction.GetUser("topic"));
    }

    [Fact]
    public void The_invoker_is_the_member_user_in_a_guild_and_the_user_in_a_dm()
    {
        Assert.Equal("ada", Slash.Invoker!.Username);
        Assert.Equal(1120000000000000007UL, JsonRoundTripTests.Parse("autocomplete.json").Invoker!.Id);
    }

    [Fact]
    public void The_focused_autocomplete_option_is_found_inside_the_subcommand()
    {
        var interaction = JsonRoundTripTests.Parse("autocomplete.json");

        Assert.Equal("topic", interaction.FocusedOption()!.Name);
        Assert.Equal("volc", interaction.FocusedText());
        Assert.Equal(5, interaction.GetInteger("rounds"));
        Assert.Equal("quiz start", interaction.CommandPath());
    }

    [Fact]
    public void An_integer_typed_as_text_during_autocomplete_still_reads_as_an_integer()
    {
        var interaction = new Interaction
        {
            Type = InteractionType.ApplicationCommandAutocomplete,
            Data = new InteractionData { Name = "quiz", Options = [InteractionDataOption.String("rounds", "12", focused: true)] },
        };

        Assert.Equal(12, interaction.GetInteger("rounds"));
        Assert.Equal("12", interaction.FocusedText());
    }

    [Fact]
    public void Modal_values_are_found_in_action_rows()
    {
        var interaction = JsonRoundTripTests.Parse("modal-submit-action-rows.json");

        Assert.Equal("Marie Curie", interaction.GetModalValue("answer"));
        Assert.Equal("high", interaction.GetModalValue("confidence"));
        Assert.Null(interaction.GetModalValue("missing"));
    }

    [Fact]
    public void A_forged_nul_character_in_a_modal_value_is_dropped()
    {
        var interaction = new Interaction
        {
            Type = InteractionType.ModalSubmit,
            Data = new InteractionData
            {
                CustomId = "form",
                Components = [new Component { Type = ComponentType.ActionRow, Components = [new Component { Type = ComponentType.TextInput, CustomId = "answer", Value = "wrong\0date\0" }] }],
            },
        };

        Assert.Equal("wrongdate", interaction.GetModalValue("answer"));
    }

    [Fact]
    public void Modal_values_are_found_in_labels()
    {
        var interaction = JsonRoundTripTests.Parse("modal-submit-labels.json");

        Assert.Equal("Rosalind Franklin", interaction.GetModalValue("answer"));
        Assert.Equal(["easy"], interaction.GetModalValues("difficulty"));
    }

    [Fact]
    public void Component_data_carries_custom_id_type_and_values()
    {
        var button = JsonRoundTripTests.Parse("button-click.json");
        var select = JsonRoundTripTests.Parse("string-select.json");

        Assert.Equal("quiz:answer:2", button.Data!.CustomId);
        Assert.Equal(ComponentType.Button, button.Data.ComponentType);
        Assert.Equal(1190000000000000022UL, button.Message!.Id);
        Assert.Equal(["history", "physics"], select.Data!.Values);
        Assert.Equal(ComponentType.StringSelect, select.Data.ComponentType);
    }

    [Fact]
    public void Member_permissions_answer_permission_checks()
    {
        var member = new GuildMember { Permissions = Permissions.ManageGuild | Permissions.SendMessages };

        Assert.True(member.HasPermission(Permissions.ManageGuild));
        Assert.False(member.HasPermission(Permissions.Administrator));
        Assert.False(new GuildMember().HasPermission(Permissions.SendMessages));
    }

    [Fact]
    public void Built_options_read_back_through_the_same_helpers()
    {
        var interaction = new Interaction
        {
            Data = new InteractionData
            {
                Name = "admin",
                Options =
                [
                    InteractionDataOption.SubcommandGroup("deck", InteractionDataOption.Subcommand(
                        "set",
                        InteractionDataOption.Number("weight", 0.25),
                        InteractionDataOption.User("owner", 42))),
                ],
            },
        };

        Assert.Equal("admin deck set", interaction.CommandPath());
        Assert.Equal(0.25, interaction.GetNumber("weight"));
        Assert.Equal(42UL, interaction.GetUser("owner")!.Id);
    }
}
