using QuizBot.Discord.Models;

namespace QuizBot.Discord.Tests;

public class MessageLimitsTests
{
    [Fact]
    public void A_message_within_every_limit_has_no_problems()
    {
        var message = MessagePayload.WithEmbed(
            new Embed { Title = new string('t', 256), Description = new string('d', 4096), Fields = [EmbedField.Of("n", "v")] },
            new string('c', 2000)) with
        {
            Components = [ActionRow.Of(Button.Primary("a", new string('l', 80)), Button.Secondary("b", "B"), Button.Success("c", "C"), Button.Danger("d", "D"), Button.Link(new Uri("https://example.org"), "E"))],
        };

        Assert.Empty(MessageLimits.Problems(message));
    }

    [Fact]
    public void Each_broken_limit_is_reported()
    {
        var message = new MessagePayload
        {
            Content = new string('c', 2001),
            Embeds =
            [
                new Embed
                {
                    Title = new string('t', 257),
                    Description = new string('d', 4097),
                    Footer = new EmbedFooter { Text = new string('f', 2049) },
                    Fields = Enumerable.Range(0, 26).Select(i => EmbedField.Of($"n{i}", "v")).ToArray(),
                },
            ],
            Components =
            [
                ActionRow.Of(Enumerable.Range(0, 6).Select(i => Button.Primary($"b{i}", "x")).ToArray()),
                ActionRow.Of(Button.Primary("b0", new string('l', 81))),
                ActionRow.Of(StringSelect.Of(new string('s', 101), Enumerable.Range(0, 26).Select(i => SelectOption.Of($"o{i}", $"{i}")))),
                ActionRow.Of(),
                ActionRow.Of(),
                ActionRow.Of(),
            ],
        };

        var problems = MessageLimits.Problems(message);

        Assert.Contains(problems, p => p.StartsWith("content has 2001", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("embed title has 257", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("embed description has 4097", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("embed footer has 2049", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("an embed has 26 fields", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("embeds hold", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("6 action rows", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("an action row has 6 buttons", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("button label has 81", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("a select has 26 options", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("must have 1 to 100", StringComparison.Ordinal));
        Assert.Contains(problems, p => p == "custom_id 'b0' is used twice in one message");
    }

    [Fact]
    public void Factories_refuse_what_discord_would_refuse()
    {
        Assert.Throws<ArgumentException>(() => InteractionResponse.Autocomplete(Enumerable.Range(0, 26).Select(i => ApplicationCommandOptionChoice.Of($"c{i}", (long)i))));
        Assert.Throws<ArgumentException>(() => InteractionResponse.Modal("id", new string('t', 46), Label.Of("Answer", TextInput.Short("a"))));
        Assert.Throws<ArgumentException>(() => InteractionResponse.Modal("id", "Title"));
    }

    [Fact]
    public void Factories_build_the_documented_shapes()
    {
        var modal = InteractionResponse.Modal("form", "Answer", Label.Of("Your answer", TextInput.Paragraph("answer", maxLength: 200), "Be brief"));
        var label = Assert.Single(modal.Data!.Components!);

        Assert.Equal(InteractionCallbackType.Modal, modal.Type);
        Assert.Equal(ComponentType.Label, label.Type);
        Assert.Equal(ComponentType.TextInput, label.Child!.Type);
        Assert.Equal((int)TextInputStyle.Paragraph, label.Child.Style);
        Assert.Equal((int)ButtonStyle.Danger, Button.Danger("x", "X").Style);
        Assert.Null(Button.Link(new Uri("https://example.org"), "L").CustomId);
        Assert.Equal(InteractionCallbackType.DeferredUpdateMessage, InteractionResponse.DeferredUpdate().Type);
        Assert.Equal(InteractionCallbackType.UpdateMessage, InteractionResponse.Update(MessagePayload.Text("u")).Type);
        Assert.Equal(InteractionCallbackType.Pong, InteractionResponse.Pong().Type);
    }
}
