namespace QuizBot.LoadGen;

/// <summary>
/// The interactions endpoint for each request: one of several instances behind an imagined load balancer, picked at
/// random per request, so every instance sees every kind of interaction of every member.
/// </summary>
internal sealed class UrlPicker
{
    private readonly IReadOnlyList<Uri> urls;
    private readonly Random random;
    private readonly Lock sync = new();

    public UrlPicker(IReadOnlyList<Uri> urls, Random random)
    {
        if (urls.Count == 0)
        {
            throw new ArgumentException("At least one interactions URL is needed.", nameof(urls));
        }

        this.urls = urls;
        this.random = random;
    }

    public IReadOnlyList<Uri> Urls => urls;

    public Uri Next()
    {
        if (urls.Count == 1)
        {
            return urls[0];
        }

        // Random is not thread-safe and the workers share this picker.
        lock (sync)
        {
            return urls[random.Next(urls.Count)];
        }
    }
}
