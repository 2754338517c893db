/// `/docs/api`'s reference part: the server's OpenAPI document for people. Operations are grouped by what
/// they act on (their path), in the document's own order; each shows its method, path, summary, whether it
/// needs a token, its parameters, its request body's fields, and its responses with their bodies' fields.
/// Every schema follows, so a type links to its fields. Anchors: `op-METHOD-PATH`, `schema-NAME`.
struct APIReference {
    /// A group of operations, as the table of contents lists it.
    struct Group {
        var title: String
        var anchor: String
        var operations: [(method: String, path: String, operation: OpenAPIDocument.Operation)]
    }

    let document: OpenAPIDocument
    /// Whether the troubleshooting guide is there to link error codes to.
    var troubleshooting = false

    /// The operations by group, in the order ``APIDocument/operations`` declares them.
    var groups: [Group] {
        var order = APIDocument.operations.map { ($0.method, $0.path) }
        for (path, operations) in document.paths.sorted(by: { $0.key < $1.key }) {
            for method in operations.keys.sorted() where !order.contains(where: { $0 == (method, path) }) {
                order.append((method, path))
            }
        }
        var groups: [Group] = []
        for (method, path) in order {
            guard let operation = document.paths[path]?[method] else { continue }
            let title = Self.groupTitle(of: path)
            if let index = groups.firstIndex(where: { $0.title == title }) {
                groups[index].operations.append((method, path, operation))
            } else {
                groups.append(
                    Group(
                        title: title, anchor: "api-" + HeadingSlugs.slug(title), operations: [(method, path, operation)]
                    ))
            }
        }
        return groups
    }

    /// `/api/v1/orders/{id}` → Orders; `/api/v1/woocommerce/integrations/…` → Integrations; `/health` → Service.
    static func groupTitle(of path: String) -> String {
        let components = path.split(separator: "/").map(String.init)
        guard components.starts(with: ["api", "v1"]),
            let first = components.dropFirst(2).first(where: { $0 != "woocommerce" })
        else { return "Service" }
        return first == "auth" ? "Authentication" : first.prefix(1).uppercased() + first.dropFirst()
    }

    /// `post /api/v1/outbox/{id}/retry` → `op-post-api-v1-outbox-id-retry`.
    static func anchor(method: String, path: String) -> String {
        "op-"
            + HeadingSlugs.slug(
                method + " " + path.split(whereSeparator: { "/{}".contains($0) }).joined(separator: " "))
    }

    static func schemaAnchor(_ name: String) -> String { "schema-\(name)" }

    /// A path that a narrow screen may wrap after any `/`, never inside a word.
    static func breakable(_ path: String) -> HTML {
        HTML(joining: path.split(separator: "/", omittingEmptySubsequences: false).map { "\($0)" }, separator: "/<wbr>")
    }

    func render() -> HTML {
        let groups = self.groups
        let codes: HTML =
            troubleshooting
            ? #"; <a href="/docs/troubleshooting">troubleshooting</a> explains each <code>code</code>."# : "."
        let sections = groups.map { group -> HTML in
            """
            <section class="api-group" aria-labelledby="\(group.anchor)">
            <h2 id="\(group.anchor)">\(group.title) <a class="self-link" href="#\(group.anchor)" aria-label="Link to this section">#</a></h2>
            \(group.operations.map { operationHTML(method: $0.method, path: $0.path, $0.operation) })
            </section>
            """
        }
        let schemas = document.components.schemas.sorted { $0.key < $1.key }.map { name, schema -> HTML in
            let anchor = Self.schemaAnchor(name)
            return """
                <section class="card schema" id="\(anchor)">
                <h3><code>\(name)</code> <a class="self-link" href="#\(anchor)" aria-label="Link to this schema">#</a></h3>
                \(schemaBody(schema))
                </section>
                """
        }
        return """
            <section class="api-intro" aria-labelledby="api-reference">
            <h2 id="api-reference">API reference <a class="self-link" href="#api-reference" aria-label="Link to this section">#</a></h2>
            <p>\(document.info.title), version \(document.info.version): every operation of the server's OpenAPI \
            document, <a href="/openapi.json"><code>/openapi.json</code></a> (the same, for code generators and tools).</p>
            <p>Operations marked <span class="pill idle">token</span> need <code>Authorization: Bearer TOKEN</code>, \
            a token from <a href="#\(Self.anchor(method: "post", path: "/api/v1/auth/token"))"><code>POST /api/v1/auth/token</code></a>. \
            Every error has the body <a href="#\(Self.schemaAnchor("Error"))"><code>Error</code></a>\(codes)</p>
            </section>
            \(sections)
            <section class="api-schemas" aria-labelledby="api-schemas">
            <h2 id="api-schemas">Schemas <a class="self-link" href="#api-schemas" aria-label="Link to this section">#</a></h2>
            \(schemas)
            </section>
            """
    }

    private func operationHTML(method: String, path: String, _ operation: OpenAPIDocument.Operation) -> HTML {
        let anchor = Self.anchor(method: method, path: path)
        let token: HTML =
            operation.security?.isEmpty == false
            ? #"<span class="pill idle" title="needs a bearer token">token</span>"# : ""
        var parts: [HTML] = []
        if let summary = operation.summary { parts.append("<p>\(summary)</p>") }
        if let description = operation.description { parts.append("<p>\(description)</p>") }
        if let parameters = operation.parameters, !parameters.isEmpty {
            let rows = parameters.map { parameter -> HTML in
                let schema = parameter.schema
                return """
                    <tr><th scope="row"><code>\(parameter.name)</code></th><td>\(parameter.location)</td>\
                    <td>\(schema.map(typeHTML) ?? "")</td><td>\(requiredHTML(parameter.required == true))</td>\
                    <td>\(notes(schema, description: parameter.description))</td></tr>
                    """
            }
            parts.append(
                """
                <h4>Parameters</h4>
                <div class="table-wrap"><table class="fields"><thead><tr><th scope="col">Name</th><th scope="col">In</th>\
                <th scope="col">Type</th><th scope="col">Required</th><th scope="col">Notes</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                """)
        }
        if let body = operation.requestBody {
            let media = body.content.keys.sorted()
            let schema = body.content["application/json"]?.schema ?? media.first.flatMap { body.content[$0]?.schema }
            parts.append(
                """
                <h4>Request body</h4>
                <p>\(HTML(joining: media.map { "<code>\($0)</code>" }, separator: ", ")) · \
                \(body.required == true ? "required" : "optional")\(schema.map { " · " + typeHTML($0) })</p>
                \(schema.map { fieldsTable($0) })
                """)
        }
        let statuses = operation.responses.keys.sorted()
        let rows = statuses.map { status -> HTML in
            let response = operation.responses[status]!
            let schema = response.content?["application/json"]?.schema ?? response.content?.values.first?.schema
            return """
                <tr><th scope="row">\(status)</th><td>\(response.description)</td>\
                <td>\(schema.map(typeHTML) ?? "no body")</td></tr>
                """
        }
        // The fields of what a success answers, folded: the schemas below have them too.
        let successFields = statuses.filter { $0.hasPrefix("2") }.compactMap { status -> HTML? in
            guard let schema = operation.responses[status]?.content?["application/json"]?.schema,
                let name = schema.referencedName, let resolved = document.components.schemas[name],
                !resolved.properties.isEmpty
            else { return nil }
            return
                "<details><summary>\(status): fields of <code>\(name)</code></summary>\(fieldsTable(resolved))</details>"
        }
        parts.append(
            """
            <h4>Responses</h4>
            <div class="table-wrap"><table class="fields"><thead><tr><th scope="col">Status</th>\
            <th scope="col">Meaning</th><th scope="col">Body</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(successFields)
            """)
        return """
            <article class="card operation" id="\(anchor)">
            <h3><span class="method method-\(method)">\(method.uppercased())</span> <code class="path">\(Self.breakable(path))</code> \
            \(token) <a class="self-link" href="#\(anchor)" aria-label="Link to this operation">#</a></h3>
            \(HTML(joining: parts, separator: "\n"))
            </article>
            """
    }

    /// An object schema's fields as a table (nested objects flattened as `outer.inner`); any other schema in
    /// words.
    private func fieldsTable(_ schema: OpenAPIDocument.Schema, answered: Bool = false) -> HTML {
        var target = schema
        if let name = schema.referencedName, let resolved = document.components.schemas[name] { target = resolved }
        let rows = fieldRows(target, prefix: "", answered: answered)
        guard !rows.isEmpty else { return .empty }
        return """
            <div class="table-wrap"><table class="fields"><thead><tr><th scope="col">Field</th><th scope="col">Type</th>\
            <th scope="col">\(answered ? "Present" : "Required")</th><th scope="col">Notes</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    /// `answered`: the fields of a response, where "required" means always there.
    private func fieldRows(_ schema: OpenAPIDocument.Schema, prefix: String, answered: Bool) -> [HTML] {
        let required = Set(schema.required)
        return schema.properties.sorted { first, second in
            // Required fields first, then by name.
            required.contains(first.key) != required.contains(second.key)
                ? required.contains(first.key) : first.key < second.key
        }.flatMap { name, property -> [HTML] in
            let row: HTML = """
                <tr><th scope="row"><code>\(prefix + name)</code></th><td>\(typeHTML(property))</td>\
                <td>\(answered ? presenceHTML(required.contains(name)) : requiredHTML(required.contains(name)))</td>\
                <td>\(notes(property, description: nil))</td></tr>
                """
            // An object spelled out in place (not a reference) has its fields listed under it.
            return [row]
                + (property.reference == nil
                    ? fieldRows(property, prefix: prefix + name + ".", answered: answered) : [])
        }
    }

    private func schemaBody(_ schema: OpenAPIDocument.Schema) -> HTML {
        let table = fieldsTable(schema)
        let summary: HTML = "<p>\(typeHTML(schema))\(noteSuffix(schema))</p>"
        return schema.properties.isEmpty ? summary : table
    }

    private func noteSuffix(_ schema: OpenAPIDocument.Schema) -> HTML {
        let text = notes(schema, description: nil)
        return text.markup.isEmpty ? .empty : " · " + text
    }

    private func presenceHTML(_ always: Bool) -> HTML {
        always ? "always" : #"<span class="hint">when set</span>"#
    }

    private func requiredHTML(_ required: Bool) -> HTML {
        required ? #"<strong class="required">required</strong>"# : #"<span class="hint">optional</span>"#
    }

    /// `string`, `integer or null`, `array of Order`, `map of string to integer`, a link to a named schema.
    func typeHTML(_ schema: OpenAPIDocument.Schema) -> HTML {
        if let name = schema.referencedName {
            return ##"<a href="#\##(Self.schemaAnchor(name))"><code>\##(name)</code></a>"##
        }
        if !schema.anyOf.isEmpty { return HTML(joining: schema.anyOf.map(typeHTML), separator: " or ") }
        let names = schema.types.map { type -> HTML in
            switch type {
            case "array": return "array of " + (schema.items.map(typeHTML) ?? "anything")
            case "object" where schema.additionalProperties != nil:
                return "map of string to " + typeHTML(schema.additionalProperties!)
            case "string" where schema.format != nil: return "string (\(schema.format!))"
            default: return "\(type)"
            }
        }
        return names.isEmpty ? "any" : HTML(joining: names, separator: " or ")
    }

    /// A schema's description and limits in words: the values allowed, the range, the default.
    private func notes(_ schema: OpenAPIDocument.Schema?, description: String?) -> HTML {
        guard let schema else { return description.map { "\($0)" } ?? .empty }
        var notes: [HTML] = []
        if let description = description ?? schema.description { notes.append("\(description)") }
        if let values = schema.values {
            notes.append("one of \(HTML(joining: values.map { "<code>\($0)</code>" }, separator: ", "))")
        }
        switch (schema.minimum, schema.maximum) {
        case (let low?, let high?): notes.append("\(low) to \(high)")
        case (let low?, nil): notes.append("at least \(low)")
        case (nil, let high?): notes.append("at most \(high)")
        case (nil, nil): break
        }
        if let maxLength = schema.maxLength { notes.append("at most \(maxLength) characters") }
        if let minItems = schema.minItems { notes.append("at least \(minItems) item\(minItems == 1 ? "" : "s")") }
        if let maxItems = schema.maxItems { notes.append("at most \(maxItems) items") }
        if let pattern = schema.pattern { notes.append("matches <code>\(pattern)</code>") }
        if let value = schema.defaultValue { notes.append("default <code>\(value)</code>") }
        if let items = schema.items, let values = items.values {
            notes.append("each one of \(HTML(joining: values.map { "<code>\($0)</code>" }, separator: ", "))")
        }
        // A description that already says the range (`1 to 100`) is not repeated.
        var unique: [HTML] = []
        for note in notes where !unique.contains(where: { $0.markup == note.markup }) { unique.append(note) }
        return HTML(joining: unique, separator: "; ")
    }
}
