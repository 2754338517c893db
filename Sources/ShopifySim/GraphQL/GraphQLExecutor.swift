/// An object the executor completes: its runtime type and what the resolver needs to answer its fields.
struct ObjectValue: Sendable {
    var typeName: String
    var entity: Entity
}

/// A field's resolved value before completion.
indirect enum Resolved: Sendable {
    case null
    case leaf(JSON)
    case object(ObjectValue)
    case list([Resolved])

    static func string(_ value: String?) -> Resolved { value.map { .leaf(.string($0)) } ?? .null }
    static func int(_ value: Int) -> Resolved { .leaf(.int(value)) }
    static func bool(_ value: Bool) -> Resolved { .leaf(.bool(value)) }
}

/// Answers one field of one object; implemented by the store.
protocol FieldResolver {
    mutating func resolve(
        _ object: ObjectValue, field: String, arguments: [String: JSON], context: FieldContext
    ) throws(GraphQLError) -> Resolved
}

/// What a resolver may need beyond the arguments: the field's path (for errors and search warnings) and its
/// directives with arguments coerced.
struct FieldContext {
    var path: [JSON]
    var directives: [String: [String: JSON]]
}

/// Executes a prepared operation (the spec's ExecuteSelectionSet/CompleteValue), counting the actual cost as
/// it goes: each object returned 1, each connection 2, each mutation 10.
struct GraphQLExecutor<Resolver: FieldResolver> {
    let schema: GraphQLSchema
    let document: GraphQLDocument
    let variables: [String: JSON]
    var resolver: Resolver
    private(set) var errors: [GraphQLError] = []
    private(set) var actualCost = 0
    private var countingSuspended = 0

    init(schema: GraphQLSchema, document: GraphQLDocument, variables: [String: JSON], resolver: Resolver) {
        self.schema = schema
        self.document = document
        self.variables = variables
        self.resolver = resolver
    }

    mutating func execute(_ operation: OperationDefinition) -> JSON {
        let root = operation.kind == .mutation ? self.schema.mutationType : self.schema.queryType
        let entity: Entity = operation.kind == .mutation ? .mutationRoot : .queryRoot
        return self.selectionSet(
            operation.selections, object: ObjectValue(typeName: root, entity: entity), path: [],
            isMutationRoot: operation.kind == .mutation)
    }

    private func included(_ directives: [Directive]) -> Bool {
        for directive in directives where directive.name == "skip" || directive.name == "include" {
            let value = directive.arguments.first { $0.name == "if" }.flatMap { argument in
                try? InputCoercion(schema: self.schema).coerce(
                    literal: argument.value, to: .nonNull(.named("Boolean")), variables: self.variables)
            }
            let flag = value?.boolValue ?? false
            if directive.name == "skip", flag { return false }
            if directive.name == "include", !flag { return false }
        }
        return true
    }

    /// CollectFields: the fields to answer for an object of `type`, grouped by response key in order.
    private func collect(
        _ selections: [Selection], type: String, into groups: inout [(String, [Field])], visited: inout Set<String>
    ) {
        for selection in selections {
            switch selection {
            case .field(let field):
                guard self.included(field.directives) else { continue }
                if let index = groups.firstIndex(where: { $0.0 == field.responseKey }) {
                    groups[index].1.append(field)
                } else {
                    groups.append((field.responseKey, [field]))
                }
            case .inlineFragment(let fragment):
                guard self.included(fragment.directives) else { continue }
                if let condition = fragment.typeCondition, !self.schema.matches(object: type, condition: condition) {
                    continue
                }
                self.collect(fragment.selections, type: type, into: &groups, visited: &visited)
            case .fragmentSpread(let spread):
                guard self.included(spread.directives), visited.insert(spread.name).inserted,
                    let fragment = self.document.fragments[spread.name],
                    self.schema.matches(object: type, condition: fragment.typeCondition)
                else { continue }
                self.collect(fragment.selections, type: type, into: &groups, visited: &visited)
            }
        }
    }

    private mutating func selectionSet(
        _ selections: [Selection], object: ObjectValue, path: [JSON], isMutationRoot: Bool = false
    ) -> JSON {
        var groups: [(String, [Field])] = []
        var visited: Set<String> = []
        self.collect(selections, type: object.typeName, into: &groups, visited: &visited)
        var pairs: [(String, JSON)] = []
        for (key, fields) in groups {
            let field = fields[0]
            let fieldPath = path + [.string(key)]
            if field.name == "__typename" {
                pairs.append((key, .string(object.typeName)))
                continue
            }
            guard let definition = self.schema.field(field.name, on: object.typeName) else { continue }
            let arguments = self.arguments(field, definition)
            var directives: [String: [String: JSON]] = [:]
            for directive in field.directives {
                var values: [String: JSON] = [:]
                for argument in directive.arguments {
                    if let definition = AdminSchema.directives[directive.name]?.first(where: {
                        $0.name == argument.name
                    }),
                        let value = try? InputCoercion(schema: self.schema).coerce(
                            literal: argument.value, to: definition.type, variables: self.variables)
                    {
                        values[argument.name] = value
                    }
                }
                directives[directive.name] = values
            }
            if isMutationRoot { self.actualCost += 10 }
            if isMutationRoot { self.countingSuspended += 1 }
            defer { if isMutationRoot { self.countingSuspended -= 1 } }
            let resolved: Resolved
            do throws(GraphQLError) {
                resolved = try self.resolver.resolve(
                    object, field: field.name, arguments: arguments,
                    context: FieldContext(path: fieldPath, directives: directives))
            } catch {
                var failure = error
                if failure.path == nil { failure.path = fieldPath }
                if failure.locations.isEmpty { failure.locations = [field.location] }
                self.errors.append(failure)
                pairs.append((key, .null))
                continue
            }
            let subSelections = fields.flatMap(\.selections)
            pairs.append((key, self.complete(resolved, selections: subSelections, path: fieldPath)))
        }
        return .object(pairs)
    }

    private mutating func complete(_ value: Resolved, selections: [Selection], path: [JSON]) -> JSON {
        switch value {
        case .null: return .null
        case .leaf(let json): return json
        case .list(let items):
            var out: [JSON] = []
            for (index, item) in items.enumerated() {
                out.append(self.complete(item, selections: selections, path: path + [.int(index)]))
            }
            return .array(out)
        case .object(let object):
            if self.countingSuspended == 0 {
                if GraphQLSchema.isConnection(object.typeName) {
                    self.actualCost += 2
                } else if !GraphQLSchema.isEdge(object.typeName) {
                    self.actualCost += 1
                }
            }
            return self.selectionSet(selections, object: object, path: path)
        }
    }

    private func arguments(_ field: Field, _ definition: FieldDefinition) -> [String: JSON] {
        var values: [String: JSON] = [:]
        let coercion = InputCoercion(schema: self.schema)
        for argument in field.arguments {
            guard let argumentDefinition = definition.argument(argument.name),
                let value = try? coercion.coerce(
                    literal: argument.value, to: argumentDefinition.type, variables: self.variables)
            else { continue }
            values[argument.name] = value
        }
        for argument in definition.arguments where values[argument.name] == nil {
            if let defaultValue = argument.defaultValue { values[argument.name] = defaultValue }
        }
        return values
    }
}
