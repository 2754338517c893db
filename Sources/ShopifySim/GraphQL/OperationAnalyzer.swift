/// An operation that passed validation: its variables coerced and its requested cost known.
struct PreparedOperation: Sendable {
    var operation: OperationDefinition
    var variables: [String: JSON]
    var requestedCost: Int
}

/// Validates one operation of a document against the schema before anything runs — unknown fields,
/// arguments, fragments, variables, page sizes — and computes its requested cost by Shopify's rules
/// (scalar and enum 0, object 1, connection 2 + page size × one node, mutation 10).
struct OperationAnalyzer {
    /// Why the operation does not run: the errors, and whether the answer carries `"data": null`
    /// (Shopify's page-size errors do; validation errors have no `data` at all).
    struct Rejection: Error {
        var errors: [GraphQLError]
        var nullData: Bool
    }

    static let maximumPageSize = 250

    let schema: GraphQLSchema
    let document: GraphQLDocument
    private var errors: [GraphQLError] = []
    private var pageErrors: [GraphQLError] = []
    private var usedVariables: Set<String> = []
    private var declaredVariables: Set<String>?
    private var operationLabel = ""
    private var usedFragments: Set<String> = []
    private var variables: [String: JSON] = [:]
    private var coercion: InputCoercion { InputCoercion(schema: self.schema) }

    init(schema: GraphQLSchema, document: GraphQLDocument) {
        self.schema = schema
        self.document = document
    }

    /// Picks the operation (by `operationName` when the document has several) and validates it.
    static func prepare(
        document: GraphQLDocument, operationName: String?, variables raw: JSON, schema: GraphQLSchema
    ) throws(Rejection) -> PreparedOperation {
        let operation: OperationDefinition
        if let operationName {
            guard let named = document.operations.first(where: { $0.name == operationName }) else {
                throw Rejection(errors: [GraphQLError("No operation named \"\(operationName)\"")], nullData: false)
            }
            operation = named
        } else if document.operations.count == 1 {
            operation = document.operations[0]
        } else if document.operations.isEmpty {
            throw Rejection(errors: [GraphQLError("No operations in this document")], nullData: false)
        } else {
            throw Rejection(
                errors: [GraphQLError("An operation name is required when sending multiple operations.")],
                nullData: false)
        }
        var analyzer = OperationAnalyzer(schema: schema, document: document)
        return try analyzer.analyze(operation, rawVariables: raw)
    }

    private mutating func analyze(
        _ operation: OperationDefinition, rawVariables: JSON
    ) throws(Rejection) -> PreparedOperation {
        let operationPath = operation.kind.rawValue + (operation.name.map { " " + $0 } ?? "")
        let rootType: String
        switch operation.kind {
        case .query: rootType = self.schema.queryType
        case .mutation: rootType = self.schema.mutationType
        case .subscription:
            throw Rejection(errors: [GraphQLError("Schema is not configured for subscriptions")], nullData: false)
        }
        self.declaredVariables = Set(operation.variables.map(\.name))
        self.operationLabel = operation.name ?? "anonymous \(operation.kind.rawValue)"
        self.coerceVariables(operation, raw: rawVariables)
        self.checkDirectives(operation.directives, path: [.string(operationPath)])
        let cost = self.cost(
            of: operation.selections, on: rootType, path: [.string(operationPath)],
            isMutationRoot: operation.kind == .mutation,
            fragmentStack: [])
        let operationLabel = operation.name ?? "anonymous \(operation.kind.rawValue)"
        for definition in operation.variables where !self.usedVariables.contains(definition.name) {
            self.errors.append(
                GraphQLError(
                    "Variable $\(definition.name) is declared by \(operationLabel) but not used",
                    code: "variableNotUsed",
                    locations: [definition.location], path: [.string(operationPath)]))
        }
        for (name, fragment) in self.document.fragments where !self.usedFragments.contains(name) {
            self.errors.append(
                GraphQLError(
                    "Fragment \(name) was defined, but not used", code: "useAndDefineFragment",
                    locations: [fragment.location], path: [.string("fragment \(name)")]))
        }
        if !self.errors.isEmpty { throw Rejection(errors: self.errors, nullData: false) }
        if !self.pageErrors.isEmpty { throw Rejection(errors: self.pageErrors, nullData: true) }
        return PreparedOperation(operation: operation, variables: self.variables, requestedCost: cost)
    }

    private mutating func coerceVariables(_ operation: OperationDefinition, raw: JSON) {
        for definition in operation.variables {
            guard let type = self.schema.types[definition.type.namedType], type.isInputType else {
                self.errors.append(
                    GraphQLError(
                        "\(definition.type.namedType) isn't a defined input type (on $\(definition.name))",
                        code: "variableRequiresValidType", locations: [definition.location]))
                continue
            }
            let provided = raw[definition.name]
            do throws(InputCoercion.Problem) {
                if let provided {
                    self.variables[definition.name] = try self.coercion.coerce(json: provided, to: definition.type)
                } else if let defaultValue = definition.defaultValue {
                    if let value = try self.coercion.coerce(literal: defaultValue, to: definition.type, variables: [:])
                    {
                        self.variables[definition.name] = value
                    }
                } else if definition.type.isNonNull {
                    throw InputCoercion.Problem(path: [], explanation: "Expected value to not be null")
                }
            } catch {
                var failure = GraphQLError(
                    "Variable $\(definition.name) of type \(definition.type) was provided invalid value",
                    locations: [definition.location])
                failure.extensions = [
                    ("value", provided ?? .null),
                    (
                        "problems",
                        .array([.object([("path", .array(error.path)), ("explanation", .string(error.explanation))])])
                    ),
                ]
                self.errors.append(failure)
            }
        }
    }

    private mutating func noteVariables(in value: ValueNode) {
        switch value {
        case .variable(let name):
            guard self.usedVariables.insert(name).inserted else { return }
            if let declared = self.declaredVariables, !declared.contains(name) {
                self.errors.append(
                    GraphQLError(
                        "Variable $\(name) is used by \(self.operationLabel) but not declared",
                        code: "variableNotDefined"))
            }
        case .list(let values): for item in values { self.noteVariables(in: item) }
        case .object(let pairs): for pair in pairs { self.noteVariables(in: pair.1) }
        default: break
        }
    }

    private mutating func checkDirectives(_ directives: [Directive], path: [JSON]) {
        for directive in directives {
            for argument in directive.arguments { self.noteVariables(in: argument.value) }
            guard let definitions = AdminSchema.directives[directive.name] else {
                self.errors.append(
                    GraphQLError(
                        "Directive @\(directive.name) is not defined", code: "undefinedDirective",
                        locations: [directive.location], path: path))
                continue
            }
            for definition in definitions {
                let provided = directive.arguments.first { $0.name == definition.name }
                do throws(InputCoercion.Problem) {
                    if let provided {
                        _ = try self.coercion.coerce(
                            literal: provided.value, to: definition.type, variables: self.variables)
                    } else if definition.type.isNonNull {
                        throw InputCoercion.Problem(path: [], explanation: "missing")
                    }
                } catch {
                    self.errors.append(
                        GraphQLError(
                            "Directive '@\(directive.name)' is missing required arguments: \(definition.name)",
                            code: "missingRequiredArguments", locations: [directive.location], path: path))
                }
            }
        }
    }

    /// Coerces a field's arguments; problems become errors in the house style of graphql-ruby.
    mutating func arguments(
        of field: Field, definition: FieldDefinition, parentType: String, path: [JSON]
    ) -> [String: JSON] {
        var values: [String: JSON] = [:]
        for argument in field.arguments {
            self.noteVariables(in: argument.value)
            guard let argumentDefinition = definition.argument(argument.name) else {
                var failure = GraphQLError(
                    "Field '\(field.name)' doesn't accept argument '\(argument.name)'", code: "argumentNotAccepted",
                    locations: [argument.location], path: path + [.string(argument.name)])
                failure.extensions += [
                    ("name", .string(field.name)), ("typeName", .string("Field")),
                    ("argumentName", .string(argument.name)),
                ]
                self.errors.append(failure)
                continue
            }
            do throws(InputCoercion.Problem) {
                if let value = try self.coercion.coerce(
                    literal: argument.value, to: argumentDefinition.type, variables: self.variables)
                {
                    values[argument.name] = value
                }
            } catch {
                if case .variable = argument.value, argumentDefinition.type.isNonNull {
                    continue  // reported as a missing required argument below
                }
                var failure = GraphQLError(
                    "Argument '\(argument.name)' on Field '\(field.name)' has an invalid value (\(argument.value.printed)). "
                        + "Expected type '\(argumentDefinition.type)'.",
                    code: "argumentLiteralsIncompatible", locations: [argument.location],
                    path: path + [.string(argument.name)])
                failure.extensions += [("typeName", .string("Field")), ("argumentName", .string(argument.name))]
                self.errors.append(failure)
            }
        }
        let missing = definition.arguments.filter { argument in
            argument.type.isNonNull && argument.defaultValue == nil && values[argument.name] == nil
                && !self.errors.contains { $0.path == path + [.string(argument.name)] }
        }
        if !missing.isEmpty {
            var failure = GraphQLError(
                "Field '\(field.name)' is missing required arguments: \(missing.map(\.name).joined(separator: ", "))",
                code: "missingRequiredArguments", locations: [field.location], path: path)
            failure.extensions += [
                ("className", .string("Field")), ("name", .string(field.name)),
                ("arguments", .string(missing.map(\.name).joined(separator: ", "))),
            ]
            self.errors.append(failure)
        }
        for argument in definition.arguments where values[argument.name] == nil {
            if let defaultValue = argument.defaultValue { values[argument.name] = defaultValue }
        }
        return values
    }

    private mutating func cost(
        of selections: [Selection], on type: String, path: [JSON], isMutationRoot: Bool, fragmentStack: [String]
    ) -> Int {
        var total = 0
        for selection in selections {
            switch selection {
            case .field(let field):
                total += self.cost(
                    of: field, on: type, path: path, isMutationRoot: isMutationRoot, fragmentStack: fragmentStack)
            case .inlineFragment(let fragment):
                self.checkDirectives(fragment.directives, path: path)
                var target = type
                if let condition = fragment.typeCondition {
                    guard self.checkCondition(condition, inside: type, location: fragment.location, path: path) else {
                        continue
                    }
                    target = condition
                }
                total += self.cost(
                    of: fragment.selections, on: target, path: path + [.string("... on \(target)")],
                    isMutationRoot: isMutationRoot, fragmentStack: fragmentStack)
            case .fragmentSpread(let spread):
                self.checkDirectives(spread.directives, path: path)
                self.usedFragments.insert(spread.name)
                guard let fragment = self.document.fragments[spread.name] else {
                    self.errors.append(
                        GraphQLError(
                            "Fragment \(spread.name) was used, but not defined", code: "useAndDefineFragment",
                            locations: [spread.location], path: path + [.string("... \(spread.name)")]))
                    continue
                }
                guard !fragmentStack.contains(spread.name) else {
                    self.errors.append(
                        GraphQLError(
                            "Fragment \(spread.name) contains an infinite loop", code: "infiniteLoop",
                            locations: [spread.location], path: path))
                    continue
                }
                guard
                    self.checkCondition(fragment.typeCondition, inside: type, location: spread.location, path: path)
                else { continue }
                total += self.cost(
                    of: fragment.selections, on: fragment.typeCondition, path: [.string("fragment \(spread.name)")],
                    isMutationRoot: isMutationRoot, fragmentStack: fragmentStack + [spread.name])
            }
        }
        return total
    }

    private mutating func checkCondition(
        _ condition: String, inside type: String, location: SourceLocation, path: [JSON]
    ) -> Bool {
        guard let definition = self.schema.types[condition] else {
            self.errors.append(
                GraphQLError(
                    "No such type \(condition), so it can't be a fragment condition", code: "undefinedType",
                    locations: [location], path: path))
            return false
        }
        guard definition.fields != nil, self.schema.canSpread(condition, inside: type) else {
            self.errors.append(
                GraphQLError(
                    "Fragment on \(condition) can't be spread inside \(type)", code: "fragmentSpreadTypeMismatch",
                    locations: [location], path: path))
            return false
        }
        return true
    }

    private mutating func cost(
        of field: Field, on type: String, path: [JSON], isMutationRoot: Bool, fragmentStack: [String]
    ) -> Int {
        let fieldPath = path + [.string(field.responseKey)]
        self.checkDirectives(field.directives, path: fieldPath)
        guard let definition = self.schema.field(field.name, on: type) else {
            var failure = GraphQLError(
                "Field '\(field.name)' doesn't exist on type '\(type)'", code: "undefinedField",
                locations: [field.location], path: fieldPath)
            failure.extensions += [("typeName", .string(type)), ("fieldName", .string(field.name))]
            self.errors.append(failure)
            return 0
        }
        let arguments = self.arguments(of: field, definition: definition, parentType: type, path: fieldPath)
        let resultType = definition.type.namedType
        let isLeaf = self.schema.types[resultType]?.isLeaf ?? true
        if isLeaf, !field.selections.isEmpty {
            self.errors.append(
                GraphQLError(
                    "Selections can't be made on scalars (field '\(field.name)' returns \(resultType) but has selections "
                        + "[\(field.selections.compactMap { if case .field(let f) = $0 { f.name } else { nil } }.joined(separator: ", "))])",
                    code: "selectionMismatch", locations: [field.location], path: fieldPath))
            return 0
        }
        if !isLeaf, field.selections.isEmpty {
            self.errors.append(
                GraphQLError(
                    "Field must have selections (field '\(field.name)' returns \(resultType) but has no selections. "
                        + "Did you mean '\(field.name) { ... }'?)",
                    code: "selectionMismatch", locations: [field.location], path: fieldPath))
            return 0
        }
        if isLeaf { return 0 }
        let children = self.cost(
            of: field.selections, on: resultType, path: fieldPath, isMutationRoot: false, fragmentStack: fragmentStack)
        if isMutationRoot { return 10 }
        if GraphQLSchema.isConnection(resultType) {
            let size = self.pageSize(arguments, field: field, path: fieldPath)
            // Per node: what `nodes` or `edges { node }` select, each node an object (1) plus its fields.
            let perNode = self.nodeCost(field.selections, connection: resultType)
            return 2 + size * perNode + (children - perNode)
        }
        if GraphQLSchema.isEdge(resultType) { return children }
        if field.name == "nodes", type == self.schema.queryType, case .array(let ids)? = arguments["ids"] {
            return ids.count * (1 + children)
        }
        return 1 + children
    }

    /// The cost of one node inside a connection's selection (`nodes` and `edges { node }` both count).
    private mutating func nodeCost(_ selections: [Selection], connection: String) -> Int {
        var analyzer = OperationAnalyzer(schema: self.schema, document: self.document)
        analyzer.variables = self.variables
        var total = 0
        for field in OperationAnalyzer.fields(selections, document: self.document) {
            switch field.name {
            case "nodes":
                total +=
                    1
                    + analyzer.cost(
                        of: field.selections, on: String(connection.dropLast("Connection".count)), path: [],
                        isMutationRoot: false, fragmentStack: [])
            case "edges":
                for inner in OperationAnalyzer.fields(field.selections, document: self.document)
                where inner.name == "node" {
                    total +=
                        1
                        + analyzer.cost(
                            of: inner.selections, on: String(connection.dropLast("Connection".count)), path: [],
                            isMutationRoot: false, fragmentStack: [])
                }
            default: break
            }
        }
        return total
    }

    /// Fields of a selection set, fragments flattened (for cost only; validation walks fragments itself).
    static func fields(_ selections: [Selection], document: GraphQLDocument, depth: Int = 0) -> [Field] {
        guard depth < 16 else { return [] }
        var out: [Field] = []
        for selection in selections {
            switch selection {
            case .field(let field): out.append(field)
            case .inlineFragment(let fragment):
                out += self.fields(fragment.selections, document: document, depth: depth + 1)
            case .fragmentSpread(let spread):
                if let fragment = document.fragments[spread.name] {
                    out += self.fields(fragment.selections, document: document, depth: depth + 1)
                }
            }
        }
        return out
    }

    private mutating func pageSize(_ arguments: [String: JSON], field: Field, path: [JSON]) -> Int {
        let first = arguments["first"]?.intValue
        let last = arguments["last"]?.intValue
        guard first != nil || last != nil else {
            self.pageErrors.append(
                GraphQLError("you must provide one of first or last", locations: [field.location], path: path))
            return 0
        }
        for (name, value) in [("first", first), ("last", last)] {
            if let value, value < 0 || value > OperationAnalyzer.maximumPageSize {
                self.pageErrors.append(
                    GraphQLError(
                        "The `\(name)` argument of `\(field.name)` must be between 0 and \(OperationAnalyzer.maximumPageSize).",
                        code: "BAD_REQUEST", locations: [field.location], path: path))
            }
        }
        return max(first ?? 0, last ?? 0)
    }
}
