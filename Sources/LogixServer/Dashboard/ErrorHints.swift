import Sync

/// Plain-language advice for the codes an operator meets most: what the code means at the store and what to
/// do next. The code itself is always shown too, so it can be searched and quoted to support.
enum ErrorHints {
    /// The troubleshooting guide's section on `code` (its `###` heading holds the code in backticks, so its
    /// anchor is the code's slug), if the guide built into this server has one.
    static func troubleshootingPath(for code: String, library: GuideLibrary = .embedded) -> String? {
        let anchor = HeadingSlugs.slug(code)
        guard let guide = library.guide(named: "troubleshooting"), guide.anchors.contains(anchor) else { return nil }
        return "/docs/troubleshooting#\(anchor)"
    }

    /// The advice for `code` met on a store of `platform`: a refused key is made again in a different place in
    /// WooCommerce and in Shopify.
    static func hint(for code: String, platform: ChannelPlatform = .wooCommerce) -> String? {
        if platform == .shopify, let hint = shopifyHint(for: code) { return hint }
        switch code {
        case "woocommerce_rest_authentication_error", "woocommerce_rest_cannot_view", "store_refused_credentials":
            return "The store did not accept the keys. In WordPress go to WooCommerce → Settings → Advanced → "
                + "REST API, create a key with Read/Write permission for an administrator or shop manager, and "
                + "paste the consumer key (ck_…) and secret (cs_…) exactly."
        case "store_keys_read_only", "woocommerce_rest_cannot_edit", "woocommerce_rest_cannot_create":
            return "The keys can read but not write. Edit the key in WooCommerce → Settings → Advanced → REST API "
                + "and set its permission to Read/Write, so shipments and stock can be sent back."
        case "store_unreachable", "store_timeout", "store_transport":
            return "Logix could not reach the store. Check the address, that the site is up, and that its "
                + "firewall or security plugin lets Logix in."
        case "store_not_woocommerce", "rest_no_route":
            return "The address answers, but not as a WooCommerce store: check the URL (the site's home page) and "
                + "that WooCommerce is active and permalinks are not set to \"Plain\"."
        case "store_redirected":
            return "The store answered with a redirect. Use the address it redirects to (often https:// or "
                + "with www.)."
        case "store_url_not_allowed":
            return "Logix only connects to public web addresses (http or https)."
        case "rate_limited":
            return "Wait a little and try again."
        case "illegal_transition":
            return "The order is not at a step where this can happen; its timeline shows where it is."
        case "sync_running":
            return "A sync of this store is already running; follow it on its run page."
        case "store_http":
            return "The store answered with an error status and no WooCommerce code (the message has the status): "
                + "often a host's firewall, maintenance page or overload. Logix retries server errors on its own."
        case "woocommerce_rest_shop_order_invalid_id":
            return "The store no longer has this order (deleted or moved to the trash)."
        default:
            // `http_5NN`: a store's health after a server error without a WooCommerce code (`store_http` in the
            // API, whose message carries the status).
            if code.hasPrefix("http_5") {
                return "The store answered with a server error; Logix retries on its own. If it lasts, check the "
                    + "site's error log."
            }
            return nil
        }
    }

    /// Where Shopify's advice differs from WooCommerce's: its token and scopes, its codes, its shop address.
    private static func shopifyHint(for code: String) -> String? {
        switch code {
        case "store_refused_credentials", "ACCESS_DENIED":
            return "The shop did not accept the access token. In the Shopify admin, Settings → Apps and sales "
                + "channels → Develop apps → the app: its API credentials show the Admin API access token (paste it "
                + "whole, shpat_ included), its Configuration the scopes the message names."
        case "store_unreachable", "store_timeout", "store_transport", "shopify_transport", "shopify_timeout":
            return "Logix could not reach the shop. Check the shop address: its permanent {shop}.myshopify.com "
                + "handle, not the shop's own domain."
        case "store_url_not_allowed":
            return "Give the shop's {shop}.myshopify.com handle (Settings → Domains in the Shopify admin shows it)."
        case "THROTTLED", "http_429":
            return "Shopify asked Logix to slow down (its query cost budget); Logix waits and tries again on its own."
        default:
            return nil
        }
    }
}
