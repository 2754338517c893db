/// A seedable generator (SplitMix64): the same seed makes the same store on every machine and toolchain,
/// because every generated value comes from it rather than the standard library's random mapping.
struct SeededRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64, stream: UInt64) {
        self.state = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)
        _ = self.next()
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(self.next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double(self.next() >> 11) / Double(UInt64(1) << 53) < probability
    }

    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[Int(self.next() % UInt64(elements.count))]
    }

    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[Int(self.next() % 16)] })
    }
}
