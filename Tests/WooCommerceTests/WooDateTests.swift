import Foundation
import Testing

@testable import WooCommerce

@Suite struct WooDateTests {
    @Test func parsesAndFormatsUTC() throws {
        let date = try #require(WooDate.parseGMT("2026-11-24T21:56:36"))
        #expect(date.timeIntervalSince1970 == 1_795_557_396)
        #expect(WooDate.formatGMT(date) == "2026-11-24T21:56:36")
        #expect(WooDate.parseGMT("2024-02-29T00:00:00Z") != nil)
        #expect(WooDate.parseGMT("1969-12-31T23:59:59").map(\.timeIntervalSince1970) == -1)
        #expect(WooDate.parseGMT("") == nil)
        #expect(WooDate.parseGMT("2026-13-01T00:00:00") == nil)
    }

    @Test func storeURLIsNormalised() throws {
        #expect(try StoreEndpoint("HTTPS://Shop.Example.com:443/").homeURL == "https://shop.example.com")
        #expect(try StoreEndpoint("http://127.0.0.1:8080/shop/").apiRoot == "http://127.0.0.1:8080/shop/wp-json/wc/v3")
        #expect(throws: WooCommerceError.self) { try StoreEndpoint("ftp://shop.example.com") }
        #expect(throws: WooCommerceError.self) { try StoreEndpoint("https://shop.example.com/?x=1") }
    }

    @Test func errorsNeverCarryTheSecret() {
        let credentials = WooCredentials(consumerKey: "ck_abcdef1234", consumerSecret: "cs_topsecret")
        #expect(!"\(credentials)".contains("cs_topsecret"))
        #expect("\(credentials)".contains("1234"))
        #expect(!"\(credentials)".contains("ck_abcdef"))
    }
}
