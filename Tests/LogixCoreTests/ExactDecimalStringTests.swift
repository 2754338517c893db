import Foundation
import LogixCore
import Testing

/// The fast plain form of a decimal is exactly `description`, and reads back to the same value.
@Suite struct ExactDecimalStringTests {
    @Test func matchesDescriptionForEveryShape() {
        var texts = [
            "0", "0.00", "24.90", "-49.80", "100", "1e3", "0.000001", "-0.5", "12345678901234567890.12",
            "18446744073709551615", "18446744073709551616", "0.1", "999999999999.99", "-0.000000001",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let whole = UInt64.random(in: 0...10_000_000, using: &generator)
            let fraction = UInt64.random(in: 0...99_999_999, using: &generator)
            let places = Int.random(in: 0...8, using: &generator)
            let sign = Bool.random(using: &generator) ? "-" : ""
            texts.append(places == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(String(String(fraction).prefix(places)))")
        }
        for text in texts {
            guard let value = Decimal(string: text) else { continue }
            #expect(value.exactString == value.description, "\(text)")
            #expect(Decimal(exactString: value.exactString) == value, "\(text)")
        }
    }
}
