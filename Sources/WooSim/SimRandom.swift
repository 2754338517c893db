/// A small, fast, seedable generator (SplitMix64).
///
/// The simulator derives every generated value from it, never from `SystemRandomNumberGenerator` or the
/// standard library's range mapping, whose algorithm may change between Swift versions: the same seed
/// must produce the same store on every machine and toolchain.
struct SimRandom: RandomNumberGenerator, Sendable, Codable {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    /// A generator for one independent stream of a seed, e.g. (seed, "orders", 42).
    init(seed: UInt64, stream: UInt64, index: UInt64 = 0) {
        self.state = SimRandom.mix(seed ^ SimRandom.mix(stream &+ SimRandom.mix(index &+ 0x632B_E59B_D9B4_E019)))
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (modulo bias is irrelevant for simulated data).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(self.next() % width)
    }

    /// A uniform value in [0, 1).
    mutating func unit() -> Double {
        Double(self.next() >> 11) / Double(UInt64(1) << 53)
    }

    mutating func chance(_ probability: Double) -> Bool {
        self.unit() < probability
    }

    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[Int(self.next() % UInt64(elements.count))]
    }

    mutating func hex(_ length: Int) -> String {
        let digits = Array("0123456789abcdef")
        var result = ""
        result.reserveCapacity(length)
        for _ in 0..<length {
            result.append(digits[Int(self.next() & 15)])
        }
        return result
    }

    mutating func alphanumeric(_ length: Int) -> String {
        let characters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var result = ""
        result.reserveCapacity(length)
        for _ in 0..<length {
            result.append(characters[Int(self.next() % UInt64(characters.count))])
        }
        return result
    }
}

/// Stream identifiers, so that adding a draw to one kind of data never shifts another.
enum SimStream {
    static let catalog: UInt64 = 1
    static let customers: UInt64 = 2
    static let orderSummary: UInt64 = 3
    static let orderBody: UInt64 = 4
    static let keys: UInt64 = 5
    static let faults: UInt64 = 6
    static let runtime: UInt64 = 7
    static let webhookSecrets: UInt64 = 8
}
