import Foundation

/// Shopify's search syntax as `orders(query:)` and `productVariants(query:)` read it: `field:value` terms,
/// comparators (`:>=`, `:<=`, `:>`, `:<`), values quoted with `'` or `"`, a leading `-` to negate, space = AND,
/// `OR` between groups. Unknown fields are dropped (the results widen) and reported as warnings, as are
/// unquoted timestamps, whose colons break the term.
struct SearchQuery {
    struct Term {
        var field: String?
        var comparator: String
        var value: String
        var negated: Bool
        /// The value as a time, for date fields (parsed once, not per order).
        var time: Int64?
    }

    /// OR of AND groups.
    var groups: [[Term]] = []
    var warnings: [JSON] = []

    static func parse(_ text: String?, fields: Set<String>, dateFields: Set<String>) -> SearchQuery {
        var query = SearchQuery()
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return query }
        var group: [Term] = []
        for token in self.tokens(text) {
            if token.text == "OR", !token.quoted {
                if !group.isEmpty { query.groups.append(group) }
                group = []
                continue
            }
            if token.text == "AND", !token.quoted { continue }
            var raw = token.text
            var negated = false
            if raw.hasPrefix("-") {
                negated = true
                raw.removeFirst()
            }
            guard let colon = raw.firstIndex(of: ":") else {
                group.append(Term(field: nil, comparator: "=", value: token.unquoted(raw), negated: negated))
                continue
            }
            let field = String(raw[..<colon])
            var value = String(raw[raw.index(after: colon)...])
            var comparator = "="
            for candidate in [">=", "<=", ">", "<"] where value.hasPrefix(candidate) {
                comparator = candidate
                value.removeFirst(candidate.count)
                break
            }
            let quoted = value.hasPrefix("'") || value.hasPrefix("\"")
            value = token.unquoted(value)
            guard fields.contains(field), !(dateFields.contains(field) && !quoted && value.contains(":")) else {
                query.warnings.append(
                    .object([
                        ("field", .string(field)), ("message", .string("Invalid search field for this query.")),
                        ("code", .string("invalid_field")),
                    ]))
                continue
            }
            let time = dateFields.contains(field) ? ShopFormat.parseTime(value) : nil
            group.append(Term(field: field, comparator: comparator, value: value, negated: negated, time: time))
        }
        if !group.isEmpty { query.groups.append(group) }
        return query
    }

    private struct Token {
        var text: String
        var quoted: Bool

        func unquoted(_ value: String) -> String {
            guard value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first else {
                return value
            }
            return String(value.dropFirst().dropLast())
        }
    }

    /// Splits on spaces outside quotes.
    private static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var quote: Character?
        var quoted = false
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
                continue
            }
            if character == "'" || character == "\"" {
                quote = character
                quoted = true
                current.append(character)
            } else if character == " " || character == "\t" {
                if !current.isEmpty { tokens.append(Token(text: current, quoted: quoted)) }
                current = ""
                quoted = false
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(Token(text: current, quoted: quoted)) }
        return tokens
    }

    /// True when any group has all its terms true (`test` decides one term).
    func matches(_ test: (Term) -> Bool) -> Bool {
        self.groups.isEmpty || self.groups.contains { $0.allSatisfy { term in test(term) != term.negated } }
    }

    static func compare<T: Comparable>(_ lhs: T, _ comparator: String, _ rhs: T) -> Bool {
        switch comparator {
        case ">=": return lhs >= rhs
        case "<=": return lhs <= rhs
        case ">": return lhs > rhs
        case "<": return lhs < rhs
        default: return lhs == rhs
        }
    }

    /// The `extensions.search` entry for a field that had warnings.
    func extensionEntry(path: [JSON], query: String) -> JSON? {
        guard !self.warnings.isEmpty else { return nil }
        return .object([("path", .array(path)), ("query", .string(query)), ("warnings", .array(self.warnings))])
    }
}

extension ShopOrder {
    static let searchFields: Set<String> = [
        "updated_at", "created_at", "processed_at", "status", "financial_status", "fulfillment_status", "test", "id",
        "name", "sku", "tag", "email",
    ]
    static let searchDateFields: Set<String> = ["updated_at", "created_at", "processed_at"]

    func matches(_ term: SearchQuery.Term) -> Bool {
        let value = term.value
        switch term.field {
        case nil:
            let needle = value.lowercased()
            return self.name.lowercased().contains(needle) || (self.email?.lowercased().contains(needle) ?? false)
        case "updated_at", "created_at", "processed_at":
            guard let time = term.time else { return false }
            let own = term.field == "updated_at" ? self.updatedAt : self.createdAt
            // Shopify compares at second resolution.
            return SearchQuery.compare(own.floorDivided(by: 1000), term.comparator, time.floorDivided(by: 1000))
        case "status":
            switch value.lowercased() {
            case "open": return self.closedAt == nil && self.cancelledAt == nil
            case "closed": return self.closedAt != nil
            case "cancelled": return self.cancelledAt != nil
            case "not_closed": return self.closedAt == nil
            case "any": return true
            default: return false
            }
        case "financial_status": return self.financialStatus.lowercased() == value.lowercased()
        case "fulfillment_status":
            let status = self.displayFulfillmentStatus
            switch value.lowercased() {
            case "shipped", "fulfilled": return status == "FULFILLED"
            case "partial": return status == "PARTIALLY_FULFILLED"
            case "unshipped", "unfulfilled": return status == "UNFULFILLED"
            default: return false
            }
        case "test": return (value.lowercased() == "true") == self.test
        case "id":
            let number = Int64(GlobalID.parse(value)?.id ?? Int64(value) ?? -1)
            return SearchQuery.compare(self.id, term.comparator, number)
        case "name": return self.name == value || self.name == "#" + value
        case "sku": return self.lineItems.contains { $0.sku == value }
        case "tag": return self.tags.contains { $0.lowercased() == value.lowercased() }
        case "email": return self.email?.lowercased() == value.lowercased()
        default: return true
        }
    }
}
