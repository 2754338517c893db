/// Where a store delivers an integration's webhooks: the server's public receiver of the integration's platform
/// (`…/api/v1/woocommerce/webhooks/receive?integration=N`, `…/api/v1/shopify/webhooks/receive?integration=N`).
public typealias WebhookDeliveryURL = @Sendable (_ integrationID: Int64, _ platform: ChannelPlatform) -> String
