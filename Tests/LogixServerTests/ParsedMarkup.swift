import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Rendered markup read back with Foundation's `XMLParser`: parsing fails unless it is well-formed XML, and
/// attribute values come back unescaped, as a browser reads them.
struct ParsedMarkup {
    /// An element with its attributes and the text directly inside it.
    struct Element {
        let name: String
        let attributes: [String: String]
        var text: String
        /// Names of the elements it lies within, outermost first.
        let ancestors: [String]
    }

    let elements: [Element]

    init(_ markup: String) throws {
        let collector = Collector()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw ParseFailure(reason: parser.parserError.map { "\($0)" } ?? "unknown", markup: markup)
        }
        elements = collector.elements
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// The markup was not well-formed.
    struct ParseFailure: Error, CustomStringConvertible {
        let reason: String
        let markup: String
        var description: String { "not well-formed XML (\(reason)): \(markup.prefix(400))" }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        private var open: [Int] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let ancestors = open.map { elements[$0].name }
            elements.append(Element(name: name, attributes: attributes, text: "", ancestors: ancestors))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current = open.last { elements[current].text += string }
        }
    }
}
