import Foundation
import Testing

@testable import WooCommerce

@Suite struct AuthNegotiationTests {
    @Test func plainHTTPAlwaysUsesOAuth() {
        var negotiation = AuthNegotiation(configured: .auto, isHTTPS: false)
        #expect(negotiation.currentMode == .oauth1)
        #expect(negotiation.refused(with: .oauth1, status: 401, code: "woocommerce_rest_cannot_view") == .fail)
    }

    @Test func strippedAuthorizationFallsBackToQueryStringAndRemembersIt() {
        var negotiation = AuthNegotiation(configured: .auto, isHTTPS: true)
        #expect(negotiation.currentMode == .basic)
        #expect(negotiation.provenMode == nil)
        #expect(
            negotiation.refused(with: .basic, status: 401, code: "woocommerce_rest_cannot_view")
                == .retry(with: .queryString))
        negotiation.succeeded(with: .queryString)
        #expect(negotiation.currentMode == .queryString)
        #expect(negotiation.provenMode == .queryString)
    }

    @Test func wrongSecretIsNotMistakenForAStrippedHeader() {
        var negotiation = AuthNegotiation(configured: .auto, isHTTPS: true)
        #expect(negotiation.refused(with: .basic, status: 401, code: "woocommerce_rest_authentication_error") == .fail)
        #expect(negotiation.refused(with: .queryString, status: 401, code: "woocommerce_rest_cannot_view") == .fail)
        #expect(negotiation.currentMode == .basic)
    }

    @Test func basicThatWorkedStillFallsBackIfTheHostStartsStripping() {
        var negotiation = AuthNegotiation(configured: .auto, isHTTPS: true)
        negotiation.succeeded(with: .basic)
        #expect(negotiation.provenMode == .basic)
        #expect(
            negotiation.refused(with: .basic, status: 401, code: "woocommerce_rest_cannot_view")
                == .retry(with: .queryString))
    }

    @Test func fixedModesNeverSwitch() {
        var negotiation = AuthNegotiation(configured: .basic, isHTTPS: true)
        #expect(negotiation.refused(with: .basic, status: 401, code: "woocommerce_rest_cannot_view") == .fail)
        #expect(negotiation.currentMode == .basic)
    }
}
