extension String {
    /// The string without the spaces and tabs at either end: what `trimmingCharacters(in: .whitespaces)` gives,
    /// without Foundation's bridging through `NSString`, which was a tenth of mapping a webhook's order in the
    /// receiver's profile (issue 14). A name with nothing to trim is returned as it is.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isHorizontalSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isHorizontalSpace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// A space separator (Unicode's `Zs`, as `CharacterSet.whitespaces` holds) or a tab.
    fileprivate var isHorizontalSpace: Bool {
        self == "\t" || properties.generalCategory == .spaceSeparator
    }
}
