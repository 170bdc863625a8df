using System.Text;

namespace QuizBot.Benchmarks;

/// <summary>
/// A button press as Discord sends it to the Interactions Endpoint: the member with roles and permissions, the
/// message the button sits on (its embeds and components, as the bot rendered them), entitlements and contexts. About
/// the size of the real thing, so verifying and parsing it cost what they cost in production.
/// </summary>
internal static class ButtonPress
{
    public const ulong Guild = 900_000_000_000_000_001;
    public const ulong User = 800_000_000_000_000_042;

    /// <summary>A press of <paramref name="customId"/> on a message whose embeds and components are the given JSON arrays.</summary>
    public static byte[] Body(string customId, string embeds, string components) => Encoding.UTF8.GetBytes(Json(customId, embeds, components));

    public static string Json(string customId, string embeds, string components) => $$"""
        {
          "id": "1320000000000000001",
          "application_id": "4242",
          "type": 3,
          "data": { "custom_id": "{{customId}}", "component_type": 2 },
          "guild": { "id": "{{Guild}}", "locale": "en-US", "features": ["COMMUNITY", "NEWS"] },
          "guild_id": "{{Guild}}",
          "channel": { "id": "333", "type": 0, "guild_id": "{{Guild}}", "name": "study-hall", "position": 3, "flags": 0,
                       "parent_id": "332", "last_message_id": "1319999999999999999", "rate_limit_per_user": 0, "nsfw": false,
                       "permissions": "2248473465835073" },
          "channel_id": "333",
          "member": {
            "user": { "id": "{{User}}", "username": "ada_l", "global_name": "Ada", "discriminator": "0",
                      "avatar": "a1b2c3d4e5f60718293a4b5c6d7e8f90", "public_flags": 64, "avatar_decoration_data": null,
                      "clan": null, "primary_guild": null, "collectibles": null },
            "roles": ["900000000000000101", "900000000000000102", "900000000000000103"],
            "premium_since": null, "permissions": "2248473465835073", "pending": false, "nick": "Ada L.",
            "mute": false, "joined_at": "2024-03-14T09:26:53.589000+00:00", "flags": 0, "deaf": false,
            "communication_disabled_until": null, "unusual_dm_activity_until": null, "banner": null, "avatar": null
          },
          "token": "aW50ZXJhY3Rpb246MTMyMDAwMDAwMDAwMDAwMDAwMTpvWkdqZFVGSXlBTGVPZ3pCc1RYRmNvWm5xRkJzT3ZpcmJ4RzNnb0tGdUFoZm1FbmVZZTRwNkNqVm1ZVHhDV3pCa3E0Rk5LQ2ZUQVJ0ZG9UZWtxTndoMXlFN0N6Z0VnY2xq",
          "version": 1,
          "message": {
            "id": "5555", "channel_id": "333", "type": 20, "flags": 64, "tts": false, "pinned": false,
            "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [],
            "timestamp": "2025-06-18T12:00:00.000000+00:00", "edited_timestamp": null,
            "author": { "id": "4242", "username": "QuizBot", "global_name": null, "discriminator": "1234", "bot": true, "avatar": null, "public_flags": 0 },
            "content": "",
            "embeds": {{embeds}},
            "components": {{components}},
            "interaction_metadata": { "id": "1319999999999999998", "type": 2, "user": { "id": "{{User}}", "username": "ada_l" },
                                      "authorizing_integration_owners": { "0": "{{Guild}}" } }
          },
          "app_permissions": "2248473465835073",
          "locale": "en-US",
          "guild_locale": "en-US",
          "entitlements": [],
          "entitlement_sku_ids": [],
          "authorizing_integration_owners": { "0": "{{Guild}}" },
          "context": 0,
          "attachment_size_limit": 10485760
        }
        """;
}
