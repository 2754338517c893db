/// Where a link in a guide leads in the dashboard. Guides link to each other the way the repository does
/// (`integration-guide.md#webhooks`, relative to the guide's folder); here that is `/docs/integration-guide#webhooks`.
///
/// - `http(s)://` and `mailto:` addresses open as they are.
/// - `#anchor` stays in the page.
/// - A guide (`docs/NAME.md`) is `/docs/NAME`; an embedded example file is `/docs/examples/…`.
/// - Any other repository path (`../README.md`, a source file) has no page here, and a link with any other
///   scheme (`javascript:`) is never followed: their text is shown without a link.
struct GuideLinks: Sendable {
    /// The linking file's repository path, e.g. `docs/quick-start.md`.
    var from: String
    /// Repository paths that have a page (`docs/quick-start.md`, `examples/curl/get-token.sh`).
    var pages: Set<String>

    func href(_ destination: String) -> String? {
        let lowered = destination.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("mailto:") {
            return destination
        }
        if destination.hasPrefix("#") { return destination }
        let (path, fragment) = Self.split(destination)
        // A scheme (`javascript:`, `data:`) or an absolute address: not a repository path.
        if path.isEmpty || path.hasPrefix("/") || path.prefix(while: { $0 != "/" }).contains(":") { return nil }
        guard let target = Self.resolve(path, from: from), pages.contains(target) else { return nil }
        return Self.pagePath(of: target) + (fragment.map { "#\($0)" } ?? "")
    }

    /// The dashboard's address of a repository file that has a page.
    static func pagePath(of repositoryPath: String) -> String {
        if repositoryPath.hasPrefix("docs/"), repositoryPath.hasSuffix(".md"),
            !repositoryPath.dropFirst(5).contains("/")
        {
            return "/docs/" + Guide.name(ofPath: repositoryPath)
        }
        return "/docs/" + repositoryPath
    }

    /// `path#fragment` apart.
    static func split(_ destination: String) -> (path: String, fragment: String?) {
        guard let hash = destination.firstIndex(of: "#") else { return (destination, nil) }
        return (String(destination[..<hash]), String(destination[destination.index(after: hash)...]))
    }

    /// `path` relative to the folder of the repository file `from`, as a repository path; nil when it leaves
    /// the repository.
    static func resolve(_ path: String, from: String) -> String? {
        var components = from.split(separator: "/").dropLast().map(String.init)
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(component))
            }
        }
        return components.isEmpty ? nil : components.joined(separator: "/")
    }
}
