/// The parts of `GET /system_status` that say what the store runs: versions, HPOS, currency.
public struct WooSystemStatus: Sendable, Hashable, Decodable {
    /// WooCommerce's version (`environment.version`; the docs' `wc_version` does not exist).
    public var wooCommerceVersion: String
    public var wordPressVersion: String
    public var homeURL: String
    public var siteURL: String
    public var phpVersion: String?
    /// Whether orders live in the High-Performance Order Storage tables.
    public var hposEnabled: Bool?
    /// ISO 4217 store currency.
    public var currency: String
    public var numberOfDecimals: Int?

    enum CodingKeys: String, CodingKey { case environment, settings }
    enum EnvironmentKeys: String, CodingKey {
        case version
        case wpVersion = "wp_version"
        case homeURL = "home_url"
        case siteURL = "site_url"
        case phpVersion = "php_version"
    }
    enum SettingsKeys: String, CodingKey {
        case currency
        case hpos = "HPOS_enabled"
        case decimals = "number_of_decimals"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let environment = try? container.nestedContainer(keyedBy: EnvironmentKeys.self, forKey: .environment) {
            wooCommerceVersion = environment.lenientString(.version)
            wordPressVersion = environment.lenientString(.wpVersion)
            homeURL = environment.lenientString(.homeURL)
            siteURL = environment.lenientString(.siteURL)
            phpVersion = environment.lenientOptionalString(.phpVersion)
        } else {
            (wooCommerceVersion, wordPressVersion, homeURL, siteURL, phpVersion) = ("", "", "", "", nil)
        }
        if let settings = try? container.nestedContainer(keyedBy: SettingsKeys.self, forKey: .settings) {
            currency = settings.lenientString(.currency)
            hposEnabled = settings.lenientOptionalBool(.hpos)
            numberOfDecimals = settings.lenientOptionalInt(.decimals)
        } else {
            (currency, hposEnabled, numberOfDecimals) = ("", nil, nil)
        }
    }
}
