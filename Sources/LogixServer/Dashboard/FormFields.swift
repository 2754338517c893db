/// A form's inputs with their labels, the values to show and the problems to announce next to each field
/// (`aria-invalid`, and the message tied to the input by `aria-describedby`).
struct FormFields {
    var values: [String: String]
    /// Field name → what is wrong with it, as the use cases name fields.
    var problems: [String: String]

    func input(
        _ name: String, label: String, type: String = "text", hint: String? = nil, required: Bool = false,
        autocomplete: String? = nil
    ) -> HTML {
        let value = type == "password" ? "" : values[name] ?? ""
        var described: [String] = []
        let hintHTML = hint.map { hint -> HTML in
            described.append("\(name)-hint")
            return #"<span class="hint" id="\#(name)-hint">\#(hint)</span>"#
        }
        let problemHTML = problems[name].map { problem -> HTML in
            described.append("\(name)-error")
            return #"<p class="field-error" id="\#(name)-error" role="alert">\#(problem)</p>"#
        }
        var attributes: HTML = .empty
        if required { attributes = attributes + " required" }
        if let autocomplete { attributes = attributes + #" autocomplete="\#(autocomplete)""# }
        if problems[name] != nil { attributes = attributes + #" aria-invalid="true""# }
        if !described.isEmpty {
            attributes = attributes + #" aria-describedby="\#(described.joined(separator: " "))""#
        }
        return """
            <div class="field"><label for="\(name)">\(label)</label>
            <input id="\(name)" name="\(name)" type="\(type)" value="\(value)"\(attributes)>\(hintHTML)\(problemHTML)</div>
            """
    }
}
