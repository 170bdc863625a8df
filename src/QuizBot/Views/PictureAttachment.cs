using QuizBot.Discord.Models;

namespace QuizBot.Views;

/// <summary>Puts a rendered picture on a reply: uploaded as a file and shown as the first embed's image.</summary>
public static class PictureAttachment
{
    /// <summary>Discord's limit for an attachment's description.</summary>
    public const int MaxDescriptionLength = 1024;

    public static MessagePayload OnFirstEmbed(MessagePayload message, FileUpload file)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(file);
        var embeds = message.Embeds ?? [];
        if (embeds.Count == 0)
        {
            return WithOnly(message, file);
        }

        var first = embeds[0] with { Image = new EmbedMedia { Url = file.AttachmentUrl } };
        return WithOnly(message with { Embeds = [first, .. embeds.Skip(1)] }, file);
    }

    /// <summary>
    /// An edit that sets only the message's picture: this file as its one attachment (Discord shows an image attachment
    /// above the embeds) and no content (clearing an earlier <see cref="SkippedNote"/>). It leaves out the embeds and
    /// components, so it never undoes a newer text the message was given meanwhile (a page turned by a button), and
    /// such a text, leaving out attachments and content, keeps the picture.
    /// </summary>
    public static MessagePayload PictureOnly(FileUpload file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new MessagePayload { Content = "" }.WithFiles(file);
    }

    /// <summary>The picture-only edit when the picture was not drawn this time: no attachment, and the note as the content.</summary>
    public static MessagePayload PictureSkipped() =>
        new() { Content = SkippedNote, Attachments = [], AllowedMentions = AllowedMentions.None };

    /// <summary>The message with this one file as its only attachment (an edit drops any earlier one).</summary>
    private static MessagePayload WithOnly(MessagePayload message, FileUpload file) =>
        (message with { Attachments = null }).WithFiles(file);

    /// <summary>Said under the text when its picture was not drawn this time (the drawing queue was full, or the bot is restarting).</summary>
    public const string SkippedNote = "No picture this time: the bot is busy. Ask again in a moment to see it.";

    /// <summary>The message without its picture, saying so in the first embed's footer (the text carries every number anyway).</summary>
    public static MessagePayload Skipped(MessagePayload message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var embeds = message.Embeds ?? [];
        if (embeds.Count == 0)
        {
            return WithoutFiles(message);
        }

        var footer = embeds[0].Footer is { Text.Length: > 0 } existing ? $"{existing.Text}\n{SkippedNote}" : SkippedNote;
        var first = embeds[0] with { Footer = new EmbedFooter { Text = footer, IconUrl = embeds[0].Footer?.IconUrl } };
        return WithoutFiles(message with { Embeds = [first, .. embeds.Skip(1)] });
    }

    /// <summary>
    /// The message with no attachments: on an edit, Discord keeps earlier files unless told otherwise, so a
    /// page without its picture says so.
    /// </summary>
    public static MessagePayload WithoutFiles(MessagePayload message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with { Files = null, Attachments = [] };
    }
}
