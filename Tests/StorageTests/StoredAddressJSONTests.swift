import Foundation
import LogixCore
import Testing

@testable import Storage

/// The hand-written address JSON reads back as the same address, whatever the text holds.
@Suite struct StoredAddressJSONTests {
    @Test func roundTripsEveryKindOfText() throws {
        let addresses = [
            PostalAddress(),
            PostalAddress(
                firstName: "Jörg \"JJ\"", lastName: "Mül\\ler", company: "A/B\tC", address1: "Line 1\nLine 2",
                address2: "\u{01}\u{1F}", city: "東京", state: "😀", postcode: "1234 AB", country: "NL",
                phone: "+31 6", email: "j@example.test"),
            PostalAddress(city: "Zürich", email: ""),
        ]
        for address in addresses {
            let text = address.storedJSON
            let decoded = try JSONDecoder().decode(PostalAddress.self, from: Data(text.utf8))
            #expect(decoded == address, "\(text)")
            // The same object JSONEncoder writes with sorted keys (which escapes "/" as "\/").
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let reference = try JSONSerialization.jsonObject(with: encoder.encode(address)) as? NSDictionary
            #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary == reference)
        }
    }
}
