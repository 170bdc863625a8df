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
WORKDIR /app
COPY --from=build /app ./
# The database lives on a volume; the deck is baked into the image under /app/content. Http__Urls listens on every
# interface of the container so probes from outside it reach /healthz/live and /healthz/ready in gateway mode too.
ENV Storage__Path=/data/quizbot.db \
    Content__Path=/app/content \
    Http__Urls=http://0.0.0.0:8080 \
    DOTNET_gcServer=0
RUN mkdir -p /data && chown app:app /data
VOLUME ["/data"]
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["dotnet", "quizbot.dll", "health"]
ENTRYPOINT ["dotnet", "quizbot.dll"]
