/// Why `logix demo` cannot go on, as one line saying what failed and what to do: printed as
/// `logix demo: …` on standard error, like a `logix serve` ``StartupFailure``.
struct DemoFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
