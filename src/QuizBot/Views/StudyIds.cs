using QuizBot.Core.Study;
using QuizBot.Interactions;

namespace QuizBot.Views;

/// <summary>
/// Study custom_ids: <c>s1:&lt;user&gt;:show|rate:&lt;card&gt;:&lt;shown version&gt;:&lt;topic&gt;[:&lt;rating&gt;]</c>. The shown version
/// makes a second click on the same card, or a click on an older card, recognisable; the topic is its index in the
/// sorted topic list, "-" for none.
/// </summary>
public static class StudyIds
{
    public const string Show = "show";
    public const string Rate = "rate";
    public const string NoTopic = "-";

    public static CustomId ShowAnswer(string userId, StudyCard card, string topicKey) =>
        CustomId.Create(CustomIdAreas.Study, userId, Show, card.CardId, card.ShownVersion, topicKey);

    public static CustomId RateCard(string userId, StudyCard card, string topicKey, Rating rating) =>
        CustomId.Create(CustomIdAreas.Study, userId, Rate, card.CardId, card.ShownVersion, topicKey, (int)rating);
}
