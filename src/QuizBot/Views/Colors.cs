namespace QuizBot.Views;

/// <summary>Embed colours, so every screen of one kind looks the same.</summary>
public static class Colors
{
    public const int Question = 0x5865F2;
    public const int Correct = 0x57F287;
    public const int Wrong = 0xED4245;
    public const int Neutral = 0x99AAB5;
    public const int Study = 0xFEE75C;
    public const int Gold = 0xF1C40F;
}
