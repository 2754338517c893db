/// The one error shape of the simulator: WooCommerce's `{"code", "message", "data": {"status", …}}`.
///
/// HTTP handlers throw it and it renders itself as the response; the in-process API (`placeOrder`,
/// `editOrder`, `setStock`, …) throws the same value, so a test sees the same code either way.
public struct WooSimError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: String
    public let message: String
    public let status: Int
    /// Pre-encoded extra members of `data` (e.g. `"params"`, `"details"`), JSON without braces.
    let extraData: String?

    public init(code: String, message: String, status: Int) {
        self.init(code: code, message: message, status: status, extraData: nil)
    }

    init(code: String, message: String, status: Int, extraData: String?) {
        self.code = code
        self.message = message
        self.status = status
        self.extraData = extraData
    }

    public var description: String { "\(self.status) \(self.code): \(self.message)" }

    /// The body WooCommerce sends for this error.
    var body: [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.key("code")
        writer.string(self.code)
        writer.key("message")
        writer.string(self.message)
        writer.key("data")
        writer.beginObject()
        writer.key("status")
        writer.int(self.status)
        writer.endObject()
        writer.endObject()
        guard let extraData else { return writer.bytes }
        // Splice the extra members in before the two closing braces.
        var bytes = writer.bytes
        bytes.removeLast(2)
        bytes.append(UInt8(ascii: ","))
        bytes.append(contentsOf: extraData.utf8)
        bytes.append(contentsOf: Array("}}".utf8))
        return bytes
    }
}

// MARK: - The errors WooCommerce sends (codes, messages and statuses as recorded from a real store)

extension WooSimError {
    static let noRoute = WooSimError(
        code: "rest_no_route", message: "No route was found matching the URL and request method.", status: 404)
    static let invalidJSON = WooSimError(
        code: "rest_invalid_json", message: "Invalid JSON body passed.", status: 400,
        extraData: "\"json_error_code\":4,\"json_error_message\":\"Syntax error\"")
    static let consumerSecretInvalid = WooSimError(
        code: "woocommerce_rest_authentication_error", message: "Consumer secret is invalid.", status: 401)
    static let consumerKeyInvalid = WooSimError(
        code: "woocommerce_rest_authentication_error", message: "Consumer key is invalid.", status: 401)
    static let signatureMismatch = WooSimError(
        code: "woocommerce_rest_authentication_error",
        message: "Invalid signature - provided signature does not match.", status: 401)
    static let signatureMethodInvalid = WooSimError(
        code: "woocommerce_rest_authentication_error",
        message: "Invalid signature - signature method is invalid.", status: 401)
    static let invalidTimestamp = WooSimError(
        code: "woocommerce_rest_authentication_error", message: "Invalid timestamp.", status: 401)
    static let nonceReused = WooSimError(
        code: "woocommerce_rest_authentication_error",
        message: "Invalid nonce - nonce has already been used.", status: 401)
    static let noWritePermission = WooSimError(
        code: "woocommerce_rest_authentication_error",
        message: "The API key provided does not have write permissions.", status: 401)
    static let noReadPermission = WooSimError(
        code: "woocommerce_rest_authentication_error",
        message: "The API key provided does not have read permissions.", status: 401)

    static func missingOAuthParameters(_ names: [String]) -> WooSimError {
        WooSimError(
            code: "woocommerce_rest_authentication_missing_parameter",
            message: (names.count == 1 ? "Missing OAuth parameter " : "Missing OAuth parameters ")
                + names.joined(separator: ", "),
            status: 401)
    }

    static let cannotList = WooSimError(
        code: "woocommerce_rest_cannot_view", message: "Sorry, you cannot list resources.", status: 401)
    static let cannotView = WooSimError(
        code: "woocommerce_rest_cannot_view", message: "Sorry, you cannot view this resource.", status: 401)
    static let cannotCreate = WooSimError(
        code: "woocommerce_rest_cannot_create", message: "Sorry, you are not allowed to create resources.",
        status: 401)
    static let cannotEdit = WooSimError(
        code: "woocommerce_rest_cannot_edit", message: "Sorry, you are not allowed to edit this resource.",
        status: 401)
    static let cannotDelete = WooSimError(
        code: "woocommerce_rest_cannot_delete", message: "Sorry, you are not allowed to delete this resource.",
        status: 401)
    static let cannotBatch = WooSimError(
        code: "woocommerce_rest_cannot_batch",
        message: "Sorry, you are not allowed to batch manipulate this resource.", status: 401)

    static func invalidOrderID(status: Int) -> WooSimError {
        WooSimError(code: "woocommerce_rest_shop_order_invalid_id", message: "Invalid ID.", status: status)
    }
    static let invalidOrderIDForNotes = WooSimError(
        code: "woocommerce_rest_shop_order_invalid_id", message: "Invalid order ID.", status: 404)
    static let orderAlreadyTrashed = WooSimError(
        code: "woocommerce_rest_already_trashed", message: "The order has already been deleted.", status: 410)
    static let invalidNoteID = WooSimError(
        code: "woocommerce_rest_order_note_invalid_id", message: "Invalid resource ID.", status: 404)

    static func invalidProductID(status: Int) -> WooSimError {
        WooSimError(code: "woocommerce_rest_product_invalid_id", message: "Invalid ID.", status: status)
    }
    static let useVariationsEndpoint = WooSimError(
        code: "woocommerce_rest_invalid_product_id",
        message:
            "To manipulate product variations you should use the /products/&lt;product_id&gt;/variations/&lt;id&gt; endpoint.",
        status: 404)
    static func invalidVariationID(status: Int) -> WooSimError {
        WooSimError(
            code: "woocommerce_rest_product_variation_invalid_id", message: "Invalid ID.", status: status)
    }
    static let duplicateSKU = WooSimError(
        code: "product_invalid_sku", message: "Invalid or duplicated SKU.", status: 400)
    static let batchTooLarge = WooSimError(
        code: "woocommerce_rest_request_entity_too_large",
        message: "Unable to accept more than 100 items for this request.", status: 413)

    static let invalidCustomerID = WooSimError(
        code: "woocommerce_rest_invalid_id", message: "Invalid resource ID.", status: 404)

    static let invalidWebhookID = WooSimError(
        code: "woocommerce_rest_webhook_invalid_id", message: "Invalid ID.", status: 404)
    static let webhookTrashNotSupported = WooSimError(
        code: "woocommerce_rest_trash_not_supported", message: "Webhooks do not support trashing.", status: 501)
    static let webhookInvalidTopic = WooSimError(
        code: "woocommerce_rest_shop_webhook_invalid_topic",
        message: "Webhook topic is required and must be valid.", status: 400)
    static let webhookInvalidDeliveryURL = WooSimError(
        code: "woocommerce_rest_shop_webhook_invalid_delivery_url",
        message: "Webhook delivery URL must be a valid URL starting with http:// or https://.", status: 400)

    /// `rest_invalid_param` with WordPress's `params` and `details` members.
    static func invalidParameter(_ name: String, message: String, detailCode: String) -> WooSimError {
        var details = JSONWriter(capacity: 256)
        details.beginObject()
        details.key(name)
        details.string(message)
        details.endObject()
        var full = JSONWriter(capacity: 256)
        full.beginObject()
        full.key(name)
        full.beginObject()
        full.key("code")
        full.string(detailCode)
        full.key("message")
        full.string(message)
        full.key("data")
        full.null()
        full.endObject()
        full.endObject()
        return WooSimError(
            code: "rest_invalid_param", message: "Invalid parameter(s): \(name)", status: 400,
            extraData: "\"params\":\(String(decoding: details.bytes, as: UTF8.self)),"
                + "\"details\":\(String(decoding: full.bytes, as: UTF8.self))")
    }

    static func notInEnum(_ name: String, label: String, values: [String]) -> WooSimError {
        WooSimError.invalidParameter(
            name, message: "\(label) is not one of \(WooSimError.phpList(values)).", detailCode: "rest_not_in_enum")
    }

    static func missingParameter(_ name: String) -> WooSimError {
        WooSimError(
            code: "rest_missing_callback_param", message: "Missing parameter(s): \(name)", status: 400,
            extraData: "\"params\":[\"\(name)\"]")
    }

    /// WordPress's `wp_sprintf_l`: "a, b, and c".
    static func phpList(_ values: [String]) -> String {
        switch values.count {
        case 0: return ""
        case 1: return values[0]
        case 2: return "\(values[0]) and \(values[1])"
        default: return values.dropLast().joined(separator: ", ") + ", and " + values.last!
        }
    }

    /// For the in-process API.
    static func unknownSKU(_ sku: String) -> WooSimError {
        WooSimError(code: "woosim_unknown_sku", message: "No product or variation has SKU \(sku).", status: 404)
    }
}
