/// An estimate of a query's cost from its text, by the rules Shopify documents: a scalar or enum field 0, an
/// object 1 plus its fields, a connection `2 + first × (cost of one node)` plus its other fields (`pageInfo`),
/// each node an object (1 plus its fields), `nodes(ids:)` one object per id, a mutation 10.
///
/// Used before a query's first answer (after that its last `requestedQueryCost` is the better guess) and to
/// refuse locally a query that would pass the single-query limit of 1,000.
public enum ShopifyCostEstimate {
    /// The single-query limit: Shopify refuses a query priced higher (`MAX_COST_EXCEEDED`).
    public static let singleQueryLimit = 1_000.0

    /// The estimated cost of `query`; `first`/`last`/`ids` sizes given as variables are looked up in `sizes`
    /// (a list variable's size is its count).
    public static func estimate(query: String, sizes: [String: Int] = [:]) -> Double {
        var parser = Parser(tokens: tokenize(query), sizes: sizes)
        return parser.document()
    }

    static func estimate(query: String, variables: [String: GraphQLValue]) -> Double {
        var sizes: [String: Int] = [:]
        for (name, value) in variables {
            switch value {
            case .int(let number): sizes[name] = number
            case .list(let values): sizes[name] = values.count
            default: break
            }
        }
        return estimate(query: query, sizes: sizes)
    }

    enum Token: Hashable {
        case name(String)
        case punctuator(String)
        case number(Int)
        case string
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        while index < scalars.count {
            let c = scalars[index]
            if c == "#" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            } else if c == "\"" {
                // Block strings and plain strings; escapes skip the next character.
                if index + 2 < scalars.count, scalars[index + 1] == "\"", scalars[index + 2] == "\"" {
                    index += 3
                    while index + 2 < scalars.count,
                        !(scalars[index] == "\"" && scalars[index + 1] == "\"" && scalars[index + 2] == "\"")
                    {
                        index += 1
                    }
                    index += 3
                } else {
                    index += 1
                    while index < scalars.count, scalars[index] != "\"" {
                        if scalars[index] == "\\" { index += 1 }
                        index += 1
                    }
                    index += 1
                }
                tokens.append(.string)
            } else if isNameStart(c) {
                var name = ""
                while index < scalars.count, isNameStart(scalars[index]) || isDigit(scalars[index]) {
                    name.unicodeScalars.append(scalars[index])
                    index += 1
                }
                tokens.append(.name(name))
            } else if isDigit(c) || c == "-" {
                var digits = ""
                while index < scalars.count,
                    isDigit(scalars[index]) || scalars[index] == "-" || scalars[index] == "."
                        || scalars[index] == "e" || scalars[index] == "E"
                {
                    digits.unicodeScalars.append(scalars[index])
                    index += 1
                }
                tokens.append(.number(Int(digits) ?? 0))
            } else if c == "." {
                index += 3
                tokens.append(.punctuator("..."))
            } else if "{}()[]:$@!=|&".unicodeScalars.contains(c) {
                tokens.append(.punctuator(String(c)))
                index += 1
            } else {
                // Whitespace, commas, anything else: insignificant here.
                index += 1
            }
        }
        return tokens
    }

    private struct Parser {
        let tokens: [Token]
        let sizes: [String: Int]
        var position = 0

        init(tokens: [Token], sizes: [String: Int]) {
            self.tokens = tokens
            self.sizes = sizes
        }

        var current: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func document() -> Double {
            var isMutation = false
            // The operation header: `query Name($v: Int!) @d`, up to its selection set.
            while let token = current, token != .punctuator("{") {
                if token == .name("mutation") { isMutation = true }
                if token == .punctuator("(") {
                    skipBalanced(open: "(", close: ")")
                } else {
                    position += 1
                }
            }
            let cost = selectionSet().cost
            return isMutation ? 10 : cost
        }

        /// A selection set's cost; for a connection's, the cost of one node (`nodes { … }` or `edges { node { … } }`)
        /// and what the `nodes`/`edges` field itself added to the total.
        mutating func selectionSet() -> (cost: Double, node: Double?, nodesField: Double) {
            guard current == .punctuator("{") else { return (0, nil, 0) }
            position += 1
            var total = 0.0
            var node: Double?
            var nodesField = 0.0
            while let token = current, token != .punctuator("}") {
                if token == .punctuator("...") {
                    position += 1
                    if current == .name("on") { position += 2 }
                    skipDirectives()
                    if current == .punctuator("{") { total += selectionSet().cost }
                    continue
                }
                guard case .name(var name) = token else {
                    position += 1
                    continue
                }
                position += 1
                if current == .punctuator(":"), position + 1 < tokens.count, case .name(let real) = tokens[position + 1]
                {
                    name = real
                    position += 2
                }
                let size = arguments()
                skipDirectives()
                guard current == .punctuator("{") else { continue }
                let child = selectionSet()
                var fieldCost: Double
                switch size {
                case .first(let count):
                    // The page's nodes, plus the connection's other fields (`pageInfo`).
                    let perNode = child.node ?? child.cost
                    fieldCost = 2 + Double(count) * perNode + (child.cost - child.nodesField)
                case .ids(let count): fieldCost = Double(count) * (1 + child.cost)
                case .none: fieldCost = 1 + child.cost
                }
                switch name {
                case "nodes", "node":
                    node = 1 + child.cost
                    nodesField = fieldCost
                case "edges":
                    // An edge is no object of its own: only its node counts.
                    fieldCost = child.cost
                    node = child.node
                    nodesField = fieldCost
                default:
                    break
                }
                total += fieldCost
            }
            position += 1
            return (total, node, nodesField)
        }

        enum Size {
            case first(Int)
            case ids(Int)
        }

        mutating func arguments() -> Size? {
            guard current == .punctuator("(") else { return nil }
            position += 1
            var size: Size?
            while let token = current, token != .punctuator(")") {
                if case .name(let argument) = token, position + 1 < tokens.count,
                    tokens[position + 1] == .punctuator(":")
                {
                    position += 2
                    switch argument {
                    case "first", "last":
                        if let count = intValue() { size = .first(count) }
                    case "ids":
                        if let count = listCount() { size = .ids(count) }
                    default:
                        skipValue()
                    }
                } else {
                    position += 1
                }
            }
            position += 1
            return size
        }

        mutating func intValue() -> Int? {
            switch current {
            case .number(let value):
                position += 1
                return value
            case .punctuator("$"):
                position += 1
                guard case .name(let variable) = current else { return nil }
                position += 1
                return sizes[variable]
            default:
                skipValue()
                return nil
            }
        }

        mutating func listCount() -> Int? {
            if current == .punctuator("$") { return intValue() }
            guard current == .punctuator("[") else {
                skipValue()
                return nil
            }
            position += 1
            var count = 0
            while let token = current, token != .punctuator("]") {
                count += 1
                skipValue()
            }
            position += 1
            return count
        }

        mutating func skipValue() {
            switch current {
            case .punctuator("$"): position += 2
            case .punctuator("["): skipBalanced(open: "[", close: "]")
            case .punctuator("{"): skipBalanced(open: "{", close: "}")
            default: position += 1
            }
        }

        mutating func skipDirectives() {
            while current == .punctuator("@") {
                position += 2
                if current == .punctuator("(") { skipBalanced(open: "(", close: ")") }
            }
        }

        mutating func skipBalanced(open: String, close: String) {
            var depth = 0
            while let token = current {
                position += 1
                if token == .punctuator(open) { depth += 1 }
                if token == .punctuator(close) {
                    depth -= 1
                    if depth == 0 { return }
                }
            }
        }
    }
}
