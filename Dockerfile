# syntax=docker/dockerfile:1
# Build: docker build -t quizbot .
# Run:   docker run -e Discord__Token=... -v quizbot-data:/data quizbot
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Bot.sln ./
COPY src/ src/
COPY content/ content/
RUN dotnet publish src/QuizBot/QuizBot.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# The pictures (/stats card, podium) are drawn with DejaVu Sans, found under /usr/share/fonts; the emoji font
# gives the glyph fallback something to draw emoji with (not tried here: no Docker engine in this workplace).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-noto-color-emoji \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# MALLOC_ARENA_MAX=1: glibc gives each thread that allocates natively (SQLite, SkiaSharp, the runtime) its own
# malloc arena of up to 64 MB, and freed memory stays in the arena that held it; two arenas kept about 20 MB less
# resident in the 10,000-quiz soak than glibc's eight per core, one about 2 MB less free space than two
# (BENCHMARKS.md, "Memory"; bench/STAGES.md, "Memory, second pass"). bench/QuizBot.LoadGen starts the bot with the same.
# The database lives on a volume; the deck is baked into the image under /app/content. Http__Urls listens on every
# interface of the container so probes from outside it reach /healthz/live and /healthz/ready in gateway mode too.
ENV Storage__Path=/data/quizbot.db \
    Content__Path=/app/content \
    Http__Urls=http://0.0.0.0:8080 \
    DOTNET_gcServer=0 \
    MALLOC_ARENA_MAX=1
RUN mkdir -p /data && chown app:app /data
VOLUME ["/data"]
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["dotnet", "quizbot.dll", "health"]
ENTRYPOINT ["dotnet", "quizbot.dll"]
