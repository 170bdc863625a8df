using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using QuizBot.Discord.Models;

namespace QuizBot.Discord.Tests;

public class JsonRoundTripTests
{
    [Theory]
    [InlineData("slash-command-with-subcommand.json")]
    [InlineData("autocomplete.json")]
    [InlineData("button-click.json")]
    [InlineData("string-select.json")]
    [InlineData("modal-submit-action-rows.json")]
    [InlineData("modal-submit-labels.json")]
    [InlineData("ping.json")]
    public void Interactions_round_trip_without_losing_a_field(string fixture) =>
        AssertRoundTrips(fixture, DiscordJsonContext.Default.Interaction);

    [Theory]
    [InlineData("message-response.json")]
    [InlineData("modal-response.json")]
    [InlineData("autocomplete-response.json")]
    public void Responses_round_trip_without_losing_a_field(string fixture) =>
        AssertRoundTrips(fixture, DiscordJsonContext.Default.InteractionResponse);

    [Fact]
    public void Commands_round_trip_without_losing_a_field() =>
        AssertRoundTrips("commands.json", DiscordJsonContext.Default.IReadOnlyListApplicationCommand);

    [Fact]
    public void Snowflakes_and_permissions_are_read_from_strings_into_ulong()
    {
        var interaction = Parse("slash-command-with-subcommand.json");

        Assert.Equal(1180000000000000001UL, interaction.Id);
        Assert.Equal(1140000000000000005UL, interaction.GuildId);
        Assert.Equal(2147483647UL, interaction.Member!.Permissions);
        Assert.Equal(442368UL, interaction.AppPermissions);
        Assert.Equal(1110000000000000008UL, Assert.Single(interaction.Member.Roles!));
        Assert.Equal("en-GB", interaction.Locale);
        Assert.Equal(InteractionContextType.Guild, interaction.Context);
    }

    [Fact]
    public void Snowflakes_are_written_as_strings()
    {
        var json = JsonSerializer.Serialize(new User { Id = 18446744073709551615UL, Username = "max" }, DiscordJsonContext.Default.User);

        Assert.Contains("\"id\":\"18446744073709551615\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Snowflake_lists_and_option_ids_are_written_as_strings_and_read_from_either()
    {
        var mentions = new AllowedMentions { Roles = [1UL, 18446744073709551615UL], Users = [] };

        var json = JsonSerializer.Serialize(mentions, DiscordJsonContext.Default.AllowedMentions);
        var read = JsonSerializer.Deserialize("""{"roles":["7",8]}""", DiscordJsonContext.Default.AllowedMentions)!;
        var user = InteractionDataOption.User("member", 1140000000000000005UL);

        Assert.Equal("""{"roles":["1","18446744073709551615"],"users":[]}""", json);
        Assert.Equal([7UL, 8UL], read.Roles!);
        Assert.Equal(JsonValueKind.String, user.Value!.Value.ValueKind);
        Assert.Equal("1140000000000000005", user.Value.Value.GetString());
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"roles":["x"]}""", DiscordJsonContext.Default.AllowedMentions));
    }

    /// <summary>
    /// Any converter in the context's options turns off the generated serializers of every type (each reply then goes
    /// through the slower metadata path), so snowflakes are marked property by property: a new ulong property without
    /// its converter would be written as a number, which this finds.
    /// </summary>
    [Fact]
    public void Snowflakes_are_converted_per_property_and_the_options_hold_no_converter()
    {
        var seen = new HashSet<Type>();
        var unmarked = new List<string>();
        foreach (var root in new[] { typeof(Interaction), typeof(InteractionResponse), typeof(MessagePayload), typeof(NoncedMessagePayload), typeof(Message), typeof(Channel), typeof(ApplicationCommand), typeof(GatewayBot), typeof(DiscordErrorBody), typeof(CreateDmRequest) })
        {
            Walk(root);
        }

        Assert.Empty(DiscordJsonContext.Default.Options.Converters);
        Assert.Empty(unmarked);
        Assert.Contains(typeof(User), seen);

        void Walk(Type type)
        {
            if (!seen.Add(type) || DiscordJsonContext.Default.GetTypeInfo(type) is not { } info)
            {
                return;
            }

            if (info.ElementType is { } element)
            {
                Walk(element);
            }

            foreach (var property in info.Properties)
            {
                if ((property.PropertyType == typeof(ulong) || property.PropertyType == typeof(ulong?) || property.PropertyType == typeof(IReadOnlyList<ulong>))
                    && property.CustomConverter is null)
                {
                    unmarked.Add($"{type.Name}.{property.Name}");
                }

                Walk(property.PropertyType);
            }
        }
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        const string json = """{"id":"1","application_id":"2","type":2,"token":"t","brand_new_field":{"x":[1,2]},"data":{"name":"x","mystery":true}}""";

        var interaction = JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction)!;

        Assert.Equal("x", interaction.Data!.Name);
    }

    [Fact]
    public void Nulls_are_left_out_when_writing()
    {
        var json = JsonSerializer.Serialize(InteractionResponse.Message("hi"), DiscordJsonContext.Default.InteractionResponse);

        Assert.Equal("""{"type":4,"data":{"content":"hi"}}""", json);
    }

    [Fact]
    public void An_empty_allowed_mentions_parse_list_is_written()
    {
        var payload = MessagePayload.Text("<@1> said hi") with { AllowedMentions = AllowedMentions.None };

        var json = JsonSerializer.Serialize(payload, DiscordJsonContext.Default.MessagePayload);

        Assert.Contains("\"allowed_mentions\":{\"parse\":[]}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snowflake_that_is_not_a_number_is_a_json_error()
    {
        const string json = """{"id":"12ab","application_id":"2","type":2,"token":"t"}""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction));
    }

    internal static Interaction Parse(string fixture) =>
        JsonSerializer.Deserialize(Fixture.Read(fixture), DiscordJsonContext.Default.Interaction)!;

    private static void AssertRoundTrips<T>(string fixture, JsonTypeInfo<T> typeInfo)
    {
        var original = Fixture.Read(fixture);
        var model = JsonSerializer.Deserialize(original, typeInfo)!;
        var written = JsonSerializer.Serialize(model, typeInfo);

        var expected = JsonNode.Parse(original);
        var actual = JsonNode.Parse(written);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Round trip changed the payload.\nExpected: {expected?.ToJsonString()}\nActual:   {actual?.ToJsonString()}");
    }
}
